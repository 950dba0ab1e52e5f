// Stands in for the sanitize-html package (with its HTML parser and postcss, about 70 KB
// compressed), which @jupyter-widgets/base-manager imports for one method: inline_sanitize,
// used only for descriptions with description_allow_html. The site's manager overrides that
// method (page.js) to show such a description as plain text, so this is never called.
export default function sanitizeHtml() {
  throw new Error("sanitize-html is not part of this site's widget manager");
}

// Mark the searched words on the page opened from the search results (book/_ext/doudi_search.py).
//
// Sphinx's sphinx_highlight.js marks them only on pages without its search code
// ("if (typeof Search === 'undefined')"), but pydata-sphinx-theme loads that code on every page
// for its search box, so no page was ever marked. On any page but the search page itself, this
// runs Sphinx's own marking, then brings the first mark into view when the address names no place.
(function () {
  "use strict";

  function mark() {
    if (typeof SphinxHighlight === "undefined" || document.getElementById("search-results")
        && window.location.pathname.endsWith("/search.html")) return;
    const url = new URL(window.location.href);
    if (!localStorage.getItem("sphinx_highlight_terms") && !url.searchParams.get("highlight")) return;
    SphinxHighlight.highlightSearchWords();
    if (!window.location.hash) {
      // sphinx_highlight.js marks the words 10 ms after it is called.
      setTimeout(() => {
        const first = document.querySelector("article span.highlighted");
        if (first) first.scrollIntoView({block: "center"});
      }, 50);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
})();

/* Doudi: this file replaces the theme's 1.5 MB Font Awesome SVG script of the same name
   (pydata-sphinx-theme loads it on every page "so that users can add custom icons").
   The handbook uses no custom icon; the theme's own icons come from the Font Awesome webfont
   that pydata-sphinx-theme.css already carries. tests/site/test_layout_in_browser.py checks
   that the icons still render. */

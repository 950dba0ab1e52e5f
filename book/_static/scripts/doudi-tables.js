// Wide data tables of the dashboards on a phone (book/_ext/doudi_ui.py adds this script).
// calculators/charts.py writes them for Voila too, where a wide table scrolls in its own box;
// in the handbook each cell is given its column's name (data-label) and the table the class
// doudi-cards, so that a phone-width screen shows one card per row (doudi.css), as the handbook's
// own tables do, and no column is cut off at the right edge.
(function () {
  "use strict";

  function cards() {
    for (const table of document.querySelectorAll("article .doudi-table-wrap table.doudi-table:not(.doudi-cards)")) {
      const names = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
      if (!names.length) continue;
      for (const row of table.querySelectorAll("tbody tr")) {
        [...row.cells].forEach((cell, i) => { if (names[i]) cell.dataset.label = names[i]; });
      }
      table.classList.add("doudi-cards");
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", cards);
  else cards();
})();

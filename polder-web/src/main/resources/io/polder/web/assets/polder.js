// Polder web UI: progressive enhancement only; every page works without this script.
// Adds a filter box above long schema tables, to find a column by name, type or description.
(function () {
  "use strict";
  var MIN_ROWS = 8;
  document.querySelectorAll("table[data-filterable]").forEach(function (table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    if (rows.length < MIN_ROWS) {
      return;
    }
    var box = document.createElement("input");
    box.type = "search";
    box.placeholder = "Filter " + rows.length + " columns";
    box.className = "column-filter";
    box.setAttribute("aria-label", "Filter columns");
    box.addEventListener("input", function () {
      var wanted = box.value.trim().toLowerCase();
      rows.forEach(function (row) {
        row.hidden = wanted !== "" && row.textContent.toLowerCase().indexOf(wanted) < 0;
      });
    });
    table.parentNode.insertBefore(box, table);
  });
})();

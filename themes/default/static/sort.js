// Sortable results tables: each column header becomes a button. The first tap on a figure
// sorts worst first (highest late share, lowest on-time rate: `data-worst="low"`), the next
// tap reverses; names sort A–Z. Without JavaScript the table keeps its published order.
(function () {
  "use strict";
  function cellValue(row, index, numeric) {
    var cell = row.children[index];
    if (!cell) return numeric ? null : "";
    if (numeric) {
      var v = cell.getAttribute("data-value");
      return v === null ? null : parseFloat(v);
    }
    var link = cell.querySelector("a");
    return (link || cell).textContent.trim();
  }
  function sortBy(table, index, numeric, header) {
    var body = table.tBodies[0];
    var current = header.getAttribute("aria-sort");
    var first = numeric && header.getAttribute("data-worst") !== "low" ? "descending" : "ascending";
    var next = current === null ? first : current === "ascending" ? "descending" : "ascending";
    var sign = next === "ascending" ? 1 : -1;
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
      if (numeric) {
        // Not reported always goes last, whichever the direction.
        if (x === null || y === null) return (x === null) - (y === null);
        return sign * (x - y);
      }
      return sign * x.localeCompare(y, "vi");
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", next);
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var kind = th.getAttribute("data-sort");
      if (!kind) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, kind === "number", th); });
    });
  });
})();

// Sortable results tables: each column header becomes a button; without JavaScript the
// table is simply shown in its published order.
(function () {
  "use strict";
  function cellValue(row, index, numeric) {
    var cell = row.children[index];
    if (!cell) return numeric ? -Infinity : "";
    if (numeric) {
      var v = cell.getAttribute("data-value");
      return v === null ? -Infinity : parseFloat(v);
    }
    return cell.textContent.trim();
  }
  function sortBy(table, index, numeric, header) {
    var body = table.tBodies[0];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
      var order = numeric ? x - y : x.localeCompare(y, "vi");
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
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

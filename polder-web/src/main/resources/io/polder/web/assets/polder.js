// Polder web UI: progressive enhancement only; every page works without this script.
(function () {
  "use strict";

  // A filter box above long schema tables, to find a column by name, type or description.
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

  // Charts (uPlot, served by Polder): each figure carries its data as JSON in data-chart; the table after it
  // shows the same data, and is folded away once the chart is drawn.
  if (typeof uPlot === "undefined") {
    return;
  }
  document.querySelectorAll("figure.chart[data-chart]").forEach(function (figure) {
    var chart = JSON.parse(figure.getAttribute("data-chart"));
    if (chart.times.length === 0) {
      return;
    }
    var series = [{}, {
      label: chart.label + " (" + chart.unit + ")",
      stroke: "#1f6feb",
      width: 2,
      points: {show: true, size: 6, fill: "#1f6feb"}
    }];
    var data = [chart.times, chart.values];
    if (chart.target !== null) {
      series.push({label: chart.targetLabel, stroke: "#d1242f", dash: [6, 4], width: 1.5, points: {show: false}});
      data.push(chart.times.map(function () { return chart.target; }));
    }
    // from zero, so that a change looks as large as it is; percentages up to 100
    var scales = {x: {time: true}, y: {range: function (plot, min, max) {
      return chart.unit === "%" ? [0, 105] : [0, Math.max(max, 1) * 1.1];
    }}};
    if (chart.times.length === 1) { // a single point: half a day either side, not uPlot's years
      scales.x.range = [chart.times[0] - 43200, chart.times[0] + 43200];
    }
    var options = {
      width: Math.max(260, Math.min(figure.clientWidth || 520, 760)),
      height: 200,
      series: series,
      scales: scales,
      axes: [{}, {label: chart.unit, size: 50}]
    };
    new uPlot(options, data, figure);
    figure.setAttribute("data-drawn", "true");
    var table = figure.nextElementSibling;
    if (table && table.tagName === "DETAILS") {
      table.open = false;
    }
  });
})();

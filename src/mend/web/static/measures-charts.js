/* Draws each questionnaire's scores over time from
 * <script type="application/json" id="measures-chart-data">: the cut-off as a
 * dashed line, the bands as shaded strips and reliable change as markers.
 * Every chart has a sentence and a table beside it. */
(function () {
  "use strict";
  var data = window.MendCharts.data("measures-chart-data");
  if (!data) return;
  var shades = ["rgba(30,107,58,0.08)", "rgba(127,168,201,0.12)", "rgba(201,138,43,0.10)", "rgba(201,138,43,0.18)", "rgba(107,90,78,0.16)", "rgba(107,90,78,0.24)"];

  var bandsPlugin = {
    id: "bands",
    beforeDatasetsDraw: function (chart, args, options) {
      var y = chart.scales.y, area = chart.chartArea, ctx = chart.ctx;
      (options.bands || []).forEach(function (band, i) {
        var top = y.getPixelForValue(band.max + 0.5), bottom = y.getPixelForValue(band.min - 0.5);
        ctx.save();
        ctx.fillStyle = shades[i % shades.length];
        ctx.fillRect(area.left, Math.max(top, area.top), area.right - area.left, Math.min(bottom, area.bottom) - Math.max(top, area.top));
        ctx.restore();
      });
    }
  };

  Array.prototype.forEach.call(document.querySelectorAll("canvas[data-measure]"), function (canvas) {
    var m = data[canvas.dataset.measure];
    if (!m) return;
    var datasets = [{ label: m.label, data: m.totals, borderColor: "#1d4e89", backgroundColor: "#1d4e89", tension: 0 }];
    if (m.cutoff !== null) {
      datasets.push({ label: "Cut-off (" + m.cutoff_name + ", " + m.cutoff + ")", data: m.dates.map(function () { return m.cutoff; }), borderColor: "#8a1c1c", borderDash: [6, 4], pointRadius: 0, fill: false });
    }
    if (m.markers.length) {
      var byDate = {};
      m.markers.forEach(function (k) { byDate[k.date] = k; });
      datasets.push({
        label: "Reliable change since the first",
        data: m.dates.map(function (d) { return byDate[d] ? byDate[d].total : null; }),
        showLine: false, pointRadius: 7, pointStyle: "triangle",
        borderColor: "#000", backgroundColor: m.dates.map(function (d) { return byDate[d] && byDate[d].direction === "deteriorated" ? "#c0392b" : "#1e6b3a"; })
      });
    }
    var y = { beginAtZero: true };
    if (m.range) { y.min = m.range[0]; y.max = m.range[1]; }
    new window.Chart(canvas, {
      type: "line",
      data: { labels: m.dates, datasets: datasets },
      options: { responsive: true, maintainAspectRatio: false, scales: { y: y }, plugins: { bands: { bands: m.bands } } },
      plugins: [bandsPlugin]
    });
  });
})();

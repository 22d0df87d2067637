/* Draws the coping charts from the numbers the page carries in
 * <script type="application/json" id="coping-chart-data">. Every chart has a
 * sentence and a table beside it, so nothing depends on seeing the picture. */
(function () {
  "use strict";
  var data = window.MendCharts.data("coping-chart-data");
  if (!data) return;
  var draw = window.MendCharts.draw;

  draw("chart-balance", window.MendCharts.balance(data.balance));

  var w = data.works;
  draw("chart-works", {
    type: "bar",
    data: {
      labels: w.names,
      datasets: [
        { label: "Best estimate of the drop", data: w.estimate, backgroundColor: "#1f5f8b" },
        { label: "Likely range", data: w.low.map(function (low, i) { return [low, w.high[i]]; }), backgroundColor: "rgba(31,95,139,0.25)", barPercentage: 0.3 }
      ]
    },
    options: {
      indexAxis: "y",
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { title: { display: true, text: "Points of distress relief (0-10)" } }, y: { stacked: true } }
    }
  });

  var g = data.grief;
  draw("chart-grief", {
    type: "bar",
    data: {
      labels: g.weeks,
      datasets: [
        { label: "Focused on the loss", data: g.loss, backgroundColor: "#6b5a8e" },
        { label: "Focused on life going on", data: g.restoration, backgroundColor: "#3f8a7a" }
      ]
    },
    options: { responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
})();

/* Draws the practice's monthly jar balance from
 * <script type="application/json" id="outcomes-chart-data">. Months hidden
 * because fewer than five clients logged moments are gaps, never zeros. The
 * page says the same in a sentence and a table beside the chart. */
(function () {
  "use strict";
  var data = window.MendCharts.data("outcomes-chart-data");
  if (!data) return;
  window.MendCharts.draw("chart-outcomes-balance", {
    type: "line",
    data: {
      labels: data.months,
      datasets: [{
        label: "Moments using only helpful ways (%)",
        data: data.percent,
        borderColor: "#1e6b3a",
        backgroundColor: "#1e6b3a",
        spanGaps: false,
        tension: 0
      }]
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: { y: { min: 0, max: 100, title: { display: true, text: "% of moments" } } }
    }
  });
})();

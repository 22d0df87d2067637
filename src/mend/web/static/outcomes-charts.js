/* Draws the practice's monthly jar balance from
 * <script type="application/json" id="outcomes-chart-data">. Months hidden
 * because fewer than five clients logged moments are gaps, never zeros. The
 * page says the same in a sentence and a table beside the chart. */
(function () {
  "use strict";
  var source = document.getElementById("outcomes-chart-data");
  var canvas = document.getElementById("chart-outcomes-balance");
  if (!source || !canvas || typeof window.Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  window.Chart.defaults.animation = reduce ? false : window.Chart.defaults.animation;
  window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  window.Chart.defaults.color = "#1d2329";
  new window.Chart(canvas, {
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

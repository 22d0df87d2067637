/* Draws the coping charts from the numbers the page carries in
 * <script type="application/json" id="coping-chart-data">. Every chart has a
 * sentence and a table beside it, so nothing depends on seeing the picture. */
(function () {
  "use strict";
  var source = document.getElementById("coping-chart-data");
  if (!source || typeof window.Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  window.Chart.defaults.animation = reduce ? false : window.Chart.defaults.animation;
  window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  window.Chart.defaults.color = "#1d2329";

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) new window.Chart(canvas, config);
  }

  var b = data.balance;
  draw("chart-balance", {
    type: "bar",
    data: {
      labels: b.weeks,
      datasets: [
        { label: "Only ways that help", data: b.helpful_only, backgroundColor: "#1e6b3a" },
        { label: "Ways that help sometimes", data: b.other, backgroundColor: "#7fa8c9" },
        { label: "Some costly ways", data: b.some_harmful, backgroundColor: "#c98a2b" },
        { label: "Only costly ways", data: b.only_harmful, backgroundColor: "#6b5a4e" }
      ]
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } }
    }
  });

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

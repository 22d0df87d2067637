/* What every page with charts shares: Chart.js defaults that follow the page's
 * font and the reader's reduced-motion setting, reading the numbers a page
 * carries in a <script type="application/json">, and the jar-balance chart
 * (the jar page and the healing view draw the same one). */
window.MendCharts = (function () {
  "use strict";
  var ready = false;

  function setUp() {
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    window.Chart.defaults.animation = reduce ? false : window.Chart.defaults.animation;
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    window.Chart.defaults.color = "#1d2329";
    ready = true;
  }

  // The page's numbers, or null when the page has none or Chart.js did not load
  // (the sentence and table beside each chart still say everything).
  function data(id) {
    var source = document.getElementById(id);
    if (!source || typeof window.Chart === "undefined") return null;
    if (!ready) setUp();
    return JSON.parse(source.textContent);
  }

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) new window.Chart(canvas, config);
  }

  function balance(b) {
    return {
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
    };
  }

  return { data: data, draw: draw, balance: balance };
})();

/* Draws the healing view's charts from the numbers the page carries in
 * <script type="application/json" id="healing-chart-data">: each symptom
 * questionnaire over time, the PTGI-SF domains and BRS over time, and the jar
 * balance by week. Every chart has a sentence and a table beside it, so
 * nothing depends on seeing the picture. */
(function () {
  "use strict";
  var data = window.MendCharts.data("healing-chart-data");
  if (!data) return;
  var draw = window.MendCharts.draw;
  // Distinct, colour-blind-friendlier hues (Okabe-Ito), each line also dashed differently.
  var hues = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#56427a"];
  var dashes = [[], [6, 3], [2, 3], [8, 3, 2, 3], [12, 4]];

  function line(labels, datasets, min, max) {
    return {
      type: "line",
      data: { labels: labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        spanGaps: true,
        scales: { y: { min: min, max: max } }
      }
    };
  }

  (data.symptoms || []).forEach(function (s) {
    var range = s.range || [0, null];
    draw("chart-symptom-" + s.id, line(s.dates, [
      { label: s.label, data: s.values, borderColor: "#1d4e89", backgroundColor: "#1d4e89", tension: 0 }
    ], range[0], range[1]));
  });

  if (data.ptgi) {
    draw("chart-ptgi", line(data.ptgi.dates, data.ptgi.domains.map(function (d, i) {
      return {
        label: d.label, data: d.values, tension: 0,
        borderColor: hues[i % hues.length], backgroundColor: hues[i % hues.length],
        borderDash: dashes[i % dashes.length]
      };
    }), 0, 10));
  }

  if (data.brs) {
    draw("chart-brs", line(data.brs.dates, [
      { label: "BRS", data: data.brs.values, borderColor: "#1e6b3a", backgroundColor: "#1e6b3a", tension: 0 }
    ], 1, 5));
  }

  if (data.balance) draw("chart-balance", window.MendCharts.balance(data.balance));
})();

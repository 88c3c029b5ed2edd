/*
 * Charts of the « Métriques » page, drawn with Chart.js from the JSON in data-chart (no inline script: the page
 * works under a strict Content-Security-Policy). The tables above and below hold the same figures.
 */
(function () {
  'use strict';

  var COLOURS = ['#000091', '#ce0500', '#18753c', '#b34000', '#6a6af4', '#a558a0'];

  function draw() {
    var holder = document.getElementById('metrics-charts');
    if (!holder || typeof window.Chart === 'undefined') {
      return;
    }
    var data = JSON.parse(holder.dataset.chart);
    var types = Object.keys(data.types);

    function datasets(series, stacked) {
      return types.map(function (type, i) {
        return {
          label: data.types[type],
          data: series[type],
          backgroundColor: COLOURS[i % COLOURS.length],
          borderColor: COLOURS[i % COLOURS.length],
          spanGaps: true,
          stack: stacked ? 'types' : undefined
        };
      });
    }

    function chart(id, kind, series, title, stacked) {
      var canvas = document.getElementById(id);
      if (!canvas) {
        return;
      }
      new window.Chart(canvas, {
        type: kind,
        data: { labels: data.buckets, datasets: datasets(series, stacked) },
        options: {
          responsive: true,
          animation: false,
          plugins: { title: { display: true, text: title } },
          scales: {
            x: { stacked: stacked },
            y: { stacked: stacked, beginAtZero: true }
          }
        }
      });
    }

    chart('chart-created', 'bar', data.created, holder.dataset.labelCreated, true);
    chart('chart-claim', 'line', data.claimMedianHours, holder.dataset.labelClaim, false);
    chart('chart-done', 'line', data.doneMedianHours, holder.dataset.labelDone, false);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
}());

/*
 * Charts of the « Métriques » page, drawn with Chart.js from the JSON in data-chart (no inline script: the page
 * works under a strict Content-Security-Policy). Each chart is followed by a table with the same figures.
 * Colours: the DSFR's illustrative palette (« main » shades), distinct enough on a white background.
 */
(function () {
  'use strict';

  // bleu France, vert menthe, jaune moutarde, rose tuile, violet glycine, orange terre battue, bleu écume
  var COLOURS = ['#000091', '#009081', '#c3992a', '#ce614a', '#a558a0', '#e4794a', '#465f9d'];

  function draw() {
    var holder = document.getElementById('metrics-charts');
    if (!holder || typeof window.Chart === 'undefined') {
      return;
    }
    var data = JSON.parse(holder.dataset.chart);
    var types = Object.keys(data.types);
    var labels = data.buckets.map(function (iso) {
      var p = iso.split('-');
      return p[2] + '/' + p[1];
    });

    function datasets(series, stacked) {
      return types.map(function (type, i) {
        return {
          label: data.types[type],
          data: series[type],
          backgroundColor: COLOURS[i % COLOURS.length],
          borderColor: COLOURS[i % COLOURS.length],
          borderWidth: stacked ? 0 : 2,
          pointRadius: stacked ? 0 : 3,
          spanGaps: true,
          stack: stacked ? 'types' : undefined
        };
      });
    }

    function chart(id, kind, series, unit, stacked) {
      var canvas = document.getElementById(id);
      if (!canvas) {
        return;
      }
      new window.Chart(canvas, {
        type: kind,
        data: { labels: labels, datasets: datasets(series, stacked) },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          locale: 'fr-FR',
          interaction: { mode: 'index', intersect: false },
          plugins: {
            legend: { position: 'bottom', labels: { boxWidth: 12, font: { family: 'Marianne, arial, sans-serif' } } }
          },
          scales: {
            x: { stacked: stacked, ticks: { autoSkip: true, maxRotation: 0 } },
            y: { stacked: stacked, beginAtZero: true, title: { display: true, text: unit } }
          }
        }
      });
    }

    chart('chart-created', 'bar', data.created, holder.dataset.labelRequests, true);
    chart('chart-claim', 'line', data.claimMedianHours, holder.dataset.labelHours, false);
    chart('chart-done', 'line', data.doneMedianHours, holder.dataset.labelHours, false);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
}());

// Charts of the hub pages: calls and errors per month, uptime per month. The server renders the
// same figures as tables, so without JavaScript (or without Chart.js) nothing is lost.
(function () {
  const box = document.getElementById('hub-charts');
  if (!box || !window.Chart) return;
  let data;
  try {
    data = JSON.parse(box.dataset.chart || '{}');
  } catch {
    return;
  }
  const labels = box.dataset;

  const calls = document.getElementById('hub-calls-chart');
  if (calls && data.months && data.months.length) {
    new window.Chart(calls, {
      type: 'bar',
      data: {
        labels: data.months,
        datasets: [
          { label: labels.labelSuccess, data: data.success, backgroundColor: '#2e7d4f', stack: 'calls' },
          { label: labels.labelClient, data: data.clientErrors, backgroundColor: '#d99a00', stack: 'calls' },
          { label: labels.labelServer, data: data.serverErrors, backgroundColor: '#c0392b', stack: 'calls' },
          { label: labels.labelFaults, data: data.faults, backgroundColor: '#6c3483', stack: 'calls' },
        ],
      },
      options: {
        responsive: true,
        aspectRatio: 3,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } },
      },
    });
    calls.dataset.rendered = 'true';
  }

  const uptime = document.getElementById('hub-uptime-chart');
  if (uptime && data.uptime && data.uptime.length) {
    const months = Array.from(
      new Set(
        data.uptime.flatMap(function (series) {
          return series.points.map(function (p) {
            return p.month;
          });
        }),
      ),
    ).sort();
    new window.Chart(uptime, {
      type: 'line',
      data: {
        labels: months,
        datasets: data.uptime.map(function (series) {
          const byMonth = new Map(
            series.points.map(function (p) {
              return [p.month, p.value];
            }),
          );
          return {
            label: series.label,
            data: months.map(function (m) {
              return byMonth.has(m) ? byMonth.get(m) : null;
            }),
            spanGaps: true,
          };
        }),
      },
      options: { responsive: true, aspectRatio: 3, scales: { y: { suggestedMin: 95, max: 100 } } },
    });
    uptime.dataset.rendered = 'true';
  }
})();

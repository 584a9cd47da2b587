/**
 * The page's own style and script (uPlot itself is read from node_modules at report time).
 * Plain ES2017 in a string: it runs in whatever browser opens the file, offline.
 */

export const REPORT_CSS = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1d1f23; --muted: #5f6670; --border: #d9dce1; --grid: rgba(0,0,0,0.08); --stripe: #f5f6f8; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #15171b; --fg: #e4e6ea; --muted: #9aa1ab; --border: #343840; --grid: rgba(255,255,255,0.10); --stripe: #1c1f24; }
}
html, body { background: var(--bg); color: var(--fg); }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; padding: 24px; max-width: 1200px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 10px; border-bottom: 1px solid var(--border); padding-bottom: 4px; }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--border); vertical-align: top; }
td.num, th.num { text-align: right; }
tbody tr:nth-child(even) { background: var(--stripe); }
.env { width: auto; }
.env th { color: var(--muted); font-weight: normal; padding-right: 24px; }
.charts { display: grid; grid-template-columns: 1fr; gap: 18px; }
.chart { min-width: 0; }
.uplot, .uplot .u-title, .uplot .u-legend { color: var(--fg); }
.uplot .u-title { font-size: 14px; font-weight: 600; }
`;

export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var charts = JSON.parse(document.getElementById('kgw-charts').textContent);
  var palette = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#8cd17d', '#86bcb6', '#d37295'];
  var fmt = {
    bytes: function (v) {
      if (v == null) return '';
      var u = ['B', 'KB', 'MB', 'GB', 'TB'], i = 0;
      while (Math.abs(v) >= 1024 && i < u.length - 1) { v /= 1024; i++; }
      return (i ? v.toFixed(v < 10 ? 1 : 0) : String(Math.round(v))) + ' ' + u[i];
    },
    percent: function (v) { return v == null ? '' : v.toFixed(v < 10 ? 1 : 0) + ' %'; },
    ms: function (v) { return v == null ? '' : v.toFixed(v < 10 ? 2 : 0) + ' ms'; },
    perSecond: function (v) { return v == null ? '' : (v >= 1000 ? (v / 1000).toFixed(1) + 'k' : v.toFixed(v < 10 ? 1 : 0)) + '/s'; }
  };
  function cssVar(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }
  var container = document.getElementById('charts');
  var plots = [];
  function width() { return Math.max(320, container.clientWidth); }
  function draw() {
    plots.forEach(function (p) { p.destroy(); });
    plots = [];
    container.textContent = '';
    var fg = cssVar('--fg'), grid = cssVar('--grid');
    charts.forEach(function (c) {
      var el = document.createElement('div');
      el.className = 'chart';
      el.id = 'chart-' + c.id;
      container.appendChild(el);
      var f = fmt[c.unit];
      var axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
      var opts = {
        title: c.title,
        width: width(),
        height: 240,
        scales: { x: { time: true } },
        axes: [axis, Object.assign({}, axis, { size: 80, values: function (u, vals) { return vals.map(f); } })],
        series: [{}].concat(c.data.series.map(function (s, i) {
          return { label: s.label, stroke: palette[i % palette.length], width: 1.5, value: function (u, v) { return f(v); } };
        }))
      };
      plots.push(new uPlot(opts, [c.data.x].concat(c.data.series.map(function (s) { return s.values; })), el));
    });
  }
  draw();
  // Axis colours come from CSS variables, so redraw when the system theme flips.
  if (window.matchMedia) window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', draw);
  var pending = 0;
  window.addEventListener('resize', function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () { plots.forEach(function (p) { p.setSize({ width: width(), height: 240 }); }); });
  });
})();
`;

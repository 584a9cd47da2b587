/** The bench run as a self-contained HTML page (a table; opens offline, light and dark). */
import { escapeHtml, jsonForScript } from '../metrics/report-html';
import { TABLE_COLUMNS, machineLine, rowCells } from './report-table';
import type { BenchRun } from './run-bench';

const CSS = `
:root { color-scheme: light dark; --fg: #202124; --bg: #fff; --muted: #5f6368; --border: #dadce0; --bad: #c5221f; --good: #188038; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8eaed; --bg: #1e1f22; --muted: #9aa0a6; --border: #3c4043; --bad: #f28b82; --good: #81c995; } }
body { font: 14px system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 24px; }
table { border-collapse: collapse; margin: 12px 0; }
th, td { border-bottom: 1px solid var(--border); padding: 4px 10px; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: var(--muted); }
.met-yes { color: var(--good); } .met-NO, .failed { color: var(--bad); font-weight: 600; }
`;

export function benchHtml(run: BenchRun): string {
  const numeric = new Set([2, 4]);
  const rows = run.rows
    .map((r) => {
      const cells = rowCells(r);
      const tds = cells.map((c, i) => {
        const cls = [numeric.has(i) ? 'num' : '', i === 6 ? `met-${c}` : '', i === 2 && r.error ? 'failed' : ''].filter(Boolean).join(' ');
        const title = i === 2 && r.error ? ` title="${escapeHtml(r.error.message)}"` : '';
        return `<td${cls ? ` class="${cls}"` : ''}${title}>${escapeHtml(c)}</td>`;
      });
      return `<tr data-group="${escapeHtml(r.group)}">${tds.join('')}</tr>`;
    })
    .join('\n');
  const extras = run.rows
    .filter((r) => r.error || (r.extra && Object.keys(r.extra).length))
    .map((r) => `<li><strong>${escapeHtml(`${r.group}: ${r.name}`)}</strong> — ${escapeHtml(r.error ? r.error.message : Object.entries(r.extra!).map(([k, v]) => `${k} ${v}`).join(', '))}</li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>KG Workbench bench ${escapeHtml(run.startedAt)}</title><style>${CSS}</style></head>
<body>
<h1>KG Workbench benchmarks</h1>
<p class="muted">${escapeHtml(machineLine(run))}</p>
<p class="muted">Run ${escapeHtml(run.startedAt)}${run.quick ? ' (quick set)' : ''}${run.groups.length ? `, groups: ${escapeHtml(run.groups.join(', '))}` : ''}</p>
<table id="bench"><thead><tr>${TABLE_COLUMNS.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table>
${extras ? `<h2>Details</h2><ul>${extras}</ul>` : ''}
<script type="application/json" id="kgw-bench">${jsonForScript(run)}</script>
</body></html>
`;
}

/**
 * A self-contained HTML report: opens offline from a file. uPlot's JS and CSS are read from
 * node_modules/uplot/dist when the report is made and inlined (never copied into the repo); the
 * report itself is embedded as JSON in <script type="application/json" id="kgw-report">.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../common/errors';
import type { ProfilingReport } from '../../common/metrics/report-schema';
import { findAppRoot } from './environment';
import { jobDurationMs, jobStages } from './job-stats';
import { reportCharts } from './report-charts';
import { REPORT_CSS, REPORT_SCRIPT } from './report-html-assets';

export interface HtmlReportOptions {
  /** Folder of uPlot's dist files; <app root>/node_modules/uplot/dist by default. */
  uplotDir?: string;
  title?: string;
}

function readUplot(dir: string | undefined): { js: string; css: string } {
  const dist = dir ?? path.join(findAppRoot() ?? process.cwd(), 'node_modules', 'uplot', 'dist');
  const jsFile = path.join(dist, 'uPlot.iife.min.js');
  try {
    return { js: readFileSync(jsFile, 'utf8'), css: readFileSync(path.join(dist, 'uPlot.min.css'), 'utf8') };
  } catch (err) {
    throw new WorkbenchError('IO_ERROR', `The HTML report needs the uPlot library (npm package "uplot"), which could not be read: ${(err as Error).message}`, {
      file: jsFile,
    });
  }
}

/** Text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * JSON that is safe inside a <script> element: every "<" becomes \u003c, so neither "</script>"
 * nor "<!--" can end or change the element; U+2028/2029 are escaped for old JS parsers. JSON.parse
 * reads the result back to the identical value.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Inline JS/CSS must not contain the closing tag of its element; escaping keeps the code valid. */
function inlineSafe(code: string, tag: 'script' | 'style'): string {
  return code.replace(new RegExp(`</${tag}`, 'gi'), `<\\/${tag}`);
}

const fmtMs = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms < 1000 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en-US'));
const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtBytes = (b: number) => {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (b >= 1024 && i < units.length - 1) {
    b /= 1024;
    i++;
  }
  return `${i ? b.toFixed(1) : b} ${units[i]}`;
};

function environmentTable(report: ProfilingReport): string {
  const e = report.environment;
  const rows: [string, string][] = [
    ['App version', e.appVersion ?? '—'],
    ['Node', e.node],
    ...(e.electron ? ([['Electron', e.electron]] as [string, string][]) : []),
    ['V8', e.v8],
    ['Platform', `${e.platform} ${e.arch}, ${e.osRelease}`],
    ['CPU', `${e.cpus.count} × ${e.cpus.model}`],
    ['Memory', fmtBytes(e.totalmem)],
    ['Native modules', Object.entries(e.nativeModules).map(([n, v]) => `${n} ${v ?? '(not installed)'}`).join(', ')],
    ...(e.workspace ? ([['Workspace', `${e.workspace.path} — ${fmtBytes(e.workspace.bytes)} in ${fmtInt(e.workspace.files)} files`]] as [string, string][]) : []),
  ];
  return `<table class="env"><tbody>${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</tbody></table>`;
}

/** One row per stage of every job (a job without a stage breakdown gets one row saying so). */
function jobsTable(report: ProfilingReport): string {
  if (report.jobs.length === 0) return '<p class="muted">No jobs ran while these samples were taken.</p>';
  const rows: string[] = [];
  for (const job of report.jobs) {
    const wall = jobDurationMs(job);
    const head = `<td>${escapeHtml(job.jobId)}</td><td>${escapeHtml(job.method)}</td><td>${escapeHtml(job.state)}</td><td class="num">${wall === undefined ? '—' : fmtMs(wall)}</td>`;
    const stages = jobStages(job);
    if (stages.length === 0) {
      rows.push(`<tr class="job-row">${head}<td class="muted" colspan="5">no stage breakdown</td></tr>`);
      continue;
    }
    for (const st of stages) {
      const rate = st.items !== undefined && st.ms > 0 ? fmtInt((st.items * 1000) / st.ms) : '—';
      const share = wall ? `${((st.ms / wall) * 100).toFixed(1)} %` : '—';
      rows.push(
        `<tr class="stage-row">${head}<td>${escapeHtml(st.name)}</td><td class="num">${fmtMs(st.ms)}</td><td class="num">${st.items === undefined ? '—' : fmtInt(st.items)}</td><td class="num">${rate}</td><td class="num">${share}</td></tr>`,
      );
    }
  }
  return `<table class="jobs"><thead><tr><th>Job</th><th>Method</th><th>State</th><th class="num">Wall ms</th><th>Stage</th><th class="num">Stage ms</th><th class="num">Items</th><th class="num">Items/s</th><th class="num">Share of wall</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function toHTML(report: ProfilingReport, options: HtmlReportOptions = {}): string {
  const uplot = readUplot(options.uplotDir);
  const charts = reportCharts(report.samples);
  const title = options.title ?? 'KG Workbench profiling report';
  const processes = [...new Set(report.samples.map((s) => s.process))];
  const span = report.samples.length ? (report.samples[report.samples.length - 1]!.t - report.samples[0]!.t) / 1000 : 0;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)}</title>
<style>${inlineSafe(uplot.css, 'style')}</style>
<style>${REPORT_CSS}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="muted">Created ${escapeHtml(report.createdAt)} — ${fmtInt(report.samples.length)} samples from ${processes.length} process(es) over ${span.toFixed(0)} s, ${report.jobs.length} job(s).</p>
<h2>Environment</h2>
${environmentTable(report)}
<h2>Charts</h2>
${charts.length ? '' : '<p class="muted">No samples in this report.</p>'}
<div id="charts" class="charts"></div>
<h2>Jobs and stages</h2>
${jobsTable(report)}
<script type="application/json" id="kgw-report">${jsonForScript(report)}</script>
<script type="application/json" id="kgw-charts">${jsonForScript(charts)}</script>
<script>${inlineSafe(uplot.js, 'script')}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

/** One CSV row per sample (RFC 4180), for spreadsheets and pandas. */
import type { ProcessSample } from '../../common/protocol/metrics';
import type { ProfilingReport } from '../../common/metrics/report-schema';
import { counterNames } from '../../common/metrics/chart-series';

const FIXED_COLUMNS: [string, (s: ProcessSample) => string | number | undefined][] = [
  ['t', (s) => s.t],
  ['time', (s) => new Date(s.t).toISOString()],
  ['process', (s) => s.process],
  ['pid', (s) => s.pid],
  ['rss', (s) => s.rss],
  ['heapUsed', (s) => s.heapUsed],
  ['heapTotal', (s) => s.heapTotal],
  ['external', (s) => s.external],
  ['arrayBuffers', (s) => s.arrayBuffers],
  ['cpu', (s) => s.cpu],
  ['eventLoopDelayMs', (s) => s.eventLoopDelayMs],
  ['latencyP50Ms', (s) => s.latency?.p50],
  ['latencyP95Ms', (s) => s.latency?.p95],
  ['latencyP99Ms', (s) => s.latency?.p99],
  ['latencyCount', (s) => s.latency?.count],
];

/** Quotes a field when it holds a comma, quote or line break; doubles inner quotes. */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  const s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Columns: t (unix ms), time (ISO), process, pid, memory in bytes, cpu (% of one core), event-loop
 * delay and latency in ms, then one `counters.<name>` column per counter (items since the
 * process's previous sample; empty when the sample did not report that counter). CRLF line ends.
 */
export function toCSV(report: Pick<ProfilingReport, 'samples'>): string {
  const counters = counterNames(report.samples);
  const header = [...FIXED_COLUMNS.map(([name]) => name), ...counters.map((c) => `counters.${c}`)];
  const rows = [header.map(csvField).join(',')];
  for (const s of report.samples) {
    const fixed = FIXED_COLUMNS.map(([, pick]) => csvField(pick(s)));
    const counts = counters.map((c) => csvField(s.counters?.[c]));
    rows.push([...fixed, ...counts].join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

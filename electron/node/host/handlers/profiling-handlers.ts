/** profiling.history and profiling.report: the host's sample history and exportable reports. */
import type { HostHandler } from './types';
import type { Host } from '../host';
import { toColumns, type ReportFormat, type ProfilingReportText } from '../../../common/protocol/profiling';
import type { ProcessSample } from '../../../common/protocol/metrics';
import { profilingState, allSamples } from '../profiling-state';
import { buildReport, toCSV, toHTML, toJSON } from '../../metrics/report';
import { renderPrometheusText, PROMETHEUS_CONTENT_TYPE } from '../../metrics/prometheus';

const EXTENSIONS: Record<ReportFormat, string> = { json: 'json', html: 'html', csv: 'csv', prometheus: 'prom' };
const MIME_TYPES: Record<ReportFormat, string> = {
  json: 'application/json',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  prometheus: PROMETHEUS_CONTENT_TYPE,
};

/** kgw-profile-2026-11-24T06-21-45.html: sortable, and valid on every file system. */
export function reportFileName(format: ReportFormat, at: Date): string {
  return `kgw-profile-${at.toISOString().slice(0, 19).replace(/:/g, '-')}.${EXTENSIONS[format]}`;
}

/** The Prometheus page of a host: newest sample of every process, totals since recording began. */
export function hostPrometheusText(host: Host, extraSamples: readonly ProcessSample[] = []): string {
  const { store } = profilingState(host);
  return renderPrometheusText({ samples: [...store.latestAll(), ...extraSamples], jobs: host.jobList(), totals: store.allTotals() });
}

export async function hostReport(host: Host, format: ReportFormat, clientSamples: readonly ProcessSample[] = []): Promise<ProfilingReportText> {
  const createdAt = new Date();
  const base = { format, fileName: reportFileName(format, createdAt), mimeType: MIME_TYPES[format] };
  if (format === 'prometheus') return { ...base, text: hostPrometheusText(host, clientSamples) };
  const { store } = profilingState(host);
  const options = { samples: [...allSamples(store), ...clientSamples], jobs: host.jobList(), createdAt };
  // A workspace folder that cannot be measured (removed under us, a Neo4j workspace without one)
  // costs the report its size line, not the whole report.
  const report = await buildReport({ ...options, workspaceDir: host.workspace?.path }).catch(() => buildReport(options));
  const text = format === 'json' ? toJSON(report) : format === 'csv' ? toCSV(report) : toHTML(report, { title: 'KG Workbench profile' });
  return { ...base, text };
}

export const profilingHandlers: Record<string, HostHandler> = {
  'profiling.history': (params: { windowSec: number }, host) => {
    const { store } = profilingState(host);
    const byProcess = store.window(params.windowSec * 1000, Date.now());
    return { processes: Object.entries(byProcess).filter(([, s]) => s.length > 0).map(([p, s]) => toColumns(p, s)) };
  },
  'profiling.report': (params: { format: ReportFormat; clientSamples?: ProcessSample[] }, host) => hostReport(host, params.format, params.clientSamples),
};

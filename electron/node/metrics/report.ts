/**
 * Profiling reports: the environment, every kept sample and every job, exported as JSON, CSV or a
 * self-contained HTML page (report-csv.ts, report-html.ts).
 */
import type { ProcessSample } from '../../common/protocol/metrics';
import type { JobState } from '../../common/protocol/jobs';
import type { ProfilingReport } from '../../common/metrics/report-schema';
import { collectEnvironment, type EnvironmentOptions } from './environment';

export type { ProfilingReport } from '../../common/metrics/report-schema';
export { toCSV } from './report-csv';
export { toHTML, type HtmlReportOptions } from './report-html';

export interface BuildReportOptions extends EnvironmentOptions {
  /** Samples of any processes, any order (e.g. Object.values(store.all()).flat()). */
  samples: readonly ProcessSample[];
  jobs: readonly JobState[];
  /** Report time; now by default. */
  createdAt?: Date;
}

export async function buildReport(options: BuildReportOptions): Promise<ProfilingReport> {
  const samples = [...options.samples].sort((a, b) => a.t - b.t || a.process.localeCompare(b.process));
  return {
    createdAt: (options.createdAt ?? new Date()).toISOString(),
    environment: await collectEnvironment(options),
    samples,
    jobs: [...options.jobs],
  };
}

/** The report as JSON text (2-space indented: reports are read by people as well as programs). */
export function toJSON(report: ProfilingReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * The workbench's metrics in Prometheus text format (served at /metrics by the headless host and
 * exported with reports). Names and meanings are listed in METRICS.md next to this file.
 */
import type { ProcessSample } from '../../common/protocol/metrics';
import type { JobState } from '../../common/protocol/jobs';
import type { ProcessTotals } from '../../common/metrics/sample-store';
import { renderExposition, type MetricFamily, type MetricSample } from './exposition';
import { jobStages } from './job-stats';

export { PROMETHEUS_CONTENT_TYPE } from './exposition';

export interface PrometheusInput {
  /** Process samples; gauges use the newest sample of each process. */
  samples: readonly ProcessSample[];
  /** Jobs the host knows about (job.list). */
  jobs: readonly JobState[];
  /**
   * Running totals per process (SampleStore.allTotals()). Needed for the monotonic counters
   * kgw_work_items_total and the summary's _count; without them those lines are left out rather
   * than made up from one sample.
   */
  totals?: Readonly<Record<string, ProcessTotals>>;
}

const QUANTILES = [
  ['0.5', 'p50'],
  ['0.95', 'p95'],
  ['0.99', 'p99'],
] as const;

/** Newest sample of each process, in first-seen order. */
export function latestPerProcess(samples: readonly ProcessSample[]): ProcessSample[] {
  const newest = new Map<string, ProcessSample>();
  for (const s of samples) {
    const prev = newest.get(s.process);
    if (!prev || s.t >= prev.t) newest.set(s.process, s);
  }
  return [...newest.values()];
}

function perProcessGauge(name: string, help: string, latest: ProcessSample[], pick: (s: ProcessSample) => number | undefined): MetricFamily {
  const samples: MetricSample[] = [];
  for (const s of latest) {
    const v = pick(s);
    if (v !== undefined) samples.push({ labels: { process: s.process }, value: v });
  }
  return { name, help, type: 'gauge', samples };
}

function sortedEntries(record: Readonly<Record<string, number>>): [string, number][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}

export function prometheusFamilies(input: PrometheusInput): MetricFamily[] {
  const latest = latestPerProcess(input.samples);
  const families: MetricFamily[] = [
    perProcessGauge('kgw_process_resident_memory_bytes', 'Resident set size of the process, bytes.', latest, (s) => s.rss),
    perProcessGauge('kgw_process_heap_used_bytes', 'V8 heap in use, bytes.', latest, (s) => s.heapUsed),
    perProcessGauge('kgw_process_heap_total_bytes', 'V8 heap reserved, bytes.', latest, (s) => s.heapTotal),
    perProcessGauge('kgw_process_external_memory_bytes', 'Memory of C++ objects bound to JS objects (includes array buffers), bytes.', latest, (s) => s.external),
    perProcessGauge('kgw_process_array_buffers_bytes', 'Memory of ArrayBuffers and SharedArrayBuffers, bytes.', latest, (s) => s.arrayBuffers),
    perProcessGauge('kgw_process_cpu_percent', 'CPU use over the last sampling window, percent of one core (200 = two cores busy).', latest, (s) => s.cpu),
    perProcessGauge('kgw_event_loop_delay_seconds', 'Event-loop delay over the last sampling window (p99 unless configured otherwise), seconds.', latest, (s) => s.eventLoopDelayMs / 1000),
    perProcessGauge('kgw_process_last_sample_timestamp_seconds', 'Unix time of the newest sample of the process, seconds.', latest, (s) => s.t / 1000),
  ];

  const lastWindow: MetricSample[] = [];
  for (const s of latest) for (const [kind, n] of sortedEntries(s.counters ?? {})) lastWindow.push({ labels: { process: s.process, kind }, value: n });
  families.push({ name: 'kgw_work_items_last_sample', help: 'Work items done in the last sampling window (about one second), by process and kind.', type: 'gauge', samples: lastWindow });

  const totals = input.totals ?? {};
  const workTotals: MetricSample[] = [];
  for (const [process, t] of Object.entries(totals)) {
    for (const [kind, n] of sortedEntries(t.counters)) workTotals.push({ labels: { process, kind }, value: n });
  }
  families.push({ name: 'kgw_work_items_total', help: 'Work items done since the process started being sampled, by process and kind.', type: 'counter', samples: workTotals });

  const latency: MetricSample[] = [];
  for (const s of latest) {
    if (!s.latency) continue;
    for (const [q, key] of QUANTILES) latency.push({ labels: { process: s.process, quantile: q }, value: s.latency[key] / 1000 });
    const total = totals[s.process];
    if (total) latency.push({ suffix: '_count', labels: { process: s.process }, value: total.latencyCount });
  }
  families.push({ name: 'kgw_query_latency_seconds', help: 'Query latency over the last sampling window, seconds; _count counts all queries (no _sum is tracked).', type: 'summary', samples: latency });

  const byMethodState = new Map<string, { method: string; state: string; n: number }>();
  const running = new Map<string, number>();
  const stageSeconds = new Map<string, { method: string; stage: string; s: number; items?: number }>();
  for (const job of input.jobs) {
    if (job.state === 'running') {
      running.set(job.method, (running.get(job.method) ?? 0) + 1);
      continue;
    }
    const key = `${job.method}\u0000${job.state}`;
    const entry = byMethodState.get(key) ?? { method: job.method, state: job.state, n: 0 };
    entry.n++;
    byMethodState.set(key, entry);
    for (const st of jobStages(job)) {
      const sk = `${job.method}\u0000${st.name}`;
      const acc = stageSeconds.get(sk) ?? { method: job.method, stage: st.name, s: 0 };
      acc.s += st.ms / 1000;
      if (st.items !== undefined) acc.items = (acc.items ?? 0) + st.items;
      stageSeconds.set(sk, acc);
    }
  }
  families.push({
    name: 'kgw_jobs_total',
    help: 'Jobs that ended, by method and final state (finished, failed, cancelled).',
    type: 'counter',
    samples: [...byMethodState.values()].map((e) => ({ labels: { method: e.method, state: e.state }, value: e.n })),
  });
  families.push({
    name: 'kgw_jobs_running',
    help: 'Jobs running now, by method.',
    type: 'gauge',
    samples: [...running].map(([method, n]) => ({ labels: { method }, value: n })),
  });
  const stages = [...stageSeconds.values()];
  families.push({
    name: 'kgw_job_stage_seconds_total',
    help: 'Time spent in each stage of ended jobs, by method and stage, seconds.',
    type: 'counter',
    samples: stages.map((e) => ({ labels: { method: e.method, stage: e.stage }, value: e.s })),
  });
  families.push({
    name: 'kgw_job_stage_items_total',
    help: 'Items processed in each stage of ended jobs, by method and stage.',
    type: 'counter',
    samples: stages.filter((e) => e.items !== undefined).map((e) => ({ labels: { method: e.method, stage: e.stage }, value: e.items! })),
  });
  return families;
}

/** The whole /metrics page. */
export function renderPrometheusText(input: PrometheusInput): string {
  return renderExposition(prometheusFamilies(input));
}

/**
 * Profiling and report methods (issue "Profiling").
 *
 * History travels column-wise: one array per field per process instead of one object per sample.
 * An hour of six processes is 21 600 samples; as objects every sample repeats a dozen key names,
 * as columns the keys appear once per process (about a third of the bytes; see profiling.test.ts).
 */
import { z } from 'zod';
import { method } from './define';
import { ProcessSampleSchema, type ProcessSample } from './metrics';

const nums = z.array(z.number());
/** A gap in an optional column (a sample without that counter or without latencies). */
const optionalNums = z.array(z.number().nullable());

export const SampleColumnsSchema = z.object({
  process: z.string(),
  pid: z.number().int().optional(),
  t: nums,
  rss: nums,
  heapUsed: nums,
  heapTotal: optionalNums,
  external: nums,
  arrayBuffers: nums,
  cpu: nums,
  eventLoopDelayMs: nums,
  counters: z.record(z.string(), optionalNums),
  /** p50, p95, p99, count per sample; null where the sample had no latencies. */
  latency: z.object({ p50: optionalNums, p95: optionalNums, p99: optionalNums, count: optionalNums }).optional(),
});
export type SampleColumns = z.infer<typeof SampleColumnsSchema>;

export const REPORT_FORMATS = ['json', 'html', 'csv', 'prometheus'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const ProfilingReportTextSchema = z.object({
  format: z.enum(REPORT_FORMATS),
  /** A file name to save it under: kgw-profile-<time>.<ext>. */
  fileName: z.string(),
  mimeType: z.string(),
  text: z.string(),
});
export type ProfilingReportText = z.infer<typeof ProfilingReportTextSchema>;

export const profilingMethods = {
  /** Samples of every process over the last `windowSec` seconds (the host keeps one hour). */
  'profiling.history': method({
    route: 'host',
    params: z.object({ windowSec: z.number().int().min(1).max(3600).default(300) }),
    result: z.object({ processes: z.array(SampleColumnsSchema) }),
  }),
  /**
   * The whole report (environment, every kept sample, every job with its stages) as text.
   * `clientSamples` are the caller's own samples (the renderer's), added to the report.
   */
  'profiling.report': method({
    route: 'host',
    params: z.object({ format: z.enum(REPORT_FORMATS), clientSamples: z.array(ProcessSampleSchema).max(7200).optional() }),
    result: ProfilingReportTextSchema,
  }),
};

/** Samples of one process (oldest first) as columns. */
export function toColumns(process: string, samples: readonly ProcessSample[]): SampleColumns {
  const n = samples.length;
  const col = (pick: (s: ProcessSample) => number) => samples.map(pick);
  const counterNames = new Set<string>();
  for (const s of samples) for (const k of Object.keys(s.counters ?? {})) counterNames.add(k);
  const counters: Record<string, (number | null)[]> = {};
  for (const name of counterNames) counters[name] = samples.map((s) => s.counters?.[name] ?? null);
  const out: SampleColumns = {
    process,
    t: col((s) => s.t),
    rss: col((s) => s.rss),
    heapUsed: col((s) => s.heapUsed),
    heapTotal: samples.map((s) => s.heapTotal ?? null),
    external: col((s) => s.external),
    arrayBuffers: col((s) => s.arrayBuffers),
    cpu: col((s) => s.cpu),
    eventLoopDelayMs: col((s) => s.eventLoopDelayMs),
    counters,
  };
  const pid = n ? samples[n - 1]!.pid : undefined;
  if (pid !== undefined) out.pid = pid;
  if (samples.some((s) => s.latency)) {
    out.latency = {
      p50: samples.map((s) => s.latency?.p50 ?? null),
      p95: samples.map((s) => s.latency?.p95 ?? null),
      p99: samples.map((s) => s.latency?.p99 ?? null),
      count: samples.map((s) => s.latency?.count ?? null),
    };
  }
  return out;
}

/** The samples back from columns: the exact inverse of toColumns (pid is the process's newest). */
export function fromColumns(c: SampleColumns): ProcessSample[] {
  const out: ProcessSample[] = [];
  for (let i = 0; i < c.t.length; i++) {
    const counters: Record<string, number> = {};
    for (const [name, values] of Object.entries(c.counters)) {
      const v = values[i];
      if (v !== null && v !== undefined) counters[name] = v;
    }
    const s: ProcessSample = {
      process: c.process,
      t: c.t[i]!,
      rss: c.rss[i]!,
      heapUsed: c.heapUsed[i]!,
      external: c.external[i]!,
      arrayBuffers: c.arrayBuffers[i]!,
      cpu: c.cpu[i]!,
      eventLoopDelayMs: c.eventLoopDelayMs[i]!,
      counters,
    };
    if (c.pid !== undefined) s.pid = c.pid;
    const heapTotal = c.heapTotal[i];
    if (heapTotal !== null && heapTotal !== undefined) s.heapTotal = heapTotal;
    const l = c.latency;
    if (l && l.count[i] !== null && l.count[i] !== undefined) {
      s.latency = { p50: l.p50[i] ?? 0, p95: l.p95[i] ?? 0, p99: l.p99[i] ?? 0, count: l.count[i]! };
    }
    out.push(s);
  }
  return out;
}

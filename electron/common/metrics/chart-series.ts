/**
 * Turns per-process samples into the column layout uPlot wants: one shared x axis (unix seconds)
 * and one y array per series, with null where a process has no sample in that second. Used by the
 * live charts and by the HTML report, so both draw the same numbers.
 */
import type { ProcessSample } from '../protocol/metrics';

export interface SeriesSpec {
  label: string;
  process: string;
  /** The value of a sample; `prev` is the process's previous sample (for rates). undefined = gap. */
  value: (s: ProcessSample, prev: ProcessSample | undefined) => number | undefined;
}

export interface AlignedSeries {
  /** Bucket start times, unix seconds, ascending. */
  x: number[];
  series: { label: string; values: (number | null)[] }[];
}

/**
 * Aligns samples to buckets of `bucketMs` (1 s by default, the sampling period). When a process
 * reports twice within one bucket, the later sample wins.
 */
export function alignSeries(samplesByProcess: Record<string, ProcessSample[]>, specs: readonly SeriesSpec[], bucketMs = 1000): AlignedSeries {
  const bucketOf = (t: number) => Math.floor(t / bucketMs);
  const buckets = new Set<number>();
  for (const spec of specs) for (const s of samplesByProcess[spec.process] ?? []) buckets.add(bucketOf(s.t));
  const sorted = [...buckets].sort((a, b) => a - b);
  const index = new Map(sorted.map((b, i) => [b, i]));
  const series = specs.map((spec) => {
    const values: (number | null)[] = new Array(sorted.length).fill(null);
    let prev: ProcessSample | undefined;
    for (const s of samplesByProcess[spec.process] ?? []) {
      const v = spec.value(s, prev);
      prev = s;
      if (v !== undefined && Number.isFinite(v)) values[index.get(bucketOf(s.t))!] = v;
    }
    return { label: spec.label, values };
  });
  return { x: sorted.map((b) => (b * bucketMs) / 1000), series };
}

/**
 * Per-second rate of a counter between two consecutive samples (counters hold work done since the
 * previous sample). The first sample of a process has no interval, so it is a gap, not a guess.
 */
/** Every process samples once a second, its first sample one period after its sampler started. */
export const SAMPLE_PERIOD_MS = 1000;

/**
 * Per-second rate of a counter between a sample and the one before it. A process's first sample is
 * no gap: its window is the sampling period since the sampler started, and a worker started for
 * one short import reports all of that import's work in its first sample (measured: the ingest
 * worker's only non-zero sample of a 0.5 s import was its first).
 */
export function counterRate(name: string): SeriesSpec['value'] {
  return (s, prev) => {
    if (!prev) return ((s.counters?.[name] ?? 0) * 1000) / SAMPLE_PERIOD_MS;
    if (s.t <= prev.t) return undefined;
    return ((s.counters?.[name] ?? 0) * 1000) / (s.t - prev.t);
  };
}

/** Counter names a set of samples uses, sorted. */
export function counterNames(samples: Iterable<ProcessSample>): string[] {
  const names = new Set<string>();
  for (const s of samples) for (const k of Object.keys(s.counters ?? {})) names.add(k);
  return [...names].sort();
}

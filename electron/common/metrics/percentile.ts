/**
 * Percentiles of latency samples.
 *
 * Definition used everywhere in the workbench: linear interpolation between closest ranks
 * (Hyndman & Fan type 7 — the default of numpy.percentile, R's quantile() and Excel's
 * PERCENTILE.INC). For n sorted values x[0..n-1] and q in [0, 1]:
 *   h = (n - 1) * q,  result = x[⌊h⌋] + (h - ⌊h⌋) * (x[⌊h⌋ + 1] - x[⌊h⌋])
 * so p0 is the minimum, p100 the maximum, and p50 of an even count is the mean of the middle pair.
 * An empty input has no percentile: the functions return NaN and callers decide what to show.
 */

/** Percentile q (0..1) of values already sorted ascending. */
export function percentileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  if (!(q >= 0 && q <= 1)) throw new RangeError(`percentile q must be within [0, 1], got ${q}`);
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const frac = h - lo;
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  // `a + frac * (b - a)` keeps equal neighbours exact (no 0 * Infinity, no rounding drift).
  return frac === 0 ? a : a + frac * (b - a);
}

/** Sorts a copy of `values` once and reads several percentiles from it. */
export function percentiles(values: ArrayLike<number>, qs: readonly number[]): number[] {
  const sorted = Float64Array.from(values as ArrayLike<number>);
  sorted.sort(); // typed-array sort is numeric, unlike Array#sort
  return qs.map((q) => percentileOfSorted(sorted, q));
}

export interface LatencyPercentiles {
  p50: number;
  p95: number;
  p99: number;
  count: number;
}

/** p50/p95/p99 and count of a set of values; an empty set gives zeros with count 0. */
export function latencyPercentiles(values: ArrayLike<number>, count = values.length): LatencyPercentiles {
  if (values.length === 0) return { p50: 0, p95: 0, p99: 0, count: 0 };
  const [p50, p95, p99] = percentiles(values, [0.5, 0.95, 0.99]) as [number, number, number];
  return { p50, p95, p99, count };
}

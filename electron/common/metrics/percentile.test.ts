import { describe, expect, it } from 'vitest';
import { latencyPercentiles, percentileOfSorted, percentiles } from './percentile';
import { LatencyWindow } from './latency-window';
import { seededRandom } from './test-random';

/**
 * Independent naive reference: the k-th smallest value found by counting (no sorting), then the
 * type-7 interpolation between the k-th and (k+1)-th. O(n²), fine for a few thousand values.
 */
function naiveKth(values: number[], k: number): number {
  for (const v of values) {
    let less = 0;
    let equal = 0;
    for (const w of values) {
      if (w < v) less++;
      else if (w === v) equal++;
    }
    if (less <= k && k < less + equal) return v;
  }
  throw new Error('unreachable');
}
function naivePercentile(values: number[], q: number): number {
  const h = (values.length - 1) * q;
  const lo = Math.floor(h);
  const a = naiveKth(values, lo);
  const b = naiveKth(values, Math.min(lo + 1, values.length - 1));
  return a + (h - lo) * (b - a);
}

describe('percentiles (type 7, linear interpolation)', () => {
  it('matches known small cases (numpy.percentile values)', () => {
    expect(percentiles([1, 2, 3, 4], [0.5])).toEqual([2.5]);
    expect(percentiles([3, 1, 2], [0, 0.5, 1])).toEqual([1, 2, 3]);
    expect(percentiles([7], [0, 0.5, 0.99, 1])).toEqual([7, 7, 7, 7]);
    const oneToTen = Array.from({ length: 10 }, (_, i) => i + 1);
    const [p95] = percentiles(oneToTen, [0.95]);
    expect(p95).toBeCloseTo(9.55, 12);
    const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);
    const [p50, p99] = percentiles(oneToHundred, [0.5, 0.99]);
    expect(p50).toBeCloseTo(50.5, 12);
    expect(p99).toBeCloseTo(99.01, 12);
  });

  it('sorts numerically, not as strings', () => {
    expect(percentiles([10, 9, 100, 2], [0, 1])).toEqual([2, 100]);
  });

  it('returns NaN for an empty set and rejects q outside [0, 1]', () => {
    expect(percentileOfSorted([], 0.5)).toBeNaN();
    expect(() => percentileOfSorted([1, 2], 1.5)).toThrow(RangeError);
    expect(latencyPercentiles([])).toEqual({ p50: 0, p95: 0, p99: 0, count: 0 });
  });

  it('agrees with a naive exact computation on random data (with ties and skew)', () => {
    const rnd = seededRandom(42);
    for (let trial = 0; trial < 20; trial++) {
      const n = 1 + Math.floor(rnd() * 1500);
      // Log-normal-ish latencies, rounded so that ties occur.
      const values = Array.from({ length: n }, () => Math.round(Math.exp(rnd() * 6) * 10) / 10);
      const qs = [0, 0.01, 0.5, 0.95, 0.99, 0.999, 1];
      const got = percentiles(values, qs);
      qs.forEach((q, i) => expect(got[i]).toBeCloseTo(naivePercentile(values, q), 9));
    }
  });
});

describe('LatencyWindow', () => {
  it('is exact up to its capacity and resets per window', () => {
    const w = new LatencyWindow({ capacity: 1000 });
    const values = Array.from({ length: 1000 }, (_, i) => (i * 37) % 1000);
    for (const v of values) w.record(v);
    const [p50, p95, p99] = percentiles(values, [0.5, 0.95, 0.99]);
    expect(w.snapshot()).toEqual({ p50, p95, p99, count: 1000 });
    expect(w.sumMs).toBe(values.reduce((a, b) => a + b, 0));

    const first = w.takeWindow();
    expect(first.count).toBe(1000);
    expect(w.count).toBe(0);
    expect(w.snapshot()).toEqual({ p50: 0, p95: 0, p99: 0, count: 0 });

    for (const v of [5, 1, 3]) w.record(v);
    expect(w.takeWindow()).toEqual({ p50: 3, p95: 4.8, p99: 4.96, count: 3 });
  });

  it('drops negative and non-finite values', () => {
    const w = new LatencyWindow();
    for (const v of [Number.NaN, -1, Number.POSITIVE_INFINITY, 2]) w.record(v);
    expect(w.snapshot()).toEqual({ p50: 2, p95: 2, p99: 2, count: 1 });
  });

  it('beyond capacity, the reservoir estimates percentiles of the whole window closely', () => {
    const rnd = seededRandom(7);
    const w = new LatencyWindow({ capacity: 10_000, random: seededRandom(99) });
    const values: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      const v = -Math.log(1 - rnd()) * 20; // exponential, mean 20 ms: a long tail like real latency
      values.push(v);
      w.record(v);
    }
    const snap = w.snapshot();
    const [p50, p95, p99] = percentiles(values, [0.5, 0.95, 0.99]) as [number, number, number];
    expect(snap.count).toBe(200_000);
    // Rank error of a 10k sample is ~0.1 percentile point at p99; 5 % value tolerance is generous.
    expect(Math.abs(snap.p50 - p50) / p50).toBeLessThan(0.05);
    expect(Math.abs(snap.p95 - p95) / p95).toBeLessThan(0.05);
    expect(Math.abs(snap.p99 - p99) / p99).toBeLessThan(0.05);
  });
});

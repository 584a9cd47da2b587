/**
 * A rolling window of latencies (ms) that yields p50/p95/p99 once per window (1 s at 1 Hz sampling).
 *
 * Why a reservoir and not a log-bucket histogram: a one-second window rarely holds more than a few
 * thousand queries, and for up to `capacity` values the percentiles are exact (sort at snapshot
 * time, type-7 interpolation, see percentile.ts). Beyond the capacity the window keeps a uniform
 * random sample (Vitter's Algorithm R), so percentiles stay unbiased estimates while memory and
 * snapshot cost stay bounded; `count` is always the true number of recorded values.
 */
import { latencyPercentiles, type LatencyPercentiles } from './percentile';

export interface LatencyWindowOptions {
  /** Values kept per window; exact percentiles up to this count. Default 10 000. */
  capacity?: number;
  /** Random source in [0, 1) for the reservoir; injectable so tests are deterministic. */
  random?: () => number;
}

export class LatencyWindow {
  private readonly capacity: number;
  private readonly random: () => number;
  private readonly reservoir: Float64Array;
  private kept = 0;
  private seen = 0;
  private sum = 0;

  constructor(options: LatencyWindowOptions = {}) {
    this.capacity = Math.max(1, Math.floor(options.capacity ?? 10_000));
    this.random = options.random ?? Math.random;
    this.reservoir = new Float64Array(this.capacity);
  }

  /**
   * Records one latency in ms. Non-finite or negative values (a clock stepping back, a bug in the
   * caller) are dropped rather than thrown: metrics must never take a worker down.
   */
  record(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.seen++;
    this.sum += ms;
    if (this.kept < this.capacity) {
      this.reservoir[this.kept++] = ms;
      return;
    }
    const j = Math.floor(this.random() * this.seen);
    if (j < this.capacity) this.reservoir[j] = ms;
  }

  /** Number of values recorded in the current window. */
  get count(): number {
    return this.seen;
  }

  /** Sum of the values recorded in the current window, ms. */
  get sumMs(): number {
    return this.sum;
  }

  /** Percentiles of the current window without clearing it. Empty window: zeros, count 0. */
  snapshot(): LatencyPercentiles {
    return latencyPercentiles(this.reservoir.subarray(0, this.kept), this.seen);
  }

  /** Starts a new window. */
  reset(): void {
    this.kept = 0;
    this.seen = 0;
    this.sum = 0;
  }

  /** Snapshot of the window that just ended, then a fresh window: what a 1 Hz sampler calls. */
  takeWindow(): LatencyPercentiles {
    const snap = this.snapshot();
    this.reset();
    return snap;
  }
}

/**
 * Work counters (entities, edges, embeddings, vectors, queries ...): hot paths `add`, the 1 Hz
 * sampler `drain`s the counts done since the previous drain and their per-second rates.
 */

export interface CounterDrain {
  /** Wall time covered by this drain, ms (since the previous drain or construction). */
  intervalMs: number;
  /** Work done in the interval, by counter name. */
  counts: Record<string, number>;
  /** counts / interval, per second. */
  rates: Record<string, number>;
}

export class CounterSet {
  private readonly now: () => number;
  private pending = new Map<string, number>();
  private readonly cumulative = new Map<string, number>();
  private lastDrainAt: number;

  /** `now` is a monotonic ms clock (performance.now by default; injectable for tests). */
  constructor(now: () => number = () => performance.now()) {
    this.now = now;
    this.lastDrainAt = now();
  }

  /** Adds n (default 1) to a counter. Non-finite n is ignored so a bad count cannot poison totals. */
  add(name: string, n = 1): void {
    if (!Number.isFinite(n)) return;
    this.pending.set(name, (this.pending.get(name) ?? 0) + n);
    this.cumulative.set(name, (this.cumulative.get(name) ?? 0) + n);
  }

  /** Counts since the last drain, without draining. */
  peek(): Record<string, number> {
    return Object.fromEntries(this.pending);
  }

  /** Everything counted since construction, by name. */
  totals(): Record<string, number> {
    return Object.fromEntries(this.cumulative);
  }

  /**
   * Counts and rates since the previous drain, then starts a new interval. Counters seen once stay
   * listed (with 0) so charts show a drop to zero rather than a gap.
   */
  drain(): CounterDrain {
    const at = this.now();
    const intervalMs = Math.max(0, at - this.lastDrainAt);
    this.lastDrainAt = at;
    const counts: Record<string, number> = {};
    const rates: Record<string, number> = {};
    for (const name of this.cumulative.keys()) {
      const n = this.pending.get(name) ?? 0;
      counts[name] = n;
      rates[name] = intervalMs > 0 ? (n * 1000) / intervalMs : 0;
    }
    this.pending = new Map();
    return { intervalMs, counts, rates };
  }
}

/**
 * The host's memory of process samples: per process, the last N samples (default one hour at 1 Hz)
 * in a ring buffer, plus running totals of counters that outlive the ring (for Prometheus counters
 * and reports), and windowed queries for charts.
 */
import type { ProcessSample } from '../protocol/metrics';
import { RingBuffer } from './ring-buffer';

export const DEFAULT_SAMPLES_PER_PROCESS = 3600;

export interface ProcessTotals {
  /** Sum of every sample's counters ever added for this process (not only those still kept). */
  counters: Record<string, number>;
  /** Number of latency observations ever reported by this process. */
  latencyCount: number;
  /** Samples ever added (kept or evicted). */
  samples: number;
}

export class SampleStore {
  private readonly rings = new Map<string, RingBuffer<ProcessSample>>();
  private readonly totalsByProcess = new Map<string, ProcessTotals>();

  constructor(readonly capacityPerProcess = DEFAULT_SAMPLES_PER_PROCESS) {
    if (!Number.isInteger(capacityPerProcess) || capacityPerProcess < 1) {
      throw new RangeError(`samples per process must be a positive integer, got ${capacityPerProcess}`);
    }
  }

  add(sample: ProcessSample): void {
    let ring = this.rings.get(sample.process);
    if (!ring) {
      ring = new RingBuffer<ProcessSample>(this.capacityPerProcess);
      this.rings.set(sample.process, ring);
    }
    ring.push(sample);
    let totals = this.totalsByProcess.get(sample.process);
    if (!totals) {
      totals = { counters: {}, latencyCount: 0, samples: 0 };
      this.totalsByProcess.set(sample.process, totals);
    }
    totals.samples++;
    for (const [name, n] of Object.entries(sample.counters ?? {})) {
      if (Number.isFinite(n)) totals.counters[name] = (totals.counters[name] ?? 0) + n;
    }
    if (sample.latency) totals.latencyCount += sample.latency.count;
  }

  /** Process names in first-seen order. */
  processes(): string[] {
    return [...this.rings.keys()];
  }

  size(process: string): number {
    return this.rings.get(process)?.size ?? 0;
  }

  latest(process: string): ProcessSample | undefined {
    return this.rings.get(process)?.last();
  }

  /** The newest sample of every process. */
  latestAll(): ProcessSample[] {
    const out: ProcessSample[] = [];
    for (const ring of this.rings.values()) {
      const s = ring.last();
      if (s) out.push(s);
    }
    return out;
  }

  totals(process: string): ProcessTotals | undefined {
    const t = this.totalsByProcess.get(process);
    return t && { counters: { ...t.counters }, latencyCount: t.latencyCount, samples: t.samples };
  }

  allTotals(): Record<string, ProcessTotals> {
    const out: Record<string, ProcessTotals> = {};
    for (const name of this.totalsByProcess.keys()) out[name] = this.totals(name)!;
    return out;
  }

  /**
   * Samples of one process with fromT <= t < toT, oldest first. A linear scan rather than a binary
   * search: samples from different clocks may arrive slightly out of order, and 3600 items is cheap.
   */
  range(process: string, fromT = -Infinity, toT = Infinity): ProcessSample[] {
    const ring = this.rings.get(process);
    if (!ring) return [];
    const out: ProcessSample[] = [];
    for (let i = 0; i < ring.size; i++) {
      const s = ring.at(i)!;
      if (s.t >= fromT && s.t < toT) out.push(s);
    }
    return out;
  }

  /** Every process's samples with now - spanMs < t <= now (now defaults to the newest sample seen). */
  window(spanMs: number, now?: number): Record<string, ProcessSample[]> {
    const end = now ?? this.latestAll().reduce((m, s) => Math.max(m, s.t), -Infinity);
    const out: Record<string, ProcessSample[]> = {};
    for (const [p, ring] of this.rings) out[p] = ring.toArray().filter((s) => s.t > end - spanMs && s.t <= end);
    return out;
  }

  /** Every kept sample of every process, grouped by process. */
  all(): Record<string, ProcessSample[]> {
    const out: Record<string, ProcessSample[]> = {};
    for (const [p, ring] of this.rings) out[p] = ring.toArray();
    return out;
  }

  clear(): void {
    this.rings.clear();
    this.totalsByProcess.clear();
  }
}

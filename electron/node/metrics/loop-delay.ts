/**
 * Event-loop delay per sampling window, measured with an unref'd JS timer.
 *
 * Why not `perf_hooks.monitorEventLoopDelay` with a `reset()` per window: Node's histogram only
 * records an interval when it has a previous tick, and `reset()` forgets that tick. A block that
 * starts right after the reset (e.g. the next chunk of work after the sampler's own timer) is never
 * recorded. Measured on Node 20: enable, reset, block 300 ms, wait 30 ms -> max 10.3 ms (block
 * lost); the same without the reset -> max 313 ms. A timer we own has no such blind spot: every
 * late tick lands in the window that is open when it fires. Cost: one JS callback per resolution
 * (100/s at 10 ms), a few µs each.
 */
import { performance } from 'node:perf_hooks';
import { LatencyWindow } from '../../common/metrics/latency-window';

export type EventLoopStat = 'p99' | 'mean' | 'max';

export interface LoopDelayWindow {
  p99: number;
  mean: number;
  max: number;
  /** Probe ticks in the window. */
  count: number;
}

export class LoopDelayMonitor {
  private readonly window = new LatencyWindow({ capacity: 4096 });
  private max = 0;
  private timer: NodeJS.Timeout | undefined;
  private expectedAt = 0;

  constructor(readonly resolutionMs = 10) {}

  get enabled(): boolean {
    return this.timer !== undefined;
  }

  enable(): void {
    if (this.timer) return;
    this.schedule();
  }

  disable(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Statistics of the delays recorded since the last call, ms (zeros if none yet); starts a new window. */
  takeWindow(): LoopDelayWindow {
    const count = this.window.count;
    const stats: LoopDelayWindow =
      count === 0 ? { p99: 0, mean: 0, max: 0, count: 0 } : { p99: this.window.snapshot().p99, mean: this.window.sumMs / count, max: this.max, count };
    this.window.reset();
    this.max = 0;
    return stats;
  }

  private schedule(): void {
    this.expectedAt = performance.now() + this.resolutionMs;
    this.timer = setTimeout(() => this.tick(), this.resolutionMs);
    this.timer.unref();
  }

  private tick(): void {
    // How late this timer fired: time the loop spent unable to run callbacks.
    const lag = Math.max(0, performance.now() - this.expectedAt);
    this.window.record(lag);
    if (lag > this.max) this.max = lag;
    this.schedule();
  }
}

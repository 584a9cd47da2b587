/**
 * Samples one Node process at 1 Hz: memory, CPU %, event-loop delay, and the work it counted.
 * Workers use it for their heartbeat; hosts use it for themselves. The timer is unref'd so a
 * sampler never keeps a process alive.
 */
import { performance } from 'node:perf_hooks';
import type { ProcessSample } from '../../common/protocol/metrics';
import { CounterSet } from '../../common/metrics/counter-set';
import { LatencyWindow } from '../../common/metrics/latency-window';
import { LoopDelayMonitor, type EventLoopStat } from './loop-delay';

export type { EventLoopStat } from './loop-delay';

export interface ProcessSamplerOptions {
  /** Process name in samples: 'host', 'ingest', 'embed' ... */
  process: string;
  onSample: (sample: ProcessSample) => void;
  intervalMs?: number;
  /** Which statistic of the last window's event-loop delay to report. Default p99. */
  eventLoopStat?: EventLoopStat;
  /** Counters drained into each sample; created when not given (use `sampler.counters`). */
  counters?: CounterSet;
  /** Query latencies summarised into each sample; created when not given. */
  latency?: LatencyWindow;
}

/**
 * Resolution of the event-loop delay probe, ms (Node's monitorEventLoopDelay default): finer costs
 * more wake-ups in every process, coarser hides short stalls.
 */
const LOOP_RESOLUTION_MS = 10;

export class ProcessSampler {
  readonly process: string;
  readonly counters: CounterSet;
  readonly latency: LatencyWindow;
  private readonly onSample: (sample: ProcessSample) => void;
  private readonly intervalMs: number;
  private readonly eventLoopStat: EventLoopStat;
  private readonly loop: LoopDelayMonitor;
  private timer: NodeJS.Timeout | undefined;
  private lastCpu: NodeJS.CpuUsage;
  private lastWall: number;

  constructor(options: ProcessSamplerOptions) {
    this.process = options.process;
    this.onSample = options.onSample;
    this.intervalMs = options.intervalMs ?? 1000;
    this.eventLoopStat = options.eventLoopStat ?? 'p99';
    this.counters = options.counters ?? new CounterSet();
    this.latency = options.latency ?? new LatencyWindow();
    this.loop = new LoopDelayMonitor(LOOP_RESOLUTION_MS);
    this.lastCpu = process.cpuUsage();
    this.lastWall = performance.now();
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  /** Starts sampling every interval (the first sample comes one interval from now). */
  start(): this {
    if (this.timer) return this;
    this.loop.enable();
    this.resetBaseline();
    this.timer = setInterval(() => this.emit(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.loop.disable();
  }

  /**
   * Starts a fresh CPU and event-loop window now. Counters and latencies are left alone: work done
   * before this call is still reported in the next sample.
   */
  resetBaseline(): void {
    this.lastCpu = process.cpuUsage();
    this.lastWall = performance.now();
    this.loop.takeWindow();
  }

  /**
   * Measures the window since the previous sample (or start/resetBaseline) and starts a new one.
   * The timer calls this; tests and shutdown paths may call it directly.
   */
  sample(): ProcessSample {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const cpuMs = (cpu.user - this.lastCpu.user + cpu.system - this.lastCpu.system) / 1000;
    const wallMs = wall - this.lastWall;
    this.lastCpu = cpu;
    this.lastWall = wall;
    // user + system CPU time over wall time: 100 % is one core busy for the whole window.
    const cpuPercent = wallMs > 0 ? Math.max(0, (cpuMs / wallMs) * 100) : 0;

    const mem = process.memoryUsage();
    const eventLoopDelayMs = this.loop.takeWindow()[this.eventLoopStat];

    const { counts } = this.counters.drain();
    const window = this.latency.takeWindow();
    const sample: ProcessSample = {
      process: this.process,
      pid: process.pid,
      t: Date.now(),
      rss: mem.rss,
      heapUsed: mem.heapUsed,
      heapTotal: mem.heapTotal,
      external: mem.external,
      arrayBuffers: mem.arrayBuffers,
      cpu: cpuPercent,
      eventLoopDelayMs,
      counters: counts,
    };
    if (window.count > 0) sample.latency = window;
    return sample;
  }

  private emit(): void {
    let sample: ProcessSample;
    try {
      sample = this.sample();
    } catch {
      // process.memoryUsage() reads /proc on Linux and throws if that fails (e.g. out of file
      // descriptors); a missed sample is better than a crashed worker, and the next tick retries.
      return;
    }
    this.onSample(sample);
  }
}

/**
 * The renderer's own 1 Hz sample: JS heap (Chromium's performance.memory, where available), the
 * main thread's timer delay (p99 of a 20 ms probe, like the Node processes' event-loop delay) and
 * frames drawn while the graph canvas is on screen (requestAnimationFrame callbacks: a busy main
 * thread shows as a lower rate). A page cannot read its RSS, CPU or native memory: those stay 0.
 */
import { LatencyWindow } from '../../../../electron/common/metrics/latency-window';
import type { ProcessSample } from '../../../../electron/common/protocol';
import { FRAMES, RENDERER } from './profiler-charts';

interface ChromeMemory {
  usedJSHeapSize: number;
  totalJSHeapSize: number;
}

export interface RendererSamplerOptions {
  onSample(sample: ProcessSample): void;
  /** Whether the graph canvas is on screen now. */
  canvasActive(): boolean;
  intervalMs?: number;
  probeMs?: number;
}

export class RendererSampler {
  private readonly delays = new LatencyWindow({ capacity: 1024 });
  private frames = 0;
  private sawCanvas = false;
  private timers: ReturnType<typeof setInterval>[] = [];
  private probe: ReturnType<typeof setTimeout> | undefined;
  private raf = 0;
  private running = false;

  constructor(private readonly opts: RendererSamplerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.timers.push(setInterval(() => this.opts.onSample(this.sample()), this.opts.intervalMs ?? 1000));
    this.scheduleProbe();
    const frame = () => {
      if (!this.running) return;
      if (!document.hidden && this.opts.canvasActive()) {
        this.frames++;
        this.sawCanvas = true;
      }
      this.raf = requestAnimationFrame(frame);
    };
    this.raf = requestAnimationFrame(frame);
  }

  stop(): void {
    this.running = false;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    if (this.probe) clearTimeout(this.probe);
    cancelAnimationFrame(this.raf);
  }

  /** The window since the previous sample; starts a new one. */
  sample(): ProcessSample {
    const mem = (performance as unknown as { memory?: ChromeMemory }).memory;
    const counters: Record<string, number> = {};
    // No canvas in the window: a gap in the frame-rate chart, not a misleading zero.
    if (this.sawCanvas) counters[FRAMES] = this.frames;
    this.frames = 0;
    this.sawCanvas = false;
    const delay = this.delays.takeWindow();
    return {
      process: RENDERER,
      t: Date.now(),
      rss: 0,
      heapUsed: mem?.usedJSHeapSize ?? 0,
      heapTotal: mem?.totalJSHeapSize ?? 0,
      external: 0,
      arrayBuffers: 0,
      cpu: 0,
      eventLoopDelayMs: delay.count ? delay.p99 : 0,
      counters,
    };
  }

  private scheduleProbe(): void {
    const every = this.opts.probeMs ?? 20;
    const expected = performance.now() + every;
    this.probe = setTimeout(() => {
      // Hidden pages have their timers throttled to 1 s on purpose: that is not a busy thread.
      if (!document.hidden) this.delays.record(Math.max(0, performance.now() - expected));
      if (this.running) this.scheduleProbe();
    }, every);
  }
}

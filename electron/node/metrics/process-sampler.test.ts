import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ProcessSampleSchema, type ProcessSample } from '../../common/protocol/metrics';
import { ProcessSampler } from './process-sampler';

/** Burns at least `cpuMs` of CPU time on this thread (measured, not wall-clock guessed). */
function burnCpu(cpuMs: number): void {
  const start = process.cpuUsage();
  let x = 0;
  for (;;) {
    for (let i = 0; i < 100_000; i++) x += Math.sqrt(i);
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 >= cpuMs) break;
  }
  if (x < 0) throw new Error('unreachable');
}

const samplers: ProcessSampler[] = [];
afterEach(() => {
  for (const s of samplers.splice(0)) s.stop();
});

/**
 * Tests that call sample() themselves use an hour-long interval: under load a 1 s timer could fire
 * between two manual samples and take the window they are measuring.
 */
function make(options: Partial<ConstructorParameters<typeof ProcessSampler>[0]> = {}): ProcessSampler {
  const sampler = new ProcessSampler({ process: 'test', onSample: () => {}, intervalMs: 3_600_000, ...options });
  samplers.push(sampler);
  return sampler;
}

describe('ProcessSampler', () => {
  it('produces a schema-valid sample with sane values, counters and latency', async () => {
    const sampler = make().start();
    sampler.counters.add('entities', 1234);
    for (const ms of [1, 2, 3, 4, 100]) sampler.latency.record(ms);
    await sleep(50);
    const s = sampler.sample();
    expect(ProcessSampleSchema.parse(s)).toEqual(s);
    expect(s.process).toBe('test');
    expect(s.pid).toBe(process.pid);
    expect(s.rss).toBeGreaterThan(0);
    expect(s.heapUsed).toBeGreaterThan(0);
    expect(s.heapTotal!).toBeGreaterThanOrEqual(s.heapUsed);
    expect(s.cpu).toBeGreaterThanOrEqual(0);
    expect(s.cpu).toBeLessThanOrEqual(200 * os.cpus().length);
    expect(s.eventLoopDelayMs).toBeGreaterThanOrEqual(0);
    expect(s.counters).toEqual({ entities: 1234 });
    expect(s.latency!.count).toBe(5);
    expect(s.latency!.p50).toBe(3);
    expect(s.latency!.p95).toBeCloseTo(80.8, 9);
    expect(s.latency!.p99).toBeCloseTo(96.16, 9);

    // Both were drained: the next window starts empty and a quiet window has no latency.
    const next = sampler.sample();
    expect(next.counters).toEqual({ entities: 0 });
    expect(next.latency).toBeUndefined();
  });

  it('reports more CPU for a busy window than for an idle one, and sees the blocked loop', async () => {
    const sampler = make({ eventLoopStat: 'max' }).start();
    await sleep(200);
    const idle = sampler.sample();
    burnCpu(300);
    // Let the loop's delay timer fire once after the block so the histogram records it.
    await sleep(30);
    const busy = sampler.sample();
    expect(busy.cpu).toBeGreaterThan(idle.cpu);
    // The loop was blocked for >= 300 ms of CPU time, so one tick came at least ~290 ms late.
    expect(busy.eventLoopDelayMs).toBeGreaterThan(100);
  });

  it('emits samples from an unref’d timer and stops cleanly', async () => {
    const got: ProcessSample[] = [];
    let resolveFirst!: () => void;
    const first = new Promise<void>((r) => (resolveFirst = r));
    const sampler = make({
      intervalMs: 20,
      onSample: (s) => {
        got.push(s);
        resolveFirst();
      },
    });
    sampler.start();
    expect(sampler.running).toBe(true);
    expect((sampler as unknown as { timer: NodeJS.Timeout }).timer.hasRef()).toBe(false);
    await first;
    sampler.stop();
    expect(sampler.running).toBe(false);
    const count = got.length;
    await sleep(60);
    expect(got.length).toBe(count);
    expect(got[0]!.process).toBe('test');
  });
});

import { describe, expect, it } from 'vitest';
import type { ProcessSample } from '../protocol/metrics';
import { RingBuffer } from './ring-buffer';
import { SampleStore } from './sample-store';
import { alignSeries, counterNames, counterRate } from './chart-series';

function sample(process: string, t: number, extra: Partial<ProcessSample> = {}): ProcessSample {
  return { process, t, rss: t, heapUsed: 1, external: 0, arrayBuffers: 0, cpu: 0, eventLoopDelayMs: 0, counters: {}, ...extra };
}

describe('RingBuffer', () => {
  it('wraps around, keeping the newest items in order', () => {
    const r = new RingBuffer<number>(3);
    expect(r.push(1)).toBeUndefined();
    r.push(2);
    r.push(3);
    expect(r.push(4)).toBe(1);
    expect(r.push(5)).toBe(2);
    expect(r.toArray()).toEqual([3, 4, 5]);
    expect(r.at(0)).toBe(3);
    expect(r.at(-1)).toBe(5);
    expect(r.at(3)).toBeUndefined();
    expect(r.last()).toBe(5);
    for (let i = 6; i <= 100; i++) r.push(i);
    expect(r.toArray()).toEqual([98, 99, 100]);
    r.clear();
    expect(r.size).toBe(0);
    expect(() => new RingBuffer(0)).toThrow(RangeError);
  });
});

describe('SampleStore', () => {
  it('keeps the last N samples per process while totals count everything', () => {
    const store = new SampleStore(5);
    for (let i = 0; i < 12; i++) store.add(sample('ingest', 1000 * i, { counters: { entities: 10 } }));
    store.add(sample('embed', 500, { counters: { embeddings: 3 }, latency: { p50: 1, p95: 2, p99: 3, count: 4 } }));
    expect(store.processes()).toEqual(['ingest', 'embed']);
    expect(store.size('ingest')).toBe(5);
    expect(store.range('ingest').map((s) => s.t)).toEqual([7000, 8000, 9000, 10000, 11000]);
    expect(store.latest('ingest')?.t).toBe(11000);
    expect(store.latestAll().map((s) => s.process)).toEqual(['ingest', 'embed']);
    expect(store.totals('ingest')).toEqual({ counters: { entities: 120 }, latencyCount: 0, samples: 12 });
    expect(store.totals('embed')).toEqual({ counters: { embeddings: 3 }, latencyCount: 4, samples: 1 });
  });

  it('answers windowed queries', () => {
    const store = new SampleStore();
    for (let i = 0; i < 10; i++) store.add(sample('vector', 1000 * i));
    expect(store.range('vector', 2000, 5000).map((s) => s.t)).toEqual([2000, 3000, 4000]);
    expect(store.window(3000).vector!.map((s) => s.t)).toEqual([7000, 8000, 9000]);
    expect(store.window(2000, 4000).vector!.map((s) => s.t)).toEqual([3000, 4000]);
    expect(store.range('nope')).toEqual([]);
  });
});

describe('alignSeries', () => {
  it('aligns processes on one x axis with gaps as null, and computes counter rates', () => {
    const byProcess = {
      a: [sample('a', 10_000, { counters: { q: 0 } }), sample('a', 11_000, { counters: { q: 5 } }), sample('a', 13_000, { counters: { q: 8 } })],
      b: [sample('b', 11_200), sample('b', 12_100)],
    };
    const chart = alignSeries(byProcess, [
      { label: 'a rss', process: 'a', value: (s) => s.rss },
      { label: 'b rss', process: 'b', value: (s) => s.rss },
      { label: 'a q/s', process: 'a', value: counterRate('q') },
    ]);
    expect(chart.x).toEqual([10, 11, 12, 13]);
    expect(chart.series).toEqual([
      { label: 'a rss', values: [10_000, 11_000, null, 13_000] },
      { label: 'b rss', values: [null, 11_200, 12_100, null] },
      { label: 'a q/s', values: [0, 5, null, 4] },
    ]);
    expect(counterNames([...byProcess.a, sample('x', 0, { counters: { z: 1, b: 1 } })])).toEqual(['b', 'q', 'z']);
  });
});

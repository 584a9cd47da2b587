import { describe, expect, it } from 'vitest';
import type { ProcessSample } from '../../../../electron/common/protocol';
import { SampleStore } from '../../../../electron/common/metrics/sample-store';
import { fixtureSamples } from '../../../../electron/node/metrics/report-fixture';
import { createProfilerStore, mergeSamples } from './profiler-store';
import { FRAMES, RENDERER, filledSeries, formatValue, liveCharts, orderProcesses, pointCount } from './profiler-charts';
import { stageRows } from './JobBreakdown';

const T0 = 1_760_000_000_000;

function rendererSample(i: number, frames?: number): ProcessSample {
  return {
    process: RENDERER,
    t: T0 + i * 1000 + 3,
    rss: 0,
    heapUsed: 30e6 + i,
    heapTotal: 50e6,
    external: 0,
    arrayBuffers: 0,
    cpu: 0,
    eventLoopDelayMs: 4,
    counters: frames === undefined ? {} : { [FRAMES]: frames },
  };
}

function byProcess(samples: ProcessSample[]): Record<string, ProcessSample[]> {
  const store = new SampleStore();
  mergeSamples(store, samples);
  return store.all();
}

describe('mergeSamples', () => {
  it('keeps one sample per process and time, whatever order and repeats arrive in', () => {
    const store = new SampleStore();
    const s = fixtureSamples(T0).filter((x) => x.process === 'ingest');
    expect(mergeSamples(store, s.slice(5, 10))).toBe(5);
    // History arriving after live events overlaps them: only the older part is new... and older
    // than the newest kept sample, so it is not inserted (a ring cannot insert in the middle).
    expect(mergeSamples(store, s.slice(0, 10))).toBe(0);
    // The host re-sends the newest sample each second.
    expect(mergeSamples(store, [s[9]!, s[9]!])).toBe(0);
    expect(mergeSamples(store, s.slice(10, 12).reverse())).toBe(2);
    expect(store.range('ingest').map((x) => x.t)).toEqual(s.slice(5, 12).map((x) => x.t));
    expect(store.totals('ingest')!.counters.entities).toBe(s.slice(5, 12).reduce((a, x) => a + x.counters.entities!, 0));
  });

  it('bumps the version only when something was added', () => {
    const store = createProfilerStore();
    const s = rendererSample(0);
    store.getState().addSamples([s]);
    store.getState().addSamples([s]);
    expect(store.getState().version).toBe(1);
  });
});

describe('liveCharts', () => {
  const samples = [...fixtureSamples(T0).filter((s) => !s.process.startsWith('evil')), ...Array.from({ length: 20 }, (_, i) => rendererSample(i, i < 10 ? undefined : 55 + i))];
  const charts = liveCharts(byProcess(samples));
  const byId = new Map(charts.map((c) => [c.id, c]));

  it('draws memory per process (host first, renderer last), CPU, delay, throughput, latency and fps', () => {
    expect(charts.map((c) => c.id)).toEqual(['memory-host', 'memory-ingest', 'memory-vector', 'memory-renderer', 'cpu', 'event-loop', 'throughput', 'latency', 'fps']);
    expect(byId.get('memory-host')!.data.series.map((s) => s.label)).toEqual(['rss', 'heap used', 'external', 'array buffers']);
    expect(byId.get('memory-renderer')!.data.series.map((s) => s.label)).toEqual(['JS heap used', 'JS heap total']);
    // The renderer has no CPU figure: it is not drawn as a zero line.
    expect(byId.get('cpu')!.data.series.map((s) => s.label)).toEqual(['host', 'ingest', 'vector']);
    expect(byId.get('throughput')!.data.series.map((s) => s.label)).toEqual(['ingest edges/s', 'ingest entities/s', 'vector queries/s']);
    expect(byId.get('latency')!.data.series.map((s) => s.label)).toEqual(['vector p50', 'vector p95', 'vector p99']);
  });

  it('rates are per second between consecutive samples; a first sample covers one sampling period', () => {
    const tp = byId.get('throughput')!;
    const entities = tp.data.series.find((s) => s.label === 'ingest entities/s')!.values;
    expect(entities[0]).toBe(1000);
    // fixture: ingest reports 1000 + i entities per 1 s sample.
    expect(entities[5]).toBeCloseTo(1005, 6);
  });

  it('frame rate only where the canvas was on screen', () => {
    const fps = byId.get('fps')!.data.series[0]!.values;
    expect(fps.slice(0, 10).every((v) => v === null)).toBe(true);
    expect(filledSeries(byId.get('fps')!)).toEqual(['frames/s']);
    expect(fps[10]).toBeCloseTo(65, 6);
    expect(fps[12]).toBeCloseTo(67, 6);
    expect(pointCount(byId.get('fps')!)).toBe(10);
  });

  it('no samples, no charts', () => {
    expect(liveCharts({})).toEqual([]);
    expect(liveCharts({ host: [] })).toEqual([]);
  });
});

describe('formatting and order', () => {
  it('formats values per unit', () => {
    expect(formatValue('bytes', 150 * 2 ** 20)).toBe('150 MB');
    expect(formatValue('bytes', 3 * 2 ** 30)).toBe('3.00 GB');
    expect(formatValue('bytes', 50 * 2 ** 20)).toBe('50 MB');
    expect(formatValue('bytes', 0)).toBe('0 MB');
    expect(formatValue('ms', 50)).toBe('50 ms');
    expect(formatValue('perSecond', 12_345)).toBe('12k/s');
    expect(formatValue('perSecond', 1500)).toBe('1.5k/s');
    expect(formatValue('ms', 2.345)).toBe('2.3 ms');
    expect(formatValue('fps', null)).toBe('—');
  });
  it('orders host, workers by name, renderer', () => {
    expect(orderProcesses(['vector', RENDERER, 'ingest', 'host'])).toEqual(['host', 'ingest', 'vector', RENDERER]);
  });
});

describe('stageRows', () => {
  it('reads stages with rates and bar shares; ignores results without them', () => {
    const rows = stageRows({ result: { stages: [{ name: 'parse', ms: 500, items: 10_000 }, { name: 'write', ms: 1000, items: 10_000 }, { name: 'index', ms: 0 }, { name: 42 }] } });
    expect(rows).toEqual([
      { name: 'parse', ms: 500, items: 10_000, perSecond: 20_000, share: 0.5 },
      { name: 'write', ms: 1000, items: 10_000, perSecond: 10_000, share: 1 },
      { name: 'index', ms: 0, share: 0 },
    ]);
    expect(stageRows({ result: { nodesAdded: 3 } })).toEqual([]);
    expect(stageRows({})).toEqual([]);
  });
});

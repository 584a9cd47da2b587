/**
 * What the live panel draws, as uPlot-ready columns: memory per process, CPU, event-loop delay,
 * throughput of every work counter, query latency percentiles and the canvas frame rate. The
 * renderer cannot see its own RSS, CPU or native memory from a page, so its samples carry zeros
 * there and only its JS heap, main-thread delay and frame rate are drawn.
 */
import { alignSeries, counterNames, counterRate, type AlignedSeries, type SeriesSpec } from '../../../../electron/common/metrics/chart-series';
import type { ProcessSample } from '../../../../electron/common/protocol';

export const RENDERER = 'renderer';
/** The renderer's frame counter: frames drawn while the graph canvas was on screen. */
export const FRAMES = 'frames';

export type ChartUnit = 'bytes' | 'percent' | 'ms' | 'perSecond' | 'fps';

export interface LiveChart {
  id: string;
  title: string;
  unit: ChartUnit;
  data: AlignedSeries;
}

/** Host first, workers by name, the renderer last: a stable order so charts do not jump. */
export function orderProcesses(names: Iterable<string>): string[] {
  const rank = (n: string) => (n === 'host' ? 0 : n === RENDERER ? 2 : 1);
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function memorySpecs(p: string): SeriesSpec[] {
  if (p === RENDERER) {
    return [
      { label: 'JS heap used', process: p, value: (s) => s.heapUsed },
      { label: 'JS heap total', process: p, value: (s) => s.heapTotal },
    ];
  }
  return [
    { label: 'rss', process: p, value: (s) => s.rss },
    { label: 'heap used', process: p, value: (s) => s.heapUsed },
    { label: 'external', process: p, value: (s) => s.external },
    { label: 'array buffers', process: p, value: (s) => s.arrayBuffers },
  ];
}

/** Every chart with at least one point in the given samples (grouped by process, oldest first). */
export function liveCharts(byProcess: Record<string, ProcessSample[]>): LiveChart[] {
  const processes = orderProcesses(Object.keys(byProcess).filter((p) => byProcess[p]!.length > 0));
  const charts: LiveChart[] = [];
  const add = (id: string, title: string, unit: ChartUnit, specs: SeriesSpec[]) => {
    if (specs.length === 0) return;
    const data = alignSeries(byProcess, specs);
    if (data.series.some((s) => s.values.some((v) => v !== null))) charts.push({ id, title, unit, data });
  };
  const workers = processes.filter((p) => p !== RENDERER);

  for (const p of processes) add(`memory-${p}`, `Memory — ${p}`, 'bytes', memorySpecs(p));
  add('cpu', 'CPU (% of one core)', 'percent', workers.map((p) => ({ label: p, process: p, value: (s) => s.cpu })));
  add('event-loop', 'Event-loop delay (p99)', 'ms', processes.map((p) => ({ label: p, process: p, value: (s) => s.eventLoopDelayMs })));

  const throughput: SeriesSpec[] = [];
  for (const p of processes) {
    for (const c of counterNames(byProcess[p]!)) if (!(p === RENDERER && c === FRAMES)) throughput.push({ label: `${p} ${c}/s`, process: p, value: counterRate(c) });
  }
  add('throughput', 'Throughput (items per second)', 'perSecond', throughput);

  const latency: SeriesSpec[] = [];
  for (const p of processes) {
    if (!byProcess[p]!.some((s) => s.latency)) continue;
    for (const q of ['p50', 'p95', 'p99'] as const) latency.push({ label: `${p} ${q}`, process: p, value: (s) => s.latency?.[q] });
  }
  add('latency', 'Query latency', 'ms', latency);

  if (byProcess[RENDERER]?.some((s) => s.counters[FRAMES] !== undefined)) {
    add('fps', 'Canvas frame rate', 'fps', [{ label: 'frames/s', process: RENDERER, value: (s, prev) => (s.counters[FRAMES] === undefined ? undefined : counterRate(FRAMES)(s, prev)) }]);
  }
  return charts;
}

/** Axis and legend text for a value in a unit. */
export function formatValue(unit: ChartUnit, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  switch (unit) {
    case 'bytes': {
      const mb = v / 2 ** 20;
      return mb >= 1024 ? `${(mb / 1024).toFixed(2)} GB` : `${mb >= 100 || Number.isInteger(mb) ? mb.toFixed(0) : mb.toFixed(1)} MB`;
    }
    case 'percent':
      return `${v.toFixed(0)} %`;
    case 'ms':
      return v >= 100 || Number.isInteger(v) ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`;
    case 'fps':
      return `${v.toFixed(0)} fps`;
    case 'perSecond':
      return v >= 10_000 ? `${(v / 1000).toFixed(0)}k/s` : v >= 1000 ? `${(v / 1000).toFixed(1)}k/s` : `${v.toFixed(0)}/s`;
  }
}

/** Labels of the series that have at least one value (read by the E2E test through the DOM). */
export function filledSeries(chart: LiveChart): string[] {
  return chart.data.series.filter((s) => s.values.some((v) => v !== null && v > 0)).map((s) => s.label);
}

/** Points with a value in a chart: what the E2E test reads to know a series is not empty. */
export function pointCount(chart: LiveChart): number {
  return chart.data.series.reduce((n, s) => n + s.values.filter((v) => v !== null).length, 0);
}

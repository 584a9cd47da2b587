/** The charts of the HTML report, as uPlot-ready columns (see common/metrics/chart-series.ts). */
import type { ProcessSample } from '../../common/protocol/metrics';
import { alignSeries, counterNames, counterRate, type AlignedSeries, type SeriesSpec } from '../../common/metrics/chart-series';

export type ChartUnit = 'bytes' | 'percent' | 'ms' | 'perSecond';

export interface ReportChart {
  id: string;
  title: string;
  unit: ChartUnit;
  data: AlignedSeries;
}

function groupByProcess(samples: readonly ProcessSample[]): Record<string, ProcessSample[]> {
  const out: Record<string, ProcessSample[]> = {};
  for (const s of [...samples].sort((a, b) => a.t - b.t)) (out[s.process] ??= []).push(s);
  return out;
}

/**
 * Memory per process (rss, heap used, external, array buffers), then CPU, event-loop delay,
 * throughput of every counter and query latency across processes. Charts without data are left out.
 */
export function reportCharts(samples: readonly ProcessSample[]): ReportChart[] {
  const byProcess = groupByProcess(samples);
  const processes = Object.keys(byProcess);
  const charts: ReportChart[] = [];
  const add = (id: string, title: string, unit: ChartUnit, specs: SeriesSpec[]) => {
    if (specs.length === 0) return;
    const data = alignSeries(byProcess, specs);
    if (data.series.some((s) => s.values.some((v) => v !== null))) charts.push({ id, title, unit, data });
  };

  processes.forEach((p, i) =>
    add(`memory-${i}`, `Memory — ${p}`, 'bytes', [
      { label: 'rss', process: p, value: (s) => s.rss },
      { label: 'heap used', process: p, value: (s) => s.heapUsed },
      { label: 'external', process: p, value: (s) => s.external },
      { label: 'array buffers', process: p, value: (s) => s.arrayBuffers },
    ]),
  );
  add('cpu', 'CPU (% of one core)', 'percent', processes.map((p) => ({ label: p, process: p, value: (s) => s.cpu })));
  add('event-loop', 'Event-loop delay', 'ms', processes.map((p) => ({ label: p, process: p, value: (s) => s.eventLoopDelayMs })));

  const throughput: SeriesSpec[] = [];
  for (const p of processes) {
    for (const c of counterNames(byProcess[p]!)) throughput.push({ label: `${p} ${c}/s`, process: p, value: counterRate(c) });
  }
  add('throughput', 'Throughput (items per second)', 'perSecond', throughput);

  const latency: SeriesSpec[] = [];
  for (const p of processes) {
    if (!byProcess[p]!.some((s) => s.latency)) continue;
    for (const q of ['p50', 'p95', 'p99'] as const) latency.push({ label: `${p} ${q}`, process: p, value: (s) => s.latency?.[q] });
  }
  add('latency', 'Query latency', 'ms', latency);
  return charts;
}

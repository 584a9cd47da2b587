/**
 * One live uPlot chart. Created again when its series or the theme change; otherwise new data is
 * pushed with setData. Drag across a chart to zoom in (the chart then keeps its zoom while data
 * flows); double-click to zoom out again.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { filledSeries, formatValue, pointCount, type LiveChart } from './profiler-charts';

/** Axis steps for bytes: whole MB and GB rather than decimal megabytes (47.7 MB). */
const BYTE_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1024, 2048, 5120, 10240, 20480].map((mb) => mb * 2 ** 20);

const LIGHT = ['#1a73e8', '#e8710a', '#188038', '#d93025', '#9334e6', '#12b5cb', '#e52592', '#b06000'];
const DARK = ['#8ab4f8', '#fcad70', '#81c995', '#f28b82', '#c58af9', '#78d9ec', '#ff8bcb', '#fdd663'];

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function toData(chart: LiveChart): uPlot.AlignedData {
  return [chart.data.x, ...chart.data.series.map((s) => s.values)] as uPlot.AlignedData;
}

export function UplotChart({ chart, dark, height = 150 }: { chart: LiveChart; dark: boolean; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const zoomed = useRef(false);
  const latest = useRef(chart);
  latest.current = chart;
  const shape = `${chart.unit}|${chart.data.series.map((s) => s.label).join('|')}`;

  useEffect(() => {
    const el = box.current!;
    const palette = dark ? DARK : LIGHT;
    const axis = { stroke: cssVar('--muted'), grid: { stroke: cssVar('--border'), width: 1 }, ticks: { stroke: cssVar('--border'), width: 1 } };
    const unit = latest.current.unit;
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      scales: { x: { time: true } },
      cursor: { drag: { x: true, y: false } },
      series: [
        {},
        ...latest.current.data.series.map((s, i) => ({
          label: s.label,
          stroke: palette[i % palette.length],
          width: 1.5,
          value: (_u: uPlot, v: number | null) => formatValue(unit, v),
        })),
      ],
      axes: [axis, { ...axis, size: 64, ...(unit === 'bytes' ? { incrs: BYTE_STEPS } : {}), values: (_u: uPlot, splits: number[]) => splits.map((v) => formatValue(unit, v)) }],
      hooks: {
        setSelect: [
          (u) => {
            if (u.select.width > 2) zoomed.current = true;
          },
        ],
      },
    };
    const u = new uPlot(opts, toData(latest.current), el);
    plot.current = u;
    zoomed.current = false;
    const onDblClick = () => {
      zoomed.current = false;
    };
    u.over.addEventListener('dblclick', onDblClick);
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.over.removeEventListener('dblclick', onDblClick);
      u.destroy();
      plot.current = null;
    };
  }, [shape, dark, height]);

  useEffect(() => {
    // Keep a zoomed-in range while new data arrives; otherwise follow the newest data.
    plot.current?.setData(toData(chart), !zoomed.current);
  }, [chart]);

  return (
    <figure className="profiler-chart" data-testid={`chart-${chart.id}`} data-points={pointCount(chart)} data-series={chart.data.series.length} data-filled={filledSeries(chart).join('|')}>
      <figcaption>{chart.title}</figcaption>
      <div ref={box} />
    </figure>
  );
}

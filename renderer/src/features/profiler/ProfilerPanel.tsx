/**
 * The profiler panel (button in the top bar, key P): live charts at 1 Hz for every process, a
 * time window, pause/resume, drag-to-zoom, the job list with stage breakdowns, and report export.
 */
import { useMemo, useRef, useState } from 'react';
import { useApp } from '../../store';
import { selectDark } from '../../store/ui-slice';
import { formatError, toErrorShape } from '../../../../electron/common/errors';
import { REPORT_FORMATS, type ReportFormat } from '../../../../electron/common/protocol/profiling';
import { useProfiler, profilerStore, WINDOWS } from './profiler-store';
import { liveCharts } from './profiler-charts';
import { UplotChart } from './UplotChart';
import { JobBreakdown } from './JobBreakdown';
import { profilerClient, rendererSamples, refreshJobs } from './profiler-feed';
import { downloadText } from './download';
import './profiler.css';

const FORMAT_LABELS: Record<ReportFormat, string> = { json: 'JSON', html: 'HTML', csv: 'CSV', prometheus: 'Prometheus' };

async function exportReport(format: ReportFormat, toast: (text: string, tone?: 'info' | 'error') => void): Promise<void> {
  const client = profilerClient();
  if (!client) return;
  profilerStore.getState().setExporting(format);
  try {
    const r = await client.call('profiling.report', { format, clientSamples: rendererSamples().slice(-3600) });
    downloadText(r.text, r.fileName, r.mimeType);
  } catch (err) {
    toast(`Export failed: ${formatError(toErrorShape(err))}`, 'error');
  } finally {
    profilerStore.getState().setExporting(null);
  }
}

function Charts({ windowSec, paused, dark }: { windowSec: number; paused: boolean; dark: boolean }) {
  const version = useProfiler((s) => s.version);
  // While paused the charts keep the data of the moment of pausing; samples keep arriving.
  const frozen = useRef(version);
  if (!paused) frozen.current = version;
  const shown = paused ? frozen.current : version;
  const charts = useMemo(() => {
    const store = profilerStore.getState().samples;
    return liveCharts(store.window(windowSec * 1000, Date.now()));
    // `shown` stands for the store's content, which is mutated in place.
  }, [shown, windowSec]);
  if (charts.length === 0) return <p className="muted">Waiting for the first samples…</p>;
  return (
    <div className="profiler-charts">
      {charts.map((c) => (
        <UplotChart key={c.id} chart={c} dark={dark} />
      ))}
    </div>
  );
}

export function ProfilerPanel() {
  const open = useProfiler((s) => s.open);
  const paused = useProfiler((s) => s.paused);
  const windowSec = useProfiler((s) => s.windowSec);
  const jobs = useProfiler((s) => s.jobs);
  const exporting = useProfiler((s) => s.exporting);
  const dark = useApp(selectDark);
  const toast = useApp((s) => s.toast);
  const [refreshing, setRefreshing] = useState(false);
  if (!open) return null;
  const st = profilerStore.getState();

  return (
    <aside className="profiler panel" data-testid="profiler-panel" aria-label="Profiler">
      <header className="profiler-head">
        <h2>Profiler</h2>
        <span className={`live-dot ${paused ? 'paused' : ''}`} title={paused ? 'Paused' : 'Live, 1 Hz'} />
        <button data-testid="profiler-pause" onClick={() => st.setPaused(!paused)}>
          {paused ? 'Resume' : 'Pause'}
        </button>
        <select data-testid="profiler-window" aria-label="Time window" value={windowSec} onChange={(e) => st.setWindow(Number(e.target.value))}>
          {WINDOWS.map((w) => (
            <option key={w.sec} value={w.sec}>
              {w.label}
            </option>
          ))}
        </select>
        <span className="spacer" />
        <span className="muted">Export</span>
        {REPORT_FORMATS.map((f) => (
          <button key={f} data-testid={`profiler-export-${f}`} disabled={exporting !== null} onClick={() => void exportReport(f, toast)}>
            {exporting === f ? '…' : FORMAT_LABELS[f]}
          </button>
        ))}
        <button className="icon" data-testid="profiler-close" title="Close (P)" aria-label="Close the profiler" onClick={() => st.setOpen(false)}>
          ×
        </button>
      </header>
      <p className="muted hint">Drag across a chart to zoom in, double-click to zoom out.</p>
      <Charts windowSec={windowSec} paused={paused} dark={dark} />
      <div className="profiler-jobs-head">
        <h3>Jobs and stages</h3>
        <button
          className="link"
          disabled={refreshing}
          onClick={() => {
            const client = profilerClient();
            if (!client) return;
            setRefreshing(true);
            void refreshJobs(client)
              .catch((err) => toast(formatError(toErrorShape(err)), 'error'))
              .finally(() => setRefreshing(false));
          }}
        >
          Refresh
        </button>
      </div>
      <JobBreakdown jobs={jobs} />
    </aside>
  );
}

/** The top bar's toggle. */
export function ProfilerButton() {
  const open = useProfiler((s) => s.open);
  return (
    <button data-testid="profiler-button" aria-pressed={open} title="Profiler (P)" onClick={() => profilerStore.getState().toggle()}>
      Profiler
    </button>
  );
}

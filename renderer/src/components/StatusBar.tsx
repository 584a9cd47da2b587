import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store';
import { selectCounts } from '../store/workspace-slice';
import { memoryLine } from '../store/metrics-slice';
import { formatCount } from '../util/format';
import { StoreBadge } from '../features/neo4j';

/** Workspace counts, what the canvas shows, live memory of every process, and the running job. */
export function StatusBar() {
  const counts = useApp(useShallow(selectCounts));
  const visibleNodes = useApp((s) => s.view.nodeIds.size);
  const visibleEdges = useApp((s) => s.view.edgeIds.size);
  const memory = useApp((s) => memoryLine(s.latestSamples));
  const connection = useApp((s) => s.connection);
  const job = useApp((s) => {
    const jobs = Object.values(s.runningJobs);
    if (!jobs.length) return '';
    const j = jobs[0];
    const pct = j.total ? ` ${Math.floor((j.done / j.total) * 100)}%` : '';
    return `${j.method} · ${j.stage}${pct}${jobs.length > 1 ? ` (+${jobs.length - 1})` : ''}`;
  });

  return (
    <footer className="statusbar">
      <StoreBadge />
      <span data-testid="status-nodes">{counts ? `${formatCount(counts.nodes)} nodes` : '—'}</span>
      <span data-testid="status-edges">{counts ? `${formatCount(counts.edges)} edges` : '—'}</span>
      <span className="muted" data-testid="status-visible">
        showing {formatCount(visibleNodes)} / {formatCount(visibleEdges)}
      </span>
      {job && <span data-testid="status-job">{job}</span>}
      <span className="spacer" />
      {connection !== 'open' && <span className="warn-text" data-testid="status-connection">{connection === 'connecting' ? 'connecting…' : 'reconnecting…'}</span>}
      <span className="muted" data-testid="status-memory" title="Resident memory per process">
        {memory || 'memory: waiting for samples'}
      </span>
    </footer>
  );
}

import { useEffect, useState } from 'react';
import { formatCount, formatDuration, formatRate, progressView } from '../../util/format';
import { useSimilarity } from './similarity-store';
import { cancelEmbedding } from './similarity-actions';

/** Progress of a running embedding (started after an import or by hand), with Cancel; like the import's. */
export function EmbedProgress() {
  const job = useSimilarity((s) => s.embedJob);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!job) return;
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [job]);
  if (!job) return null;
  const view = progressView(job, job.startedAt, now);
  return (
    <div className="import-progress panel" data-testid="embed-progress" role="status">
      <div className="row">
        <strong>Embedding nodes</strong>
        <span className="muted">{job.stage}</span>
        <span className="spacer" />
        <button data-testid="embed-cancel" onClick={() => void cancelEmbedding()}>
          Cancel
        </button>
      </div>
      <progress max={100} value={view.percent ?? undefined} />
      <div className="row muted small">
        <span>{view.percent !== null ? `${view.percent.toFixed(0)}%` : '…'}</span>
        <span>
          {formatCount(job.done)}
          {job.total ? ` / ${formatCount(job.total)}` : ''} texts
        </span>
        {view.rate ? <span>{formatRate(view.rate, 'texts')}</span> : null}
        {view.etaMs !== null ? <span>ETA {formatDuration(view.etaMs)}</span> : null}
      </div>
    </div>
  );
}

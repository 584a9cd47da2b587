import { useEffect, useState } from 'react';
import { formatError } from '../../../electron/common/errors';
import { useApp } from '../store';
import { useActions } from '../app/context';
import { formatBytes, formatCount, formatDuration, formatRate, progressView } from '../util/format';

/** Progress of the running import (upload, then the job's stages) with Cancel. */
export function ImportProgress() {
  const actions = useActions();
  const state = useApp((s) => s.importState);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!state) return;
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [state]);
  if (!state) return null;

  const p = state.progress;
  const view = p ? progressView(p, state.startedAt, now) : null;
  const amount = (n: number) => (p?.unit === 'bytes' ? formatBytes(n) : formatCount(n));
  const stage = state.phase === 'cancelling' ? 'cancelling' : p?.stage ?? (state.phase === 'uploading' ? 'upload' : 'starting');
  return (
    <div className="import-progress panel" data-testid="import-progress" role="status">
      <div className="row">
        <strong>Importing {state.fileNames.length === 1 ? state.fileNames[0] : `${state.fileNames.length} files`}</strong>
        <span className="muted" data-testid="import-stage">
          {stage}
        </span>
        <span className="spacer" />
        <button data-testid="import-cancel" disabled={state.phase === 'cancelling'} onClick={() => void actions.cancelImport()}>
          Cancel
        </button>
      </div>
      <progress max={100} value={view?.percent ?? undefined} />
      <div className="row muted small">
        <span data-testid="import-percent">{view?.percent !== null && view?.percent !== undefined ? `${view.percent.toFixed(0)}%` : '…'}</span>
        {p && (
          <span>
            {amount(p.done)}
            {p.total ? ` / ${amount(p.total)}` : ''}
          </span>
        )}
        {view?.rate ? <span>{formatRate(view.rate, p!.unit)}</span> : null}
        {view?.etaMs !== null && view?.etaMs !== undefined ? <span>ETA {formatDuration(view.etaMs)}</span> : null}
        {p?.message && <span>{p.message}</span>}
      </div>
    </div>
  );
}

/** "file.csv, line 7: value", or '' when the host sent no usable example. */
function exampleText(example: { file?: string; line?: number; value?: string } | undefined): string {
  if (!example) return '';
  const where = [example.file, example.line !== undefined ? `line ${example.line}` : undefined].filter(Boolean).join(', ');
  return [where, example.value].filter(Boolean).join(': ');
}

/** What the last import did (or why it failed); stays until dismissed. */
export function ImportResultPanel() {
  const summary = useApp((s) => s.importSummary);
  const error = useApp((s) => s.importError);
  const dismiss = useApp((s) => s.dismissImportResult);
  if (error) {
    const cancelled = error.code === 'CANCELLED';
    return (
      <div className={`panel toast-panel ${cancelled ? '' : 'error'}`} data-testid="import-error" role="alert">
        <div className="row">
          <strong>{cancelled ? 'Import cancelled' : 'Import failed'}</strong>
          <span className="spacer" />
          <button className="icon" aria-label="Dismiss" onClick={dismiss}>
            ×
          </button>
        </div>
        <p className="error-message">{formatError(error)}</p>
        <p className="muted small">The workspace is unchanged.</p>
      </div>
    );
  }
  if (!summary) return null;
  const warningCount = summary.warnings.reduce((n, w) => n + w.count, 0);
  return (
    <div className="panel toast-panel" data-testid="import-summary" role="status">
      <div className="row">
        <strong>Import finished</strong>
        <span className="spacer" />
        <button className="icon" aria-label="Dismiss" onClick={dismiss}>
          ×
        </button>
      </div>
      <p>
        <span data-testid="import-nodes-added">{formatCount(summary.nodesAdded)}</span> nodes and{' '}
        <span data-testid="import-edges-added">{formatCount(summary.edgesAdded)}</span> edges added
        {summary.nodesMerged > 0 && `, ${formatCount(summary.nodesMerged)} nodes merged`}
        {' '}from {summary.files.map((f) => `${f.name} (${f.format})`).join(', ')}.
      </p>
      {warningCount > 0 && (
        <details data-testid="import-warnings">
          <summary>
            {formatCount(warningCount)} warning{warningCount === 1 ? '' : 's'}
          </summary>
          <ul>
            {summary.warnings.map((w, i) => (
              <li key={`${w.code}-${i}`}>
                <strong>{w.count}×</strong> {w.message}
                {exampleText(w.example) && <span className="muted"> (e.g. {exampleText(w.example)})</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

import { useEffect, useState } from 'react';
import { useApp } from '../store';
import { useActions } from '../app/context';
import { ThemeToggle } from './ThemeToggle';

/** Shown when no workspace is open: the sample, a new one, or an existing folder. */
export function Welcome() {
  const actions = useActions();
  const recent = useApp((s) => s.recent);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void actions.loadRecent();
  }, [actions]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="welcome" data-testid="welcome">
      <div className="welcome-card">
        <div className="welcome-head">
          <h1>KG Workbench</h1>
          <ThemeToggle />
        </div>
        <p className="muted">Import, explore and query knowledge graphs: AutoSchemaKG output, CSV, JSON, GraphML.</p>
        <div className="welcome-actions">
          <button className="primary" data-testid="open-sample" disabled={busy} onClick={() => run(actions.openSample)}>
            Open sample
          </button>
          <button data-testid="new-workspace" disabled={busy} onClick={() => run(() => actions.openWorkspace(path.trim() || undefined))}>
            New workspace
          </button>
        </div>
        <form
          className="welcome-open"
          onSubmit={(e) => {
            e.preventDefault();
            if (path.trim()) void run(() => actions.openWorkspace(path.trim()));
          }}
        >
          <label htmlFor="ws-path">Workspace folder</label>
          <div className="row">
            <input
              id="ws-path"
              data-testid="workspace-path-input"
              placeholder="/path/to/workspace"
              value={path}
              onChange={(e) => setPath(e.target.value)}
              spellCheck={false}
            />
            <button type="submit" data-testid="open-workspace" disabled={busy || !path.trim()}>
              Open workspace
            </button>
          </div>
        </form>
        {recent.length > 0 && (
          <section className="recent">
            <h2>Recent</h2>
            <ul>
              {recent.map((r) => (
                <li key={r.path}>
                  <button className="link" disabled={busy} onClick={() => run(() => actions.openWorkspace(r.path))} title={r.path}>
                    <span className="recent-name">{r.name}</span>
                    <span className="recent-path muted">{r.path}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </main>
  );
}

/**
 * The Neo4j settings dialog (opened from the top bar) and the store badge of the status bar.
 * The password field is write-only: the host never sends a password back, it only says whether
 * one is saved, and leaving the field empty keeps it.
 */
import { useApp } from '../../store';
import { useActions } from '../../app/context';
import { neo4jStore } from './neo4j-store';
import { openNeo4jSettings, switchStore, testNeo4j } from './neo4j-actions';

export function Neo4jButton() {
  const store = useApp((s) => s.workspace?.store);
  return (
    <button data-testid="neo4j-settings" title="Store: SQLite file or a Neo4j server" onClick={() => void openNeo4jSettings()}>
      {store === 'neo4j' ? 'Neo4j ✓' : 'Neo4j…'}
    </button>
  );
}

export function StoreBadge() {
  const store = useApp((s) => s.workspace?.store);
  if (!store) return null;
  return (
    <span className="store-badge" data-testid="status-store" title={store === 'neo4j' ? 'Graph data on a Neo4j server' : 'Graph data in the workspace’s SQLite file'}>
      {store === 'neo4j' ? 'Neo4j' : 'SQLite'}
    </span>
  );
}

export function Neo4jSettingsDialog() {
  const actions = useActions();
  const { open, form, saved, outcome, setOpen, edit } = neo4jStore();
  const store = useApp((s) => s.workspace?.store);
  if (!open) return null;
  const busy = outcome?.tone === 'busy';
  const reload = () => actions.reloadOverview();
  return (
    <div className="overlay" data-testid="neo4j-dialog" onClick={() => setOpen(false)}>
      <form
        className="panel neo4j-settings"
        role="dialog"
        aria-label="Neo4j connection"
        onClick={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          void testNeo4j();
        }}
      >
        <h2>Neo4j connection</h2>
        <p className="muted">
          This workspace uses <strong data-testid="neo4j-current-store">{store === 'neo4j' ? 'Neo4j' : 'SQLite'}</strong>.
          {saved?.source === 'env' && ' Settings come from the NEO4J_* environment variables.'}
        </p>
        <label>
          Address
          <input data-testid="neo4j-uri" value={form.uri} placeholder="bolt://localhost:7687" autoComplete="off" spellCheck={false} onChange={(e) => edit({ uri: e.target.value })} />
        </label>
        <label>
          User
          <input data-testid="neo4j-user" value={form.user} autoComplete="username" spellCheck={false} onChange={(e) => edit({ user: e.target.value })} />
        </label>
        <label>
          Password
          <input
            data-testid="neo4j-password"
            type="password"
            value={form.password}
            autoComplete="current-password"
            placeholder={saved?.hasPassword ? 'saved (leave empty to keep)' : ''}
            onChange={(e) => edit({ password: e.target.value })}
          />
        </label>
        <label>
          Database
          <input data-testid="neo4j-database" value={form.database} placeholder="server default" spellCheck={false} onChange={(e) => edit({ database: e.target.value })} />
        </label>
        {saved && !saved.passwordPersisted && <p className="muted small">The password is kept for this session only.</p>}
        {outcome && (
          <p className={outcome.tone === 'error' ? 'error-text' : outcome.tone === 'ok' ? 'ok-text' : 'muted'} role="status" data-testid="neo4j-outcome">
            {outcome.text}
          </p>
        )}
        <div className="neo4j-buttons">
          <button type="submit" data-testid="neo4j-test" disabled={busy}>
            Test connection
          </button>
          {store === 'neo4j' ? (
            <button type="button" data-testid="neo4j-disconnect" disabled={busy} onClick={() => void switchStore('sqlite', reload)}>
              Use SQLite again
            </button>
          ) : (
            <button type="button" className="primary" data-testid="neo4j-connect" disabled={busy || !store} onClick={() => void switchStore('neo4j', reload)}>
              Connect this workspace
            </button>
          )}
          <span className="spacer" />
          <button type="button" data-testid="neo4j-close" onClick={() => setOpen(false)}>
            Close
          </button>
        </div>
      </form>
    </div>
  );
}

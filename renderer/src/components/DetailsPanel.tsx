import { formatError } from '../../../electron/common/errors';
import { useApp } from '../store';
import { useActions } from '../app/context';
import { colorForType } from '../graph/colors';
import { FindSimilarButton } from '../features/similarity';
import { NodeViewActions } from '../features/explore';

function showValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The selected node: identity, every property, where it came from, and its source passages. */
export function DetailsPanel() {
  const actions = useActions();
  const selectedId = useApp((s) => s.selectedId);
  const details = useApp((s) => s.details);
  const loading = useApp((s) => s.detailsLoading);
  const error = useApp((s) => s.detailsError);
  const stats = useApp((s) => s.stats);

  if (!selectedId) {
    return (
      <aside className="details" data-testid="details-panel">
        <p className="muted">Click a node to see its properties. Double-click (or Enter) to add its neighbours.</p>
        {stats && stats.nodeTypes.length > 0 && (
          <section>
            <h3>Node types</h3>
            <ul className="legend">
              {stats.nodeTypes.slice(0, 20).map((t) => (
                <li key={t.type}>
                  <span className="dot" style={{ background: colorForType(t.type) }} />
                  {t.type || '(no type)'} <span className="muted">{t.count.toLocaleString('en-US')}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </aside>
    );
  }

  return (
    <aside className="details" data-testid="details-panel">
      {loading && <p className="muted">Loading…</p>}
      {error && <p className="error-text">{formatError(error)}</p>}
      {details && (
        <>
          <h2 className="node-name" title={details.node.name}>{details.node.name || details.node.id}</h2>
          <div className="node-type">
            <span className="dot" style={{ background: colorForType(details.node.type) }} />
            {details.node.type || '(no type)'}
            {details.node.labels.filter((l) => l !== details.node.type).map((l) => (
              <span key={l} className="chip">
                {l}
              </span>
            ))}
          </div>
          <div className="details-actions">
            <button onClick={() => void actions.expandNeighbors(details.node.id)}>Expand neighbours</button>
            <NodeViewActions id={details.node.id} />
            <button onClick={() => actions.hideSelected()}>Hide</button>
            <FindSimilarButton id={details.node.id} name={details.node.name} />
          </div>
          <dl className="props">
            <dt>id</dt>
            <dd data-testid="details-id">{details.node.id}</dd>
            {details.node.degree !== undefined && (
              <>
                <dt>degree</dt>
                <dd>{details.node.degree}</dd>
              </>
            )}
            {Object.entries(details.node.props).map(([key, value]) => (
              <div key={key} className="prop-row">
                <dt>{key}</dt>
                <dd data-testid={`details-prop-${key}`}>{showValue(value)}</dd>
              </div>
            ))}
          </dl>
          {details.node.provenance && (details.node.provenance.file || details.node.provenance.line !== undefined) && (
            <section>
              <h3>Provenance</h3>
              <p className="provenance" data-testid="details-provenance">
                {details.node.provenance.file ?? 'unknown file'}
                {details.node.provenance.line !== undefined && `, line ${details.node.provenance.line}`}
                {details.node.provenance.importId !== undefined && <span className="muted"> (import #{details.node.provenance.importId})</span>}
              </p>
            </section>
          )}
          {details.node.text && (
            <section>
              <h3>Text</h3>
              <p className="passage">{details.node.text}</p>
            </section>
          )}
          {details.passages.length > 0 && (
            <section>
              <h3>Passages ({details.passages.length})</h3>
              {details.passages.map((p) => (
                <blockquote key={p.id} className="passage" title={p.id}>
                  {p.text}
                </blockquote>
              ))}
            </section>
          )}
        </>
      )}
    </aside>
  );
}

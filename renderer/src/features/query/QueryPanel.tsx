/**
 * The query panel: pick start nodes (canvas selection or name search), choose the query and its
 * parameters, run it (cancel while the graph loads or the answer is awaited), then see the answer
 * on the canvas and in the table below. Toggled by the top-bar button or the Q key.
 */
import { useEffect, useState } from 'react';
import { useApp } from '../../store';
import { formatCount } from '../../util/format';
import { QUERY_LABELS, missingInput, queryStore, useQuery, type PickedNode, type QueryKind } from './query-store';
import { cancelQuery, pickSelection, runQuery, searchNodes } from './query-actions';
import { QueryResults } from './QueryResults';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** Top-bar toggle; also owns the Q shortcut. */
export function QueryButton() {
  const open = useQuery((s) => s.open);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey || e.key.toLowerCase() !== 'q') return;
      e.preventDefault();
      queryStore.getState().setOpen(!queryStore.getState().open);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <button data-testid="query-toggle" aria-pressed={open} className={open ? 'primary' : undefined} title="Multi-hop queries (Q)" onClick={() => queryStore.getState().setOpen(!open)}>
      ⤳ Query
    </button>
  );
}

export function QueryPanel() {
  const open = useQuery((s) => s.open);
  const hasWorkspace = useApp((s) => s.workspace !== null);
  if (!open || !hasWorkspace) return null;
  return (
    <aside className="query-panel panel" data-testid="query-panel" aria-label="Query panel">
      <div className="row query-head">
        <strong>Query</strong>
        <button className="icon" aria-label="Close query panel" onClick={() => queryStore.getState().setOpen(false)}>
          ×
        </button>
      </div>
      <KindPicker />
      <StartNodes />
      <Parameters />
      <RunBar />
      <QueryResults />
    </aside>
  );
}

function KindPicker() {
  const kind = useQuery((s) => s.kind);
  return (
    <label className="row">
      <span>Query</span>
      <select data-testid="query-kind" value={kind} onChange={(e) => queryStore.getState().setKind(e.target.value as QueryKind)}>
        {(Object.keys(QUERY_LABELS) as QueryKind[]).map((k) => (
          <option key={k} value={k}>
            {QUERY_LABELS[k]}
          </option>
        ))}
      </select>
    </label>
  );
}

function StartNodes() {
  const kind = useQuery((s) => s.kind);
  const picked = useQuery((s) => s.picked);
  const [text, setText] = useState('');
  const [hits, setHits] = useState<PickedNode[]>([]);
  useEffect(() => {
    if (!text.trim()) {
      setHits([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      searchNodes(text)
        .then((found) => live && setHits(found))
        .catch(() => live && setHits([]));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);
  if (kind === 'retrieve') return null;
  const pathLike = kind === 'path' || kind === 'paths';
  return (
    <div className="query-starts">
      <div className="row">
        <span>{pathLike ? 'From, to' : 'Start nodes'}</span>
        <button data-testid="query-add-selection" onClick={pickSelection} title="Add the node selected on the canvas">
          + Selected
        </button>
        {picked.length > 0 && <button onClick={() => queryStore.getState().clearPicked()}>Clear</button>}
      </div>
      <ul className="query-picked" data-testid="query-picked">
        {picked.map((p, i) => (
          <li key={p.id}>
            {pathLike && <span className="muted">{i === 0 ? 'from' : i === 1 ? 'to' : 'unused'}</span>}
            <span title={p.id}>{p.name}</span>
            <button className="icon" aria-label={`Remove ${p.name}`} onClick={() => queryStore.getState().unpick(p.id)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <input data-testid="query-node-search" type="search" placeholder="Add by name…" value={text} onChange={(e) => setText(e.target.value)} />
      {hits.length > 0 && (
        <ul className="query-hits">
          {hits.map((h) => (
            <li key={h.id}>
              <button
                className="link-like"
                onClick={() => {
                  queryStore.getState().pick(h);
                  setText('');
                }}
              >
                {h.name} <span className="muted mono">{h.id}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function NumberField(props: { label: string; value: number; min: number; max: number; step?: number; testId?: string; onChange(v: number): void }) {
  return (
    <label className="row">
      <span>{props.label}</span>
      <input
        type="number"
        data-testid={props.testId}
        value={props.value}
        min={props.min}
        max={props.max}
        step={props.step ?? 1}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (Number.isFinite(v)) props.onChange(Math.min(props.max, Math.max(props.min, v)));
        }}
      />
    </label>
  );
}

function Parameters() {
  const kind = useQuery((s) => s.kind);
  const p = useQuery((s) => s.params);
  const set = queryStore.getState().setParams;
  return (
    <div className="query-params">
      {kind !== 'retrieve' && (
        <label className="row">
          <span>Direction</span>
          <select data-testid="query-direction" value={p.direction} onChange={(e) => set({ direction: e.target.value as typeof p.direction })}>
            <option value="both">both</option>
            <option value="out">out</option>
            <option value="in">in</option>
          </select>
        </label>
      )}
      {kind === 'khop' && (
        <>
          <NumberField label="Hops" testId="query-hops" value={p.hops} min={0} max={10} onChange={(hops) => set({ hops })} />
          <NumberField label="Max nodes" value={p.maxNodes} min={1} max={100_000} onChange={(maxNodes) => set({ maxNodes })} />
          <NumberField label="Edges per node (supernode cap)" value={p.perNodeLimit} min={1} max={1_000_000} onChange={(perNodeLimit) => set({ perNodeLimit })} />
        </>
      )}
      {kind === 'path' && (
        <label className="row">
          <span>Weight property</span>
          <input type="text" placeholder="fewest hops" value={p.weightProperty} onChange={(e) => set({ weightProperty: e.target.value })} />
        </label>
      )}
      {kind === 'paths' && (
        <>
          <NumberField label="Max length" value={p.maxLength} min={1} max={10} onChange={(maxLength) => set({ maxLength })} />
          <NumberField label="Max paths" value={p.maxResults} min={1} max={10_000} onChange={(maxResults) => set({ maxResults })} />
        </>
      )}
      {(kind === 'ppr' || kind === 'retrieve') && (
        <>
          <NumberField label="Top k" value={p.k} min={1} max={1000} onChange={(k) => set({ k })} />
          <NumberField label="Damping" value={p.damping} min={0} max={0.99} step={0.05} onChange={(damping) => set({ damping })} />
          <NumberField label="Iterations" value={p.iterations} min={1} max={200} onChange={(iterations) => set({ iterations })} />
        </>
      )}
      {kind === 'retrieve' && (
        <textarea data-testid="query-text" rows={2} placeholder="Ask a question…" value={p.text} onChange={(e) => set({ text: e.target.value })} />
      )}
      {kind !== 'retrieve' && (
        <label className="row">
          <span>Relations</span>
          <input type="text" placeholder="all (or a,b,c)" value={p.edgeTypes} onChange={(e) => set({ edgeTypes: e.target.value })} />
        </label>
      )}
    </div>
  );
}

function RunBar() {
  const running = useQuery((s) => s.running);
  const progress = useQuery((s) => s.progress);
  const error = useQuery((s) => s.error);
  const missing = useQuery((s) => missingInput(s));
  return (
    <div className="query-run">
      <div className="row">
        <button className="primary" data-testid="query-run" disabled={running || missing !== null} title={missing ?? 'Run the query'} onClick={() => void runQuery()}>
          Run
        </button>
        {running && (
          <button data-testid="query-cancel" onClick={() => void cancelQuery()}>
            Cancel
          </button>
        )}
        {running && !progress && <span className="muted">Running…</span>}
      </div>
      {progress && (
        <div className="muted" data-testid="query-progress">
          {progress.stage === 'pagerank' ? 'PageRank: iteration' : `Loading the graph: ${progress.stage.replace('load ', '')}`} {formatCount(progress.done)}
          {progress.total ? ` / ${formatCount(progress.total)}` : ''}
          {progress.total ? <progress value={progress.done} max={progress.total} /> : null}
        </div>
      )}
      {error && (
        <div className="error" role="alert" data-testid="query-error">
          {error}
        </div>
      )}
    </div>
  );
}

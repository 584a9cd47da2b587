import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useActions } from '../../app/context';
import { useApp } from '../../store';
import { formatCount } from '../../util/format';
import { K_CHOICES, similarityStore, useSimilarity, visibleHits } from './similarity-store';
import { colorsFor } from './score-ramp';
import { refreshStatus, searchText, showVisibleHits, startEmbedding } from './similarity-actions';

const DEBOUNCE_MS = 300;

/** The "Meaning" toggle beside the name search; when on, a panel to search by meaning. */
export function SemanticSearch() {
  const open = useSimilarity((s) => s.open);
  const setOpen = useSimilarity((s) => s.setOpen);
  return (
    <div className="semantic">
      <button
        data-testid="semantic-toggle"
        aria-pressed={open}
        className={open ? 'primary' : undefined}
        title="Search by meaning (semantic mode)"
        onClick={() => {
          setOpen(!open);
          if (!open) void refreshStatus();
        }}
      >
        ≈ Meaning
      </button>
      {open && <SemanticPanel />}
    </div>
  );
}

function SemanticPanel() {
  const [text, setText] = useState(() => {
    const q = similarityStore.getState().query;
    return q?.kind === 'text' ? q.text : '';
  });
  const input = useRef<HTMLInputElement>(null);
  const k = useSimilarity((s) => s.k);
  const setK = useSimilarity((s) => s.setK);

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    const timer = setTimeout(() => {
      const q = similarityStore.getState().query;
      if (text.trim() === '' && q?.kind === 'node') return; // a "Find similar" answer stays until the user types
      void searchText(text);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, k]);

  return (
    <div className="semantic-panel panel" data-testid="semantic-panel">
      <div className="row">
        <input
          ref={input}
          data-testid="semantic-input"
          type="search"
          placeholder="Describe what you look for, e.g. a city in France"
          value={text}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') similarityStore.getState().setOpen(false);
            e.stopPropagation();
          }}
        />
        <select aria-label="How many" data-testid="semantic-k" value={k} onChange={(e) => setK(Number(e.target.value))}>
          {K_CHOICES.map((n) => (
            <option key={n} value={n}>
              top {n}
            </option>
          ))}
        </select>
      </div>
      <ThresholdSlider />
      <EmbedState />
      <HitList />
    </div>
  );
}

function ThresholdSlider() {
  const threshold = useSimilarity((s) => s.threshold);
  const setThreshold = useSimilarity((s) => s.setThreshold);
  return (
    <label className="row small semantic-threshold">
      <span>min. similarity</span>
      <input
        data-testid="semantic-threshold"
        type="range"
        min={0}
        max={1}
        step={0.01}
        value={threshold}
        onChange={(e) => setThreshold(Number(e.target.value))}
        onPointerUp={() => void showVisibleHits()}
        onKeyUp={() => void showVisibleHits()}
      />
      <span className="mono">{threshold.toFixed(2)}</span>
    </label>
  );
}

/** Vectors missing, a job running, or no model: say so and offer what can be done. */
function EmbedState() {
  const status = useSimilarity((s) => s.embedStatus);
  const model = useSimilarity((s) => s.model);
  const job = useSimilarity((s) => s.embedJob);
  if (job) {
    return (
      <p className="small muted" data-testid="semantic-embedding">
        Embedding nodes: {formatCount(job.done)}
        {job.total ? ` / ${formatCount(job.total)}` : ''} — results grow as vectors are written.
      </p>
    );
  }
  if (model && !model.available) {
    return (
      <p className="small error-text" data-testid="semantic-no-model">
        {model.problem}
      </p>
    );
  }
  if (status && status.embedded < status.nodes) {
    return (
      <p className="small muted row">
        <span>
          {formatCount(status.embedded)} of {formatCount(status.nodes)} nodes have vectors.
        </span>
        <button data-testid="semantic-embed" onClick={() => void startEmbedding()}>
          Embed the rest
        </button>
      </p>
    );
  }
  return null;
}

function HitList() {
  const actions = useActions();
  const { allHits, threshold, loading, error, query } = useSimilarity(
    useShallow((s) => ({ allHits: s.hits, threshold: s.threshold, loading: s.loading, error: s.error, query: s.query })),
  );
  const onCanvas = useApp((s) => s.view.nodeIds);
  // Derived here, not in the selector: a new array per store read would re-render without end.
  const hits = useMemo(() => visibleHits({ hits: allHits, threshold }), [allHits, threshold]);
  const colors = useMemo(() => colorsFor(hits, threshold), [hits, threshold]);
  if (error) return <p className="small error-text" data-testid="semantic-error">{error}</p>;
  if (!query) return <p className="small muted">Nodes nearest in meaning light up on the canvas, reddest first.</p>;
  return (
    <>
      <p className="small muted" data-testid="semantic-caption">
        {loading ? 'Searching…' : `${hits.length} nodes`} {query.kind === 'node' ? `similar to ${query.name}` : `for “${query.text}”`}
      </p>
      <ol className="semantic-hits" data-testid="semantic-hits">
        {hits.map((h) => (
          <li key={h.id} data-testid="semantic-hit" data-id={h.id}>
            <span className="swatch" style={{ background: colors.get(h.id) }} />
            <button className="hit-name link-like" title={h.id} onClick={() => void actions.jumpTo(h.id)}>
              {h.name || h.id}
            </button>
            <span className="muted small">{h.type}</span>
            <span className="mono small" data-testid="semantic-score">
              {h.score.toFixed(3)}
            </span>
            <button
              className="small"
              data-testid="semantic-add"
              title={onCanvas.has(h.id) ? 'Add its neighbours to the view' : 'Add to the view with its neighbours'}
              onClick={() => void actions.jumpTo(h.id)}
            >
              Add to view
            </button>
          </li>
        ))}
      </ol>
    </>
  );
}

/**
 * The answer under the query form: a one-line summary (sizes, time, what was cut), for retrieval
 * the three steps to switch between (seeds, spread, answers with passages), the table, and
 * CSV/JSON export of what is shown.
 */
import { useActions } from '../../app/context';
import { downloadText } from '../profiler/download';
import { queryStore, useQuery, type QueryAnswer, type RetrieveStep } from './query-store';
import { tableOf, toCsv, toJson } from './query-export';
import { highlightOf } from './query-highlight';

/** Rows rendered in the panel; exports hold them all. */
const SHOWN_ROWS = 200;

function summary(a: QueryAnswer): string {
  const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;
  switch (a.kind) {
    case 'khop':
      return `${a.data.nodes.length} nodes, ${a.data.edges.length} edges (${ms(a.data.ms)})`;
    case 'path':
      return a.data.found ? `${a.data.hops} hops${a.data.cost !== undefined ? `, cost ${a.data.cost}` : ''} (${ms(a.data.ms)})` : `No path (${ms(a.data.ms)})`;
    case 'paths':
      return `${a.data.paths.length} path(s)${a.data.truncated ? ', more exist' : ''} (${ms(a.data.ms)})`;
    case 'ppr':
      return `Top ${a.data.nodes.length} of ${a.data.iterations} iterations (${ms(a.data.ms)})`;
    case 'retrieve':
      return `${a.data.seeds.length} seeds → ${a.data.answers.length} answers, ${a.data.passages.length} passages (search ${ms(a.data.timings.searchMs)}, spread ${ms(a.data.timings.spreadMs)})`;
  }
}

const STEPS: Array<[RetrieveStep, string]> = [
  ['seeds', '1 Seeds (similarity)'],
  ['spread', '2 Spread (PageRank)'],
  ['answers', '3 Answers + passages'],
];

export function QueryResults() {
  const answer = useQuery((s) => s.answer);
  const step = useQuery((s) => s.step);
  const actions = useActions();
  if (!answer) return null;
  const table = tableOf(answer, step);
  const marks = highlightOf(answer, step).nodes;
  const idColumn = table.columns.indexOf('id');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return (
    <div className="query-results" data-testid="query-results">
      <div className="row">
        <span data-testid="query-summary">{summary(answer)}</span>
      </div>
      {answer.kind === 'khop' && answer.data.truncated && (
        <div className="warning" data-testid="query-truncated">
          Cut: {answer.data.truncated.message}
        </div>
      )}
      {answer.kind === 'retrieve' && (
        <div className="row query-steps" role="tablist">
          {STEPS.map(([s, label]) => (
            <button key={s} role="tab" aria-selected={step === s} data-testid={`query-step-${s}`} className={step === s ? 'primary' : undefined} onClick={() => queryStore.getState().setStep(s)}>
              {label}
            </button>
          ))}
        </div>
      )}
      <div className="row">
        <button data-testid="query-export-csv" onClick={() => downloadText(toCsv(table), `query-${answer.kind}-${stamp}.csv`, 'text/csv')}>
          Export CSV
        </button>
        <button data-testid="query-export-json" onClick={() => downloadText(toJson(answer), `query-${answer.kind}-${stamp}.json`, 'application/json')}>
          Export JSON
        </button>
        <button onClick={() => queryStore.setState({ answer: null })}>Clear</button>
      </div>
      <div className="query-table-wrap">
        <table className="query-table" data-testid="query-table">
          <thead>
            <tr>
              <th aria-label="colour" />
              {table.columns.map((c) => (
                <th key={c}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.slice(0, SHOWN_ROWS).map((row, i) => {
              const id = idColumn >= 0 ? String(row[idColumn]) : null;
              return (
                <tr key={i} onClick={() => id && void actions.selectNode(id)} className={id ? 'clickable' : undefined}>
                  <td>{id && marks.get(id) && <span className="swatch" style={{ background: marks.get(id)!.color }} />}</td>
                  {row.map((v, j) => (
                    <td key={j}>{String(v)}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        {table.rows.length > SHOWN_ROWS && <div className="muted">{table.rows.length - SHOWN_ROWS} more rows in the export.</div>}
      </div>
      {answer.kind === 'retrieve' && step === 'answers' && (
        <ol className="query-passages" data-testid="query-passages">
          {answer.data.passages.map((p) => (
            <li key={p.id} onClick={() => void actions.selectNode(p.id)}>
              <span className="mono">{p.score.toFixed(4)}</span> {p.text.slice(0, 240)}
              {p.text.length > 240 ? '…' : ''}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

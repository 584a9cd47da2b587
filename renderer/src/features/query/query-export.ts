/**
 * The answer as a table (what the panel lists and the CSV holds) and as JSON. One row per node,
 * or per path for "all paths"; retrieval exports the step on screen, passages with their text.
 */
import type { QueryAnswer, RetrieveStep } from './query-store';

export type Cell = string | number;

export interface AnswerTable {
  columns: string[];
  rows: Cell[][];
}

const score = (s: number): number => Number(s.toPrecision(6));

export function tableOf(a: QueryAnswer, step: RetrieveStep = 'answers'): AnswerTable {
  switch (a.kind) {
    case 'khop':
      return { columns: ['hop', 'id', 'name', 'type'], rows: a.data.nodes.map((n) => [n.hop, n.id, n.name, n.type]) };
    case 'path':
      return {
        columns: ['step', 'id', 'name', 'type', 'edge to next'],
        rows: a.data.nodes.map((n, i) => [i, n.id, n.name, n.type, a.data.edges[i]?.type ?? '']),
      };
    case 'paths': {
      const name = new Map(a.data.nodes.map((n) => [n.id, n.name]));
      return { columns: ['path', 'length', 'nodes'], rows: a.data.paths.map((p, i) => [i + 1, p.edges.length, p.nodes.map((id) => name.get(id) ?? id).join(' → ')]) };
    }
    case 'ppr': {
      const seeds = new Set(a.data.seeds.map((s) => s.id));
      return { columns: ['rank', 'score', 'id', 'name', 'type', 'seed'], rows: a.data.nodes.map((n, i) => [i + 1, score(n.score), n.id, n.name, n.type, seeds.has(n.id) ? 'yes' : '']) };
    }
    case 'retrieve': {
      const d = a.data;
      if (step === 'seeds') return { columns: ['rank', 'similarity', 'id', 'name', 'type'], rows: d.seeds.map((n, i) => [i + 1, score(n.score), n.id, n.name, n.type]) };
      if (step === 'spread') return { columns: ['rank', 'score', 'id', 'name', 'type'], rows: d.spread.map((n, i) => [i + 1, score(n.score), n.id, n.name, n.type]) };
      return {
        columns: ['rank', 'score', 'id', 'name', 'type', 'passages'],
        rows: d.answers.map((n, i) => [i + 1, score(n.score), n.id, n.name, n.type, n.passages.length]),
      };
    }
  }
}

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled. */
export function toCsv(t: AnswerTable): string {
  const cell = (v: Cell) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [t.columns, ...t.rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function toJson(a: QueryAnswer): string {
  return JSON.stringify({ query: a.kind, ...a.data }, null, 2);
}

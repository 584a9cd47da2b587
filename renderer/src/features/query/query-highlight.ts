/**
 * How an answer looks on the canvas, as plain data (testable without Cytoscape): which nodes and
 * edges belong to it, and per element a colour, size and ring. Hop distance is a colour step, a
 * path is drawn as a thick purple line, PPR and similarity scores are a yellow-to-red ramp with
 * size, passages of a retrieval are blue squares.
 */
import type { QueryEdge, QueryNodeInfo } from '../../../../electron/common/protocol/query';
import { rampColor, rampPosition } from '../similarity/score-ramp';
import type { QueryAnswer, RetrieveStep } from './query-store';

export interface NodeMark {
  color: string;
  size: number;
  /** Border colour; start nodes and seeds get a dark ring. */
  ring: string;
  shape?: 'round-rectangle';
}

export interface EdgeMark {
  color: string;
  width: number;
}

export interface Highlight {
  nodes: Map<string, NodeMark>;
  edges: Map<string, EdgeMark>;
}

/** Hop 0 (start) .. 4+: dark red, orange, amber, green, blue. */
export const HOP_COLORS = ['#a50f15', '#e6550d', '#f2a93b', '#31a354', '#3182bd'];
export const PATH_COLOR = '#7b2cbf';
export const ALT_PATH_COLOR = '#2a9d8f';
export const PASSAGE_COLOR = '#1f78b4';
const START_RING = '#111111';

export const hopColor = (hop: number): string => HOP_COLORS[Math.min(hop, HOP_COLORS.length - 1)];

/** Every node and edge of the answer (what has to be on the canvas), first node = where to look. */
export function answerElements(a: QueryAnswer): { nodes: QueryNodeInfo[]; edges: QueryEdge[] } {
  switch (a.kind) {
    case 'khop':
    case 'path':
    case 'paths':
      return { nodes: a.data.nodes, edges: a.data.edges };
    case 'ppr':
      return { nodes: unique([...a.data.seeds, ...a.data.nodes]), edges: a.data.edges };
    case 'retrieve':
      return { nodes: unique([...a.data.seeds, ...a.data.spread, ...a.data.answers, ...a.data.passages]), edges: a.data.edges };
  }
}

function unique<T extends { id: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((n) => !seen.has(n.id) && seen.add(n.id));
}

function scored(items: ReadonlyArray<{ id: string; score: number }>, nodes: Map<string, NodeMark>, ring = ''): void {
  if (!items.length) return;
  const high = Math.max(...items.map((i) => i.score));
  const low = Math.min(...items.map((i) => i.score));
  for (const i of items) {
    const t = rampPosition(i.score, low, high);
    nodes.set(i.id, { color: rampColor(t), size: Math.round(18 + 26 * t), ring: ring || rampColor(t) });
  }
}

export function highlightOf(a: QueryAnswer, step: RetrieveStep = 'answers'): Highlight {
  const nodes = new Map<string, NodeMark>();
  const edges = new Map<string, EdgeMark>();
  switch (a.kind) {
    case 'khop':
      for (const n of a.data.nodes) nodes.set(n.id, { color: hopColor(n.hop), size: n.hop === 0 ? 40 : 26, ring: n.hop === 0 ? START_RING : hopColor(n.hop) });
      for (const e of a.data.edges) edges.set(e.id, { color: '#888888', width: 2 });
      break;
    case 'path':
      a.data.nodes.forEach((n, i) => {
        const end = i === 0 || i === a.data.nodes.length - 1;
        nodes.set(n.id, { color: PATH_COLOR, size: end ? 40 : 30, ring: end ? START_RING : PATH_COLOR });
      });
      for (const e of a.data.edges) edges.set(e.id, { color: PATH_COLOR, width: 7 });
      break;
    case 'paths': {
      for (const n of a.data.nodes) nodes.set(n.id, { color: ALT_PATH_COLOR, size: 26, ring: ALT_PATH_COLOR });
      for (const e of a.data.edges) edges.set(e.id, { color: ALT_PATH_COLOR, width: 4 });
      // The shortest of them on top, drawn like a single shortest path.
      const best = a.data.paths[0];
      if (best) {
        for (const id of best.nodes) nodes.set(id, { color: PATH_COLOR, size: 30, ring: PATH_COLOR });
        for (const id of best.edges) edges.set(id, { color: PATH_COLOR, width: 7 });
        for (const id of [best.nodes[0], best.nodes[best.nodes.length - 1]]) nodes.set(id, { color: PATH_COLOR, size: 40, ring: START_RING });
      }
      break;
    }
    case 'ppr':
      scored(a.data.nodes, nodes);
      for (const s of a.data.seeds) nodes.set(s.id, { ...(nodes.get(s.id) ?? { color: rampColor(1), size: 40 }), ring: START_RING });
      for (const e of a.data.edges) edges.set(e.id, { color: '#999999', width: 2 });
      break;
    case 'retrieve': {
      const d = a.data;
      if (step === 'seeds') scored(d.seeds, nodes, START_RING);
      if (step === 'spread') {
        scored(d.spread, nodes);
        for (const s of d.seeds) if (nodes.has(s.id)) nodes.set(s.id, { ...nodes.get(s.id)!, ring: START_RING });
      }
      if (step === 'answers') {
        scored(d.answers, nodes);
        for (const p of d.passages) nodes.set(p.id, { color: PASSAGE_COLOR, size: 34, ring: PASSAGE_COLOR, shape: 'round-rectangle' });
        const shown = new Set(nodes.keys());
        for (const e of d.edges) if (shown.has(e.source) && shown.has(e.target)) edges.set(e.id, { color: PASSAGE_COLOR, width: 3 });
      }
      break;
    }
  }
  return { nodes, edges };
}

/**
 * Independent references for the query tests, written the plain way on string ids read straight
 * from the workspace tables: Map adjacency, queue BFS, Dijkstra by scanning, dense power iteration.
 */
import type Database from 'better-sqlite3';

export interface StoredEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  props: Record<string, unknown>;
}

export interface StoredGraph {
  nodeIds: Set<string>;
  edges: StoredEdge[];
  edgeById: Map<string, StoredEdge>;
  /** `count` distinct node ids with at least one edge, picked by a seeded generator. */
  sampleIds(count: number, seed: number): string[];
  highestDegree(direction: 'out' | 'in' | 'both'): { id: string; degree: number };
}

export function readGraph(db: Database.Database): StoredGraph {
  const nodeIds = new Set((db.prepare('SELECT id FROM nodes ORDER BY rid').pluck().all() as string[]));
  const edges = (db
    .prepare('SELECT e.rid, e.eid, s.id AS source, d.id AS target, e.type, e.props FROM edges e JOIN nodes s ON s.rid = e.src JOIN nodes d ON d.rid = e.dst ORDER BY e.rid')
    .all() as Array<{ rid: number; eid: string | null; source: string; target: string; type: string; props: string | null }>)
    .map((r) => ({ id: r.eid ?? `e${r.rid}`, source: r.source, target: r.target, type: r.type, props: r.props ? (JSON.parse(r.props) as Record<string, unknown>) : {} }));
  const connected = [...new Set(edges.flatMap((e) => [e.source, e.target]))].sort();
  return {
    nodeIds,
    edges,
    edgeById: new Map(edges.map((e) => [e.id, e])),
    sampleIds(count, seed) {
      let s = seed;
      const picked = new Set<string>();
      while (picked.size < Math.min(count, connected.length)) {
        s = (s * 1103515245 + 12345) % 2 ** 31;
        picked.add(connected[s % connected.length]);
      }
      return [...picked];
    },
    highestDegree(direction) {
      const deg = new Map<string, number>();
      for (const e of edges) {
        if (direction !== 'in') deg.set(e.source, (deg.get(e.source) ?? 0) + 1);
        if (direction !== 'out') deg.set(e.target, (deg.get(e.target) ?? 0) + 1);
      }
      const [id, degree] = [...deg.entries()].sort((a, b) => b[1] - a[1])[0];
      return { id, degree };
    },
  };
}

function neighbours(g: StoredGraph, direction: 'out' | 'in' | 'both', types?: Set<string>): Map<string, string[]> {
  const adj = new Map<string, string[]>();
  const add = (a: string, b: string) => (adj.get(a) ?? adj.set(a, []).get(a)!).push(b);
  for (const e of g.edges) {
    if (types && !types.has(e.type)) continue;
    if (direction !== 'in') add(e.source, e.target);
    if (direction !== 'out') add(e.target, e.source);
  }
  return adj;
}

/** Hop distance of every node within `hops` of the starts. */
export function bfsReference(g: StoredGraph, starts: string[], hops: number, direction: 'out' | 'in' | 'both', types?: Set<string>): Map<string, number> {
  const adj = neighbours(g, direction, types);
  const dist = new Map<string, number>(starts.map((s) => [s, 0]));
  let frontier = [...new Set(starts)];
  for (let h = 1; h <= hops && frontier.length; h++) {
    const next: string[] = [];
    for (const u of frontier) {
      for (const v of adj.get(u) ?? []) {
        if (dist.has(v)) continue;
        dist.set(v, h);
        next.push(v);
      }
    }
    frontier = next;
  }
  return dist;
}

/**
 * Least total weight from a to b along out-edges, or along edges either way with direction 'both'
 * (missing/non-numeric weight = 1); undefined if unreachable.
 */
export function dijkstraReference(g: Pick<StoredGraph, 'edges'>, a: string, b: string, property: string, direction: 'out' | 'both' = 'out'): number | undefined {
  const dist = new Map<string, number>([[a, 0]]);
  const done = new Set<string>();
  for (;;) {
    let u: string | undefined;
    for (const [k, d] of dist) if (!done.has(k) && (u === undefined || d < dist.get(u)!)) u = k;
    if (u === undefined) return undefined;
    if (u === b) return dist.get(u);
    done.add(u);
    for (const e of g.edges) {
      const v = e.source === u ? e.target : direction === 'both' && e.target === u ? e.source : undefined;
      if (v === undefined) continue;
      const w = typeof e.props[property] === 'number' ? (e.props[property] as number) : 1;
      const d = dist.get(u)! + w;
      if (d < (dist.get(v) ?? Infinity)) dist.set(v, d);
    }
  }
}

/**
 * Personalised PageRank with equal seed weights: x = (1-d)p + d·W x, a node with no walkable edge
 * giving its mass back to p; iterated until the L1 change is below 1e-14.
 */
export function pagerankReference(g: StoredGraph, seeds: string[], damping: number, direction: 'out' | 'both'): Map<string, number> {
  const adj = neighbours(g, direction);
  const ids = [...g.nodeIds];
  const p = new Map<string, number>(seeds.map((s) => [s, 1 / seeds.length]));
  let x = new Map<string, number>(ids.map((id) => [id, p.get(id) ?? 0]));
  for (let it = 0; it < 10_000; it++) {
    const next = new Map<string, number>(ids.map((id) => [id, 0]));
    let dangling = 0;
    for (const u of ids) {
      const nb = adj.get(u) ?? [];
      if (nb.length === 0) {
        dangling += x.get(u)!;
        continue;
      }
      for (const v of nb) next.set(v, next.get(v)! + (damping * x.get(u)!) / nb.length);
    }
    for (const [s, w] of p) next.set(s, next.get(s)! + (1 - damping + damping * dangling) * w);
    let change = 0;
    for (const id of ids) change += Math.abs(next.get(id)! - x.get(id)!);
    x = next;
    if (change < 1e-14) break;
  }
  return x;
}

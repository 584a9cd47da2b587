/**
 * Multi-hop queries on Neo4j in plain Cypher (the server has neither GDS nor APOC):
 *  - k-hop: breadth-first, one query per hop over the whole frontier, capped (supernode guard);
 *  - shortest path: Cypher's shortestPath() with the visibility filter on every relationship;
 *  - personalised PageRank: power iteration with restart to the seeds, one Cypher query per
 *    iteration spreading rank over visible relationships (undirected walk by default), pruned to the
 *    `maxActive` strongest nodes so a supernode cannot blow up the working set.
 */
import type { Node as DriverNode, Path } from 'neo4j-driver';
import type { GraphEdge, GraphNode, Subgraph } from '../../../electron/common/model';
import { WorkbenchError } from '../../../electron/common/errors';
import { cypherInt, type Neo4jConnection } from './connection';
import { toGraphEdge, toGraphNode } from './records';
import { VIS_PRELUDE, visible } from './visibility';

type Direction = 'out' | 'in' | 'both';

export interface KHopResult extends Subgraph {
  /** Hop distance of every returned node from the nearest seed (seeds are 0). */
  hops: Record<string, number>;
}

export interface PprHit {
  id: string;
  name: string;
  type: string;
  score: number;
}

interface SubgraphSource {
  readonly conn: Neo4jConnection;
  edgesAmong(ids: string[], limit: number): Promise<GraphEdge[]>;
}

function step(direction: Direction): string {
  if (direction === 'out') return '(n)-[r]->(m)';
  if (direction === 'in') return '(n)<-[r]-(m)';
  return '(n)-[r]-(m)';
}

export async function nodesByIds(conn: Neo4jConnection, ids: string[]): Promise<GraphNode[]> {
  if (ids.length === 0) return [];
  const res = await conn.read<{ n: DriverNode<number>; deg: number }>(
    `${VIS_PRELUDE} UNWIND $ids AS id MATCH (n:Node {id: id}) WHERE ${visible('n')} RETURN n, COUNT { (n)--() } AS deg`,
    { ids }, 'reading nodes');
  return res.records.map((r) => toGraphNode(r.get('n'), r.get('deg')));
}

export async function kHop(src: SubgraphSource, seeds: string[], hops: number, direction: Direction, maxNodes: number): Promise<KHopResult> {
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) throw new WorkbenchError('BAD_REQUEST', 'hops must be an integer from 0 to 10', { value: String(hops), expected: '0..10' });
  const dist = new Map<string, number>();
  for (const n of await nodesByIds(src.conn, [...new Set(seeds)])) dist.set(n.id, 0);
  let frontier = [...dist.keys()];
  let omitted = 0;
  for (let h = 1; h <= hops && frontier.length > 0; h++) {
    const room = maxNodes - dist.size;
    if (room <= 0) break;
    const res = await src.conn.read<{ ids: string[]; found: number }>(
      `${VIS_PRELUDE}
       UNWIND $frontier AS fid
       MATCH (n:Node {id: fid})
       MATCH ${step(direction)} WHERE ${visible('r')} AND ${visible('m')} AND NOT m.id IN $seen
       WITH DISTINCT m.id AS id ORDER BY id
       WITH collect(id) AS ids
       RETURN ids[0..$room] AS ids, size(ids) AS found`,
      { frontier, seen: [...dist.keys()], room: cypherInt(room) }, `expanding hop ${h}`);
    const rec = res.records[0];
    const ids = rec?.get('ids') ?? [];
    const found = rec?.get('found') ?? 0;
    omitted += found - ids.length;
    for (const id of ids) dist.set(id, h);
    frontier = ids;
  }
  const ids = [...dist.keys()];
  const nodes = await nodesByIds(src.conn, ids);
  const edgeCap = maxNodes * 10;
  const edges = await src.edgesAmong(ids, edgeCap + 1);
  const out: KHopResult = { nodes, edges: edges.slice(0, edgeCap), hops: Object.fromEntries(dist) };
  if (omitted > 0) out.truncated = { omitted, reason: `node cap ${maxNodes} reached` };
  else if (edges.length > edgeCap) out.truncated = { omitted: edges.length - edgeCap, reason: `edge cap ${edgeCap}` };
  return out;
}

export async function shortestPath(conn: Neo4jConnection, a: string, b: string, maxHops: number, direction: Direction): Promise<Subgraph | null> {
  if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > 15) throw new WorkbenchError('BAD_REQUEST', 'maxHops must be an integer from 1 to 15', { value: String(maxHops), expected: '1..15' });
  if (a === b) {
    const nodes = await nodesByIds(conn, [a]);
    return nodes.length ? { nodes, edges: [] } : null;
  }
  const rel = direction === 'out' ? `-[*..${maxHops}]->` : direction === 'in' ? `<-[*..${maxHops}]-` : `-[*..${maxHops}]-`;
  const res = await conn.read<{ p: Path<number> }>(
    `${VIS_PRELUDE}
     MATCH (a:Node {id: $a}) WHERE ${visible('a')}
     MATCH (b:Node {id: $b}) WHERE ${visible('b')}
     MATCH p = shortestPath((a)${rel}(b))
     WHERE all(r IN relationships(p) WHERE ${visible('r')}) AND all(x IN nodes(p) WHERE ${visible('x')})
     RETURN p`,
    { a, b }, 'finding a shortest path');
  const p = res.records[0]?.get('p');
  if (!p) return null;
  const nodes = [toGraphNode(p.start)];
  const edges: GraphEdge[] = [];
  for (const seg of p.segments) {
    nodes.push(toGraphNode(seg.end));
    const fwd = seg.relationship.start === seg.start.identity;
    const [s, t] = fwd ? [seg.start, seg.end] : [seg.end, seg.start];
    edges.push(toGraphEdge(seg.relationship, String(s.properties.id), String(t.properties.id)));
  }
  return { nodes, edges };
}

export interface PprOptions {
  /** Restart probability (1 - damping); default 0.15. */
  alpha?: number;
  iterations?: number;
  /** Working-set bound: only the strongest nodes are kept between iterations (default 5000). */
  maxActive?: number;
  /** Walk direction: 'both' (undirected, the default), 'out' or 'in'. */
  direction?: Direction;
  /** Only relationships of these (original) types are walked. */
  edgeTypes?: string[] | null;
  /** Stop early once the L1 change of an iteration is below this (default 1e-9). */
  tolerance?: number;
  /** Checked before every iteration (one server round trip each): CANCELLED when aborted. */
  signal?: AbortSignal;
  /** After every iteration: iterations run so far of at most `total`. */
  onProgress?(done: number, total: number): void;
}

/**
 * Power iteration with restart to the seeds, one Cypher query per iteration: each active node
 * spreads its rank evenly over its visible neighbours (in the walk direction). Returns the rank
 * of every node still active, how many iterations ran and the last L1 change.
 */
export async function pprScores(
  conn: Neo4jConnection,
  seeds: Array<string | { id: string; weight: number }>,
  opts: PprOptions = {},
): Promise<{ rank: Map<string, number>; iterations: number; delta: number }> {
  const alpha = opts.alpha ?? 0.15; // restart probability
  const iterations = opts.iterations ?? 20;
  const maxActive = opts.maxActive ?? 5000;
  const weights = new Map<string, number>();
  for (const s of seeds) {
    const [id, w] = typeof s === 'string' ? [s, 1] : [s.id, s.weight];
    if (w > 0) weights.set(id, (weights.get(id) ?? 0) + w);
  }
  const present = new Set((await nodesByIds(conn, [...weights.keys()])).map((n) => n.id));
  for (const id of [...weights.keys()]) if (!present.has(id)) weights.delete(id);
  const sum = [...weights.values()].reduce((a, b) => a + b, 0);
  if (sum === 0) return { rank: new Map(), iterations: 0, delta: 0 };
  const restart = new Map([...weights].map(([id, w]) => [id, w / sum]));
  const pattern = opts.direction === 'out' ? '(n)-[r]->(x)' : opts.direction === 'in' ? '(n)<-[r]-(x)' : '(n)-[r]-(x)';

  const tolerance = opts.tolerance ?? 1e-9;
  let rank = new Map(restart);
  let delta = 0;
  let it = 0;
  for (; it < iterations; it++) {
    if (opts.signal?.aborted) throw new WorkbenchError('CANCELLED', 'The PageRank query was cancelled');
    const mass = [...rank].map(([id, p]) => ({ id, p }));
    const res = await conn.read<{ id: string; p: number }>(
      `${VIS_PRELUDE}
       UNWIND $mass AS m
       MATCH (n:Node {id: m.id})
       OPTIONAL MATCH ${pattern} WHERE ${visible('r')} AND ${visible('x')}
         AND ($edgeTypes IS NULL OR coalesce(r._type, type(r)) IN $edgeTypes)
       WITH m, collect(x.id) AS xs
       WHERE size(xs) > 0
       UNWIND xs AS xid
       RETURN xid AS id, sum(m.p / size(xs)) AS p`,
      { mass, edgeTypes: opts.edgeTypes ?? null }, 'ranking nodes');
    const next = new Map<string, number>();
    let spread = 0;
    for (const r of res.records) {
      const p = (1 - alpha) * r.get('p');
      next.set(r.get('id'), p);
      spread += p;
    }
    // Restart mass plus what dangling nodes (no visible edges) could not pass on: back to seeds.
    const back = 1 - spread;
    for (const [id, w] of restart) next.set(id, (next.get(id) ?? 0) + back * w);
    const pruned = prune(next, maxActive);
    delta = 0;
    for (const [id, p] of pruned) delta += Math.abs(p - (rank.get(id) ?? 0));
    for (const [id, p] of rank) if (!pruned.has(id)) delta += p;
    rank = pruned;
    opts.onProgress?.(it + 1, iterations);
    if (delta < tolerance) {
      it++;
      break;
    }
  }
  return { rank, iterations: it, delta };
}

export async function personalizedPageRank(
  conn: Neo4jConnection,
  seeds: Array<string | { id: string; weight: number }>,
  k: number,
  opts: PprOptions = {},
): Promise<PprHit[]> {
  const { rank } = await pprScores(conn, seeds, opts);
  const top = [...rank].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, Math.max(0, Math.trunc(k)));
  const nodes = new Map((await nodesByIds(conn, top.map(([id]) => id))).map((n) => [n.id, n]));
  return top.filter(([id]) => nodes.has(id)).map(([id, score]) => {
    const n = nodes.get(id)!;
    return { id, name: n.name, type: n.type, score };
  });
}

/** Keeps the `max` strongest entries and renormalises to sum 1. */
function prune(rank: Map<string, number>, max: number): Map<string, number> {
  let entries = [...rank];
  if (entries.length > max) entries = entries.sort((a, b) => b[1] - a[1]).slice(0, max);
  const total = entries.reduce((s, [, p]) => s + p, 0) || 1;
  return new Map(entries.map(([id, p]) => [id, p / total]));
}

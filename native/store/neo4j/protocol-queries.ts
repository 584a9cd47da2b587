/**
 * The query panel's multi-hop methods (query.khop / path / paths / ppr / status, protocol shapes of
 * electron/common/protocol/query.ts) answered by a Neo4j workspace server side, in plain Cypher
 * through the Neo4jStore's connection: the graph worker calls these instead of loading adjacency
 * when the workspace is stored in Neo4j. Every read hides data of imports in flight (visibility.ts).
 *  - k-hop: breadth-first, one query per hop over the whole frontier; the supernode guard
 *    (perNodeLimit) is a LIMIT per expanded node, maxNodes / perHopLimit cut the frontier.
 *  - path: Cypher shortestPath(); with a weight property, Dijkstra here over batched Cypher
 *    expansions (weighted-path.ts).
 *  - paths: simple paths by increasing length, one query per length, until maxResults.
 *  - PPR: power iteration in multihop.ts (one Cypher query per iteration), no GDS needed.
 */
import type { z } from 'zod';
import type { Path } from 'neo4j-driver';
import type {
  GraphStatus, HopNode, KHopParamsSchema, KHopResult, PathParamsSchema, PathResult, PathsParamsSchema, PathsResult,
  PprParamsSchema, PprResult, QueryEdge, QueryNodeInfo,
} from '../../../electron/common/protocol/query';
import type { GraphEdge, GraphNode } from '../../../electron/common/model';
import { WorkbenchError } from '../../../electron/common/errors';
import { cypherInt } from './connection';
import { nodesByIds, pprScores } from './multihop';
import type { Neo4jStore } from './neo4j-store';
import { VIS_PRELUDE, visible } from './visibility';
import type { RunControl } from '../../query/iterate';
import { neo4jWeightedPath } from './weighted-path';

type KHopParams = z.output<typeof KHopParamsSchema>;
type PathParams = z.output<typeof PathParamsSchema>;
type PathsParams = z.output<typeof PathsParamsSchema>;
type PprParams = z.output<typeof PprParamsSchema>;
type Direction = 'out' | 'in' | 'both';

/** Edges drawn among PPR results (as the graph worker does). */
const MAX_RESULT_EDGES = 5000;
const CAPPED_LISTED = 100;

const step = (d: Direction) => (d === 'out' ? '(n)-[r]->(m)' : d === 'in' ? '(n)<-[r]-(m)' : '(n)-[r]-(m)');
/** The relation-type filter (the original type is kept in `_type`; the sanitised one is type(r)). */
const EDGE_OK = (r: string) => `($edgeTypes IS NULL OR coalesce(${r}._type, type(${r})) IN $edgeTypes)`;

const info = (n: GraphNode): QueryNodeInfo => ({ id: n.id, name: n.name, type: n.type });
const edge = (e: GraphEdge): QueryEdge => ({ id: e.id, source: e.source, target: e.target, type: e.type });
const typesOrNull = (t: string[] | undefined) => (t && t.length > 0 ? t : null);

/** The workspace's size; there is nothing to load (`loaded` is always true). */
export async function neo4jGraphStatus(store: Neo4jStore): Promise<GraphStatus> {
  const t = performance.now();
  const s = await store.stats();
  return { loaded: true, nodes: s.nodes, edges: s.edges, loadMs: performance.now() - t, bytes: 0, skippedEdges: 0 };
}

async function existing(store: Neo4jStore, ids: string[], role: string): Promise<GraphNode[]> {
  const nodes = await nodesByIds(store.conn, [...new Set(ids)]);
  const found = new Set(nodes.map((n) => n.id));
  const missing = ids.find((id) => !found.has(id));
  if (missing !== undefined) throw new WorkbenchError('NOT_FOUND', `No node with id "${missing}" (${role}) in this workspace`, { value: missing });
  return nodes;
}

export async function neo4jKHop(store: Neo4jStore, p: KHopParams): Promise<KHopResult> {
  const t = performance.now();
  const seeds = await existing(store, p.ids, 'start');
  const dist = new Map<string, number>(seeds.map((n) => [n.id, 0]));
  const edgeTypes = typesOrNull(p.edgeTypes);
  const nodeTypes = typesOrNull(p.nodeTypes);
  const perHop = p.perHopLimit ?? Infinity;
  const reasons: string[] = [];
  const capped: string[] = [];
  let omitted = 0;
  let frontier = [...dist.keys()];
  for (let h = 1; h <= p.hops && frontier.length > 0; h++) {
    const res = await store.conn.read<{ id: string; next: string[]; capped: boolean; rest: number }>(
      `${VIS_PRELUDE}
       UNWIND $frontier AS fid
       MATCH (n:Node {id: fid})
       CALL { WITH n, hidden
         MATCH ${step(p.direction)} WHERE ${visible('r')} AND ${visible('m')} AND ${EDGE_OK('r')}
         RETURN m LIMIT $take }
       WITH n, collect(m) AS ms
       WITH n, ms, size(ms) > $perNode AS capped
       RETURN n.id AS id, capped,
              [m IN ms[0..$perNode] WHERE $nodeTypes IS NULL OR coalesce(m._type, 'node') IN $nodeTypes | m.id] AS next,
              CASE WHEN capped THEN COUNT { MATCH ${step(p.direction)} WHERE ${EDGE_OK('r')} } - $perNode ELSE 0 END AS rest`,
      { frontier, take: cypherInt(p.perNodeLimit + 1), perNode: cypherInt(p.perNodeLimit), edgeTypes, nodeTypes },
      `expanding hop ${h}`,
    );
    const added: string[] = [];
    let cut: 'maxNodes' | 'perHopLimit' | null = null;
    for (const rec of res.records) {
      if (rec.get('capped')) {
        capped.push(rec.get('id'));
        omitted += rec.get('rest');
        if (!reasons.includes('perNodeLimit')) reasons.push('perNodeLimit');
      }
      for (const id of rec.get('next')) {
        if (dist.has(id)) continue;
        if (dist.size >= p.maxNodes) cut = 'maxNodes';
        else if (added.length >= perHop) cut ??= 'perHopLimit';
        if (dist.size >= p.maxNodes || added.length >= perHop) {
          omitted++;
          continue;
        }
        dist.set(id, h);
        added.push(id);
      }
    }
    if (cut && !reasons.includes(cut)) reasons.push(cut);
    frontier = added;
    if (cut === 'maxNodes') break;
  }
  const ids = [...dist.keys()];
  const byId = new Map((await nodesByIds(store.conn, ids)).map((n) => [n.id, n]));
  const nodes: HopNode[] = ids.filter((id) => byId.has(id)).map((id) => ({ ...info(byId.get(id)!), hop: dist.get(id)! }));
  const edges = (await store.edgesAmong(ids, p.maxNodes * 10)).filter((e) => !edgeTypes || edgeTypes.includes(e.type)).map(edge);
  const result: KHopResult = { nodes, edges, ms: 0 };
  if (reasons.length > 0) {
    const parts = reasons.map((r) =>
      r === 'perNodeLimit' ? `${capped.length} node(s) have more than ${p.perNodeLimit} edges; only the first ${p.perNodeLimit} of each were followed`
        : r === 'perHopLimit' ? `a hop reached the limit of ${p.perHopLimit} new nodes`
          : `the answer reached the limit of ${p.maxNodes} nodes`);
    result.truncated = {
      omitted, reason: reasons[0], reasons, cappedNodes: capped.slice(0, CAPPED_LISTED), cappedCount: capped.length,
      message: `${parts.join('; ')}. ${omitted} edge(s) were not examined.`,
    };
  }
  result.ms = performance.now() - t;
  return result;
}

/** Node infos and edges of a driver path, in path order (edges oriented as stored). */
function fromPath(p: Path<number>): { nodes: QueryNodeInfo[]; edges: QueryEdge[] } {
  const nodeOf = (n: Path<number>['start']): QueryNodeInfo => ({ id: String(n.properties.id), name: String(n.properties.name ?? n.properties.id), type: String(n.properties._type ?? 'node') });
  const nodes = [nodeOf(p.start)];
  const edges: QueryEdge[] = [];
  for (const seg of p.segments) {
    nodes.push(nodeOf(seg.end));
    const fwd = seg.relationship.start === seg.start.identity;
    const r = seg.relationship;
    edges.push({
      id: String(r.properties._id ?? r.elementId),
      source: String((fwd ? seg.start : seg.end).properties.id),
      target: String((fwd ? seg.end : seg.start).properties.id),
      type: String(r.properties._type ?? r.type),
    });
  }
  return { nodes, edges };
}

const MAX_PATH_HOPS = 15;
const varRel = (d: Direction, range: string) => (d === 'out' ? `-[${range}]->` : d === 'in' ? `<-[${range}]-` : `-[${range}]-`);

export async function neo4jPath(store: Neo4jStore, p: PathParams, ctl: RunControl = {}): Promise<PathResult> {
  const t = performance.now();
  await existing(store, [p.from], 'start');
  await existing(store, [p.to], 'end');
  if (p.from === p.to) {
    const [n] = await nodesByIds(store.conn, [p.from]);
    return { found: true, nodes: [info(n)], edges: [], hops: 0, ...(p.weightProperty ? { cost: 0 } : {}), ms: performance.now() - t };
  }
  if (p.weightProperty) {
    const w = await neo4jWeightedPath(store.conn, p.from, p.to, p.weightProperty, { direction: p.direction, edgeTypes: typesOrNull(p.edgeTypes), signal: ctl.signal });
    if (!w) return { found: false, nodes: [], edges: [], hops: 0, ms: performance.now() - t };
    const byId = new Map((await nodesByIds(store.conn, w.nodes)).map((n) => [n.id, n]));
    const nodes = w.nodes.map((id) => (byId.has(id) ? info(byId.get(id)!) : { id, name: id, type: 'node' }));
    return { found: true, nodes, edges: w.edges, hops: w.edges.length, cost: w.cost, ms: performance.now() - t };
  }
  const res = await store.conn.read<{ p: Path<number> }>(
    `${VIS_PRELUDE}
     MATCH (a:Node {id: $a}), (b:Node {id: $b})
     MATCH p = shortestPath((a)${varRel(p.direction, `*..${MAX_PATH_HOPS}`)}(b))
     WHERE all(r IN relationships(p) WHERE ${visible('r')} AND ${EDGE_OK('r')}) AND all(x IN nodes(p) WHERE ${visible('x')})
     RETURN p`,
    { a: p.from, b: p.to, edgeTypes: typesOrNull(p.edgeTypes) }, 'finding a shortest path');
  const path = res.records[0]?.get('p');
  if (!path) return { found: false, nodes: [], edges: [], hops: 0, ms: performance.now() - t };
  const { nodes, edges } = fromPath(path);
  return { found: true, nodes, edges, hops: edges.length, ms: performance.now() - t };
}

export async function neo4jPaths(store: Neo4jStore, p: PathsParams): Promise<PathsResult> {
  const t = performance.now();
  await existing(store, [p.from], 'start');
  await existing(store, [p.to], 'end');
  const paths: PathsResult['paths'] = [];
  const nodes = new Map<string, QueryNodeInfo>();
  const edges = new Map<string, QueryEdge>();
  let truncated = false;
  // Shortest first: one query per length, each asked for what is still missing (+1 to see a cut).
  for (let len = 1; len <= p.maxLength && !truncated; len++) {
    const want = p.maxResults - paths.length;
    const res = await store.conn.read<{ p: Path<number> }>(
      `${VIS_PRELUDE}
       MATCH (a:Node {id: $a}), (b:Node {id: $b})
       MATCH p = (a)${varRel(p.direction, `*${len}..${len}`)}(b)
       WHERE all(r IN relationships(p) WHERE ${visible('r')} AND ${EDGE_OK('r')}) AND all(x IN nodes(p) WHERE ${visible('x')})
         AND size(nodes(p)) = size(reduce(s = [], x IN nodes(p) | CASE WHEN x IN s THEN s ELSE s + x END))
       RETURN p LIMIT $limit`,
      { a: p.from, b: p.to, edgeTypes: typesOrNull(p.edgeTypes), limit: cypherInt(want + 1) }, 'finding paths');
    for (const rec of res.records) {
      if (paths.length >= p.maxResults) {
        truncated = true;
        break;
      }
      const path = fromPath(rec.get('p'));
      for (const n of path.nodes) nodes.set(n.id, n);
      for (const e of path.edges) edges.set(e.id, e);
      paths.push({ nodes: path.nodes.map((n) => n.id), edges: path.edges.map((e) => e.id) });
    }
  }
  return { paths, nodes: [...nodes.values()], edges: [...edges.values()], truncated, ms: performance.now() - t };
}

export async function neo4jPpr(store: Neo4jStore, p: PprParams, ctl: RunControl = {}): Promise<PprResult> {
  const t = performance.now();
  const seedNodes = await existing(store, p.seeds, 'seed');
  const seeds = p.seeds.map((id, i) => ({ id, weight: p.weights?.[i] ?? 1 }));
  const run = await pprScores(store.conn, seeds, {
    alpha: 1 - p.damping,
    iterations: p.iterations,
    direction: p.direction,
    edgeTypes: typesOrNull(p.edgeTypes),
    tolerance: p.tolerance,
    signal: ctl.signal,
    onProgress: ctl.onProgress,
  });
  const seedIds = new Set(p.seeds);
  const ranked = [...run.rank]
    .filter(([id]) => !(p.excludeSeeds && seedIds.has(id)))
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, p.k);
  const byId = new Map((await nodesByIds(store.conn, ranked.map(([id]) => id))).map((n) => [n.id, n]));
  const nodes = ranked.filter(([id]) => byId.has(id)).map(([id, score]) => ({ ...info(byId.get(id)!), score }));
  const seedsOut = seedNodes.map((n) => ({ ...info(n), score: run.rank.get(n.id) ?? 0 }));
  const shown = [...new Set([...seedIds, ...nodes.map((n) => n.id)])];
  const edges = (await store.edgesAmong(shown, MAX_RESULT_EDGES)).map(edge);
  return { seeds: seedsOut, nodes, edges, iterations: run.iterations, delta: run.delta, ms: performance.now() - t };
}

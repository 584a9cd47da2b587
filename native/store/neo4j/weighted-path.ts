/**
 * Weighted shortest path on a Neo4j workspace without GDS or APOC (plain Cypher has no weighted
 * shortest path): Dijkstra runs here and reads the graph from the server a batch of nodes at a
 * time, one Cypher query expanding up to BATCH of the closest open nodes. A round trip per node
 * would cost ~1 ms each; a batch may open a node before its final distance is known, so a node
 * whose distance later drops is opened again (label-correcting). The search stops when no open
 * node is closer than the best distance found to the target, which is then optimal because
 * weights are non-negative.
 *
 * Weights follow the SQLite workspace (native/query/workspace-graph.ts): the property's value when
 * it is a finite number >= 0, else 1; a property no edge carries is an error.
 */
import { WorkbenchError } from '../../../electron/common/errors';
import type { QueryEdge } from '../../../electron/common/protocol/query';
import { Interner } from '../../graph/interner';
import { MinHeap } from '../../graph/min-heap';
import type { Neo4jConnection } from './connection';
import { storedPropertyKey } from './props-codec';
import { VIS_PRELUDE, visible } from './visibility';

type Direction = 'out' | 'in' | 'both';

export interface WeightedPathOptions {
  direction: Direction;
  edgeTypes: string[] | null;
  signal?: AbortSignal;
  /** Nodes opened before the search gives up (a weighted search may touch the whole graph). */
  maxExpanded?: number;
}

export interface NeoWeightedPath {
  /** Node ids from start to end. */
  nodes: string[];
  edges: QueryEdge[];
  cost: number;
}

/** Open nodes expanded by one query. */
const BATCH = 256;
const MAX_EXPANDED = 200_000;

const pattern = (d: Direction) => (d === 'out' ? '(n)-[r]->(m:Node)' : d === 'in' ? '(n)<-[r]-(m:Node)' : '(n)-[r]-(m:Node)');

interface Step {
  /** Interned id of the node the edge came from. */
  from: number;
  edge: QueryEdge;
}

async function checkWeightProperty(conn: Neo4jConnection, key: string, property: string): Promise<void> {
  const res = await conn.read<{ ok: boolean }>(
    `${VIS_PRELUDE}
     RETURN EXISTS { MATCH (:Node)-[r]->(:Node) WHERE ${visible('r')} AND (r[$key] IS :: INTEGER NOT NULL OR r[$key] IS :: FLOAT NOT NULL) } AS ok`,
    { key }, 'checking the weight property');
  if (!res.records[0]?.get('ok')) {
    throw new WorkbenchError('BAD_REQUEST', `No edge has a numeric property "${property}" to use as a weight.`, {
      value: property,
      expected: 'the name of a numeric edge property',
    });
  }
}

export async function neo4jWeightedPath(conn: Neo4jConnection, from: string, to: string, property: string, opts: WeightedPathOptions): Promise<NeoWeightedPath | null> {
  const key = storedPropertyKey(property);
  await checkWeightProperty(conn, key, property);
  const maxExpanded = opts.maxExpanded ?? MAX_EXPANDED;
  // Node ids interned to small integers, so the graph engine's typed-array heap serves here too.
  const ids = new Interner();
  const dist: number[] = [];
  const parent: Array<Step | undefined> = [];
  const open = new MinHeap();
  const start = ids.intern(from);
  dist[start] = 0;
  open.push(0, start);
  let expanded = 0;
  for (;;) {
    const target = ids.get(to);
    const best = target === undefined ? Infinity : (dist[target] ?? Infinity);
    const batch: string[] = [];
    while (open.size > 0 && batch.length < BATCH) {
      const d = open.peekKey();
      if (d >= best) break;
      const v = open.pop();
      if (d === dist[v]) batch.push(ids.names[v]); // else a stale entry: the node was reached cheaper since
    }
    if (batch.length === 0) break;
    if (opts.signal?.aborted) throw new WorkbenchError('CANCELLED', 'The path query was cancelled');
    expanded += batch.length;
    if (expanded > maxExpanded) {
      throw new WorkbenchError('TOO_LARGE', `The weighted path search opened more than ${maxExpanded} nodes without settling; pick closer nodes, filter relations, or search by hops.`, {
        value: String(expanded),
      });
    }
    const res = await conn.read<{ from: string; to: string; eid: string; src: string; dst: string; type: string; w: number | null }>(
      `${VIS_PRELUDE}
       UNWIND $ids AS fid
       MATCH (n:Node {id: fid})
       MATCH ${pattern(opts.direction)}
       WHERE ${visible('r')} AND ${visible('m')} AND ($edgeTypes IS NULL OR coalesce(r._type, type(r)) IN $edgeTypes)
       WITH fid, m, r, r[$key] AS w
       RETURN fid AS from, m.id AS to, coalesce(r._id, elementId(r)) AS eid, startNode(r).id AS src, endNode(r).id AS dst,
              coalesce(r._type, type(r)) AS type,
              CASE WHEN w IS :: INTEGER NOT NULL OR w IS :: FLOAT NOT NULL THEN toFloat(w) ELSE null END AS w`,
      { ids: batch, key, edgeTypes: opts.edgeTypes }, 'finding a weighted path');
    for (const rec of res.records) {
      const raw = rec.get('w');
      const w = raw !== null && Number.isFinite(raw) && raw >= 0 ? raw : 1;
      const u = ids.intern(rec.get('from'));
      const v = ids.intern(rec.get('to'));
      const nd = dist[u] + w;
      if (nd < (dist[v] ?? Infinity)) {
        dist[v] = nd;
        parent[v] = { from: u, edge: { id: String(rec.get('eid')), source: rec.get('src'), target: rec.get('dst'), type: String(rec.get('type')) } };
        open.push(nd, v);
      }
    }
  }
  const end = ids.get(to);
  if (end === undefined || dist[end] === undefined) return null;
  const nodes = [to];
  const edges: QueryEdge[] = [];
  for (let v = end; v !== start;) {
    const step = parent[v]!;
    edges.push(step.edge);
    nodes.push(ids.names[step.from]);
    v = step.from;
  }
  return { nodes: nodes.reverse(), edges: edges.reverse(), cost: dist[end] };
}

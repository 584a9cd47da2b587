/**
 * Loads the workspace's adjacency from SQLite into a CSR. Rows stream through `.raw().iterate()`
 * straight into preallocated typed arrays (no row objects, no per-node arrays); node and relation
 * type strings are interned to small ints. Everything is read in one transaction, so the counts
 * taken first match the rows streamed after, even while another process writes (WAL snapshot).
 */
import type Database from 'better-sqlite3';
import { Csr } from './csr';
import { Interner } from './interner';
import { WorkbenchError } from '../../electron/common/errors';

export interface LoadOptions {
  /** JSON path into edges.props (e.g. '$.weight') whose numbers become edge weights (default 1). */
  weightPath?: string;
}

export interface LoadedGraph {
  csr: Csr;
  /** nodeRids[i] is the SQLite rowid of node index i (ascending). */
  nodeRids: Float64Array;
  /** edgeRids[e] is the SQLite rowid of edge index e. */
  edgeRids: Float64Array;
  nodeTypes: Interner;
  edgeTypes: Interner;
  /** Present when LoadOptions.weightPath was given. */
  weights?: Float32Array;
  /** Edges whose src or dst is not a node row (left out of the graph). */
  skippedEdges: number;
  /** Node index of a SQLite rowid, or -1. */
  indexOfRid(rid: number): number;
}

export function loadGraphFromSqlite(db: Database.Database, opts: LoadOptions = {}): LoadedGraph {
  try {
    return db.transaction(() => load(db, opts))();
  } catch (err) {
    if (err instanceof WorkbenchError) throw err;
    throw new WorkbenchError('STORE_ERROR', `Cannot load the graph for multi-hop queries: ${(err as Error).message}`, { file: db.name });
  }
}

function load(db: Database.Database, opts: LoadOptions): LoadedGraph {
  const [nodeCount, maxRid] = db.prepare('SELECT count(*), coalesce(max(rid), 0) FROM nodes').raw(true).get() as [number, number];
  const nodeRids = new Float64Array(nodeCount);
  const nodeTypes = new Interner();
  let nodeType: Uint16Array | Uint32Array = new Uint16Array(nodeCount);
  // Rowids are dense after a bulk import: a flat lookup table then beats a Map by far.
  const dense = maxRid <= 2 * nodeCount + 1024;
  const ridTable = dense ? new Int32Array(maxRid + 1).fill(-1) : null;
  const ridMap = dense ? null : new Map<number, number>();
  let i = 0;
  for (const row of db.prepare('SELECT rid, type FROM nodes ORDER BY rid').raw(true).iterate() as IterableIterator<[number, string | null]>) {
    const rid = row[0];
    nodeRids[i] = rid;
    if (ridTable) ridTable[rid] = i;
    else ridMap!.set(rid, i);
    const t = nodeTypes.intern(row[1] ?? '');
    if (t > 0xffff && nodeType instanceof Uint16Array) nodeType = Uint32Array.from(nodeType);
    nodeType[i++] = t;
  }
  const indexOfRid = (rid: number): number => {
    if (ridTable) return rid >= 0 && rid < ridTable.length ? ridTable[rid] : -1;
    return ridMap!.get(rid) ?? -1;
  };

  const [edgeTotal] = db.prepare('SELECT count(*) FROM edges').raw(true).get() as [number];
  let src = new Uint32Array(edgeTotal);
  let dst = new Uint32Array(edgeTotal);
  let etype: Uint16Array | Uint32Array = new Uint16Array(edgeTotal);
  let edgeRids = new Float64Array(edgeTotal);
  let weights = opts.weightPath !== undefined ? new Float32Array(edgeTotal) : undefined;
  const edgeTypes = new Interner();
  const sql =
    opts.weightPath !== undefined
      ? 'SELECT rid, src, dst, type, json_extract(props, ?) FROM edges ORDER BY rid'
      : 'SELECT rid, src, dst, type FROM edges ORDER BY rid';
  const stmt = db.prepare(sql).raw(true);
  const rows = (opts.weightPath !== undefined ? stmt.iterate(opts.weightPath) : stmt.iterate()) as IterableIterator<
    [number, number, number, string | null, unknown]
  >;
  let m = 0;
  let skippedEdges = 0;
  for (const row of rows) {
    const s = indexOfRid(row[1]);
    const d = indexOfRid(row[2]);
    if (s < 0 || d < 0) {
      skippedEdges++;
      continue;
    }
    src[m] = s;
    dst[m] = d;
    edgeRids[m] = row[0];
    const t = edgeTypes.intern(row[3] ?? '');
    if (t > 0xffff && etype instanceof Uint16Array) etype = Uint32Array.from(etype);
    etype[m] = t;
    if (weights) {
      const w = row[4];
      weights[m] = typeof w === 'number' && Number.isFinite(w) && w >= 0 ? w : 1;
    }
    m++;
  }
  if (m < edgeTotal) {
    src = src.slice(0, m);
    dst = dst.slice(0, m);
    etype = etype.slice(0, m);
    edgeRids = edgeRids.slice(0, m);
    weights = weights?.slice(0, m);
  }
  const csr = new Csr({ src, dst, etype, nodeCount, nodeType });
  const loaded: LoadedGraph = { csr, nodeRids, edgeRids, nodeTypes, edgeTypes, skippedEdges, indexOfRid };
  if (weights) loaded.weights = weights;
  return loaded;
}

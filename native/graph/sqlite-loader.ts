/**
 * Loads the workspace's adjacency from SQLite into a CSR, streaming in bounded memory straight into
 * preallocated typed arrays (no row objects, no per-node arrays); node and relation type strings are
 * interned to small ints. Everything is read in one transaction, so the counts taken first match
 * the rows streamed after, even while another process writes (WAL snapshot).
 *
 * Rows come in chunks of 64K rowids, each chunk one row of json_group_array() columns that
 * JSON.parse turns into arrays: per-row crossing of the native boundary is what costs, and this is
 * 2.8x faster than `.raw().iterate()` (800K edges: 1.1 s vs 3.0 s, measured on a loaded 2-core box).
 */
import type Database from 'better-sqlite3';
import { Csr } from './csr';
import { Interner } from './interner';
import { WorkbenchError } from '../../electron/common/errors';

export interface LoadOptions {
  /** JSON path into edges.props (e.g. '$.weight') whose numbers become edge weights (default 1). */
  weightPath?: string;
  /** Rows per chunk (default 65,536): bounds the memory one chunk's JSON text takes. */
  chunkRows?: number;
}

export interface LoadedGraph {
  csr: Csr;
  /** nodeRids[i] is the SQLite rowid of node index i (in rowid order). */
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
  const chunk = opts.chunkRows ?? DEFAULT_CHUNK;
  if (!Number.isInteger(chunk) || chunk < 1) {
    throw new WorkbenchError('BAD_REQUEST', `chunkRows must be a whole number of 1 or more, got ${chunk}.`, { value: String(chunk) });
  }
  const [nodeCount, maxRid] = db.prepare('SELECT count(*), coalesce(max(rid), 0) FROM nodes').raw(true).get() as [number, number];
  const nodeRids = new Float64Array(nodeCount);
  const nodeTypes = new Interner();
  let nodeType: Uint16Array | Uint32Array = new Uint16Array(nodeCount);
  // Rowids are dense after a bulk import: a flat lookup table then beats a Map by far.
  const dense = maxRid <= 2 * nodeCount + 1024;
  const ridTable = dense ? new Int32Array(maxRid + 1).fill(-1) : null;
  const ridMap = dense ? null : new Map<number, number>();
  let i = 0;
  for (const [rids, types] of chunks(db, 'nodes', ['rid', 'type'], chunk)) {
    for (let k = 0; k < rids.length; k++) {
      const rid = rids[k] as number;
      nodeRids[i] = rid;
      if (ridTable) ridTable[rid] = i;
      else ridMap!.set(rid, i);
      const t = nodeTypes.intern((types[k] as string | null) ?? '');
      if (t > 0xffff && nodeType instanceof Uint16Array) nodeType = Uint32Array.from(nodeType);
      nodeType[i++] = t;
    }
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
  const columns = ['rid', 'src', 'dst', 'type'];
  if (opts.weightPath !== undefined) columns.push('json_extract(props, ?)');
  let m = 0;
  let skippedEdges = 0;
  for (const [rids, srcRids, dstRids, types, ws] of chunks(db, 'edges', columns, chunk, opts.weightPath)) {
    for (let k = 0; k < rids.length; k++) {
      const s = indexOfRid(srcRids[k] as number);
      const d = indexOfRid(dstRids[k] as number);
      if (s < 0 || d < 0) {
        skippedEdges++;
        continue;
      }
      src[m] = s;
      dst[m] = d;
      edgeRids[m] = rids[k] as number;
      const t = edgeTypes.intern((types[k] as string | null) ?? '');
      if (t > 0xffff && etype instanceof Uint16Array) etype = Uint32Array.from(etype);
      etype[m] = t;
      if (weights) {
        const w = ws[k];
        weights[m] = typeof w === 'number' && Number.isFinite(w) && w >= 0 ? w : 1;
      }
      m++;
    }
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

const DEFAULT_CHUNK = 65_536;

/**
 * Yields the table in rowid order, `chunk` rows at a time, as one array per column. All columns of
 * a chunk come from the same aggregate pass, so their entries line up whatever order SQLite uses.
 */
function* chunks(db: Database.Database, table: 'nodes' | 'edges', columns: string[], chunk: number, param?: string): Generator<unknown[][]> {
  const inner = columns.map((c, i) => `${c} AS c${i}`).join(', ');
  const outer = columns.map((_, i) => `json_group_array(c${i})`).join(', ');
  const stmt = db
    .prepare(`SELECT max(c0), ${outer} FROM (SELECT ${inner} FROM ${table} WHERE rid > ? ORDER BY rid LIMIT ${chunk})`)
    .raw(true);
  let last = -Infinity;
  for (;;) {
    const row = (param === undefined ? stmt.get(last) : stmt.get(param, last)) as [number | null, ...string[]];
    if (row[0] === null) return;
    last = row[0];
    yield row.slice(1).map((json) => JSON.parse(json as string) as unknown[]);
  }
}

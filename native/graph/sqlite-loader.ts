/**
 * Loads the workspace's adjacency from SQLite into a CSR, streaming in bounded memory straight into
 * preallocated typed arrays (no row objects, no per-node arrays); node and relation type strings are
 * interned to small ints. Everything is read in one transaction, so the counts taken first match
 * the rows streamed after, even while another process writes (WAL snapshot).
 *
 * One loader serves both callers: `loadGraphFromSqlite` runs it to the end (CLI, tests), and
 * `loadGraphFromSqliteAsync` yields to the event loop between chunks, so the graph worker sees a
 * cancel and posts progress while a million-node graph loads. The steps are a generator; the two
 * differ only in how they drive it.
 *
 * Rows come in chunks of 64K rowids, each chunk one row of json_group_array() columns that
 * JSON.parse turns into arrays: per-row crossing of the native boundary is what costs, and this is
 * 2.8x faster than `.raw().iterate()` (800K edges: 1.1 s vs 3.0 s, measured on a loaded 2-core box).
 * Every column costs ~1 s of CPU per 12M edges (SQLite formats it as text, JSON.parse reads it
 * back), so the edge query reads only src, dst and type: edge rowids are sent only for chunks
 * whose rowids have gaps (a bulk import leaves none), and source edge ids only where present.
 * Gap-free chunks are rowid ranges (a plain range scan, ~15% less CPU than ORDER BY ... LIMIT).
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
  /** Also keep node ids, names and source edge ids in memory (answers in string ids need them). */
  labels?: boolean;
}

export interface AsyncLoadOptions extends LoadOptions {
  signal?: AbortSignal;
  onProgress?(p: LoadProgress): void;
}

export interface LoadProgress {
  stage: 'nodes' | 'edges' | 'index';
  done: number;
  total: number;
}

/** Ids and names by node index, source edge ids by edge index (present with LoadOptions.labels). */
export interface GraphLabels {
  nodeIds: string[];
  /** Display name (the id when the name is empty), cut at NAME_CHARS. */
  nodeNames: string[];
  /** Source edge ids (GraphML/JSON edge ids); edges without one are absent. */
  edgeIds: Map<number, string>;
}

/** Names longer than this are cut in memory (a sentence-long event name stays readable). */
export const NAME_CHARS = 200;

/** Rowids: 4 bytes each while they fit (48 MB less for 12M edges), else 8. */
export type RidArray = Uint32Array | Float64Array;

const ridArray = (length: number, maxRid: number): RidArray => (maxRid <= 0xffffffff ? new Uint32Array(length) : new Float64Array(length));

export interface LoadedGraph {
  csr: Csr;
  /** nodeRids[i] is the SQLite rowid of node index i (in rowid order). */
  nodeRids: RidArray;
  /** edgeRids[e] is the SQLite rowid of edge index e. */
  edgeRids: RidArray;
  nodeTypes: Interner;
  edgeTypes: Interner;
  /** Present when LoadOptions.weightPath was given. */
  weights?: Float32Array;
  /** Present when LoadOptions.labels was set. */
  labels?: GraphLabels;
  /** Edges whose src or dst is not a node row (left out of the graph). */
  skippedEdges: number;
  /** Node index of a SQLite rowid, or -1. */
  indexOfRid(rid: number): number;
}

export function loadGraphFromSqlite(db: Database.Database, opts: LoadOptions = {}): LoadedGraph {
  try {
    return db.transaction(() => {
      const steps = loadSteps(db, opts);
      for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
    })();
  } catch (err) {
    throw asLoadError(err, db);
  }
}

export async function loadGraphFromSqliteAsync(db: Database.Database, opts: AsyncLoadOptions = {}): Promise<LoadedGraph> {
  // A deferred transaction takes its snapshot at the first read and keeps it until COMMIT.
  const ownTransaction = !db.inTransaction;
  if (ownTransaction) db.exec('BEGIN');
  try {
    const steps = loadSteps(db, opts);
    for (let r = steps.next(); ; r = steps.next()) {
      if (r.done) return r.value;
      opts.onProgress?.(r.value);
      // Lets pending messages (a cancel) in between chunks.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (opts.signal?.aborted) throw new WorkbenchError('CANCELLED', 'Loading the graph was cancelled');
    }
  } catch (err) {
    throw asLoadError(err, db);
  } finally {
    // The store may have been closed meanwhile (workspace closed): nothing left to end then.
    if (ownTransaction && db.open && db.inTransaction) db.exec('COMMIT');
  }
}

function asLoadError(err: unknown, db: Database.Database): WorkbenchError {
  if (err instanceof WorkbenchError) return err;
  return new WorkbenchError('STORE_ERROR', `Cannot load the graph for multi-hop queries: ${(err as Error).message}`, { file: db.name });
}

const DEFAULT_CHUNK = 65_536;

/** The load, one chunk per step; yields progress after each chunk and returns the graph. */
function* loadSteps(db: Database.Database, opts: LoadOptions): Generator<LoadProgress, LoadedGraph> {
  const chunk = opts.chunkRows ?? DEFAULT_CHUNK;
  if (!Number.isInteger(chunk) || chunk < 1) {
    throw new WorkbenchError('BAD_REQUEST', `chunkRows must be a whole number of 1 or more, got ${chunk}.`, { value: String(chunk) });
  }
  const labels = opts.labels === true;
  const [nodeCount, maxRid] = db.prepare('SELECT count(*), coalesce(max(rid), 0) FROM nodes').raw(true).get() as [number, number];
  const [edgeTotal] = db.prepare('SELECT count(*) FROM edges').raw(true).get() as [number];
  const nodeRids = ridArray(nodeCount, maxRid);
  const nodeTypes = new Interner();
  let nodeType: Uint16Array | Uint32Array = new Uint16Array(nodeCount);
  // Rowids are dense after a bulk import: a flat lookup table then beats a Map by far.
  const dense = maxRid <= 2 * nodeCount + 1024;
  const ridTable = dense ? new Int32Array(maxRid + 1).fill(-1) : null;
  const ridMap = dense ? null : new Map<number, number>();
  const nodeIds: string[] = labels ? new Array<string>(nodeCount) : [];
  const nodeNames: string[] = labels ? new Array<string>(nodeCount) : [];
  const nodeColumns = labels ? ['rid', 'type', 'id', `substr(name, 1, ${NAME_CHARS})`] : ['rid', 'type'];
  let i = 0;
  for (const [rids, types, ids, names] of chunks(db, 'nodes', nodeColumns, chunk)) {
    for (let k = 0; k < rids.length; k++) {
      const rid = rids[k] as number;
      nodeRids[i] = rid;
      if (labels) {
        nodeIds[i] = ids[k] as string;
        nodeNames[i] = (names[k] as string | null) || (ids[k] as string);
      }
      if (ridTable) ridTable[rid] = i;
      else ridMap!.set(rid, i);
      const t = nodeTypes.intern((types[k] as string | null) ?? '');
      if (t > 0xffff && nodeType instanceof Uint16Array) nodeType = Uint32Array.from(nodeType);
      nodeType[i++] = t;
    }
    yield { stage: 'nodes', done: i, total: nodeCount };
  }
  const indexOfRid = (rid: number): number => {
    if (ridTable) return rid >= 0 && rid < ridTable.length ? ridTable[rid] : -1;
    return ridMap!.get(rid) ?? -1;
  };

  let src = new Uint32Array(edgeTotal);
  let dst = new Uint32Array(edgeTotal);
  let etype: Uint16Array | Uint32Array = new Uint16Array(edgeTotal);
  const [maxEdgeRid] = db.prepare('SELECT coalesce(max(rid), 0) FROM edges').raw(true).get() as [number];
  let edgeRids = ridArray(edgeTotal, maxEdgeRid);
  let weights = opts.weightPath !== undefined ? new Float32Array(edgeTotal) : undefined;
  const edgeTypes = new Interner();
  const edgeIds = new Map<number, string>();
  let m = 0;
  let seen = 0;
  let skippedEdges = 0;
  for (const c of edgeChunks(db, chunk, labels, opts.weightPath)) {
    const n = c.src.length;
    const firstEdge = m;
    const srcIdx = ridTable ? indicesInTable(c.src, ridTable) : c.src.map(indexOfRid);
    const dstIdx = ridTable ? indicesInTable(c.dst, ridTable) : c.dst.map(indexOfRid);
    let lastType: string | null = null;
    let t = 0;
    for (let k = 0; k < n; k++) {
      const s = srcIdx[k];
      const d = dstIdx[k];
      if (s < 0 || d < 0) {
        skippedEdges++;
        continue;
      }
      src[m] = s;
      dst[m] = d;
      edgeRids[m] = c.rids ? c.rids[k] : c.firstRid + k;
      // Runs of one relation are common (imports write a file's edges together): skip the lookup.
      const type = c.types[k] ?? '';
      if (type !== lastType) {
        t = edgeTypes.intern(type);
        lastType = type;
      }
      if (t > 0xffff && etype instanceof Uint16Array) etype = Uint32Array.from(etype);
      etype[m] = t;
      if (weights) {
        const w = c.weights![k];
        weights[m] = typeof w === 'number' && Number.isFinite(w) && w >= 0 ? w : 1;
      }
      m++;
    }
    if (c.eids.length > 0) {
      const edgeOfRid = new Map<number, number>();
      for (let e = firstEdge; e < m; e++) edgeOfRid.set(edgeRids[e], e);
      for (let j = 0; j < c.eids.length; j++) {
        const e = edgeOfRid.get(c.eidRids[j]);
        if (e !== undefined) edgeIds.set(e, c.eids[j]);
      }
    }
    seen += n;
    yield { stage: 'edges', done: seen, total: edgeTotal };
  }
  if (m < edgeTotal) {
    src = src.slice(0, m);
    dst = dst.slice(0, m);
    etype = etype.slice(0, m);
    edgeRids = edgeRids.slice(0, m);
    weights = weights?.slice(0, m);
  }
  yield { stage: 'index', done: 0, total: 1 };
  const csr = new Csr({ src, dst, etype, nodeCount, nodeType });
  const loaded: LoadedGraph = { csr, nodeRids, edgeRids, nodeTypes, edgeTypes, skippedEdges, indexOfRid };
  if (weights) loaded.weights = weights;
  if (labels) loaded.labels = { nodeIds, nodeNames, edgeIds };
  return loaded;
}

/** Node index per rowid through the dense table, in place (-1 for a rowid that is not a node). */
function indicesInTable(rids: number[], table: Int32Array): number[] {
  const size = table.length;
  for (let k = 0; k < rids.length; k++) {
    const rid = rids[k];
    rids[k] = rid >= 0 && rid < size ? table[rid] : -1;
  }
  return rids;
}

/**
 * Yields the table in rowid order, `chunk` rows at a time, as one array per column. All columns of
 * a chunk come from the same aggregate pass, so their entries line up whatever order SQLite uses.
 */
function* chunks(db: Database.Database, table: 'nodes', columns: string[], chunk: number): Generator<unknown[][]> {
  const inner = columns.map((c, i) => `${c} AS c${i}`).join(', ');
  const outer = columns.map((_, i) => `json_group_array(c${i})`).join(', ');
  const stmt = db
    .prepare(`SELECT max(c0), ${outer} FROM (SELECT ${inner} FROM ${table} WHERE rid > ? ORDER BY rid LIMIT ${chunk})`)
    .raw(true);
  let last = -Infinity;
  for (;;) {
    const row = stmt.get(last) as [number | null, ...string[]];
    if (row[0] === null) return;
    last = row[0];
    yield row.slice(1).map((json) => JSON.parse(json as string) as unknown[]);
  }
}

interface EdgeChunk {
  src: number[];
  dst: number[];
  types: Array<string | null>;
  /** Rowids of the rows, or null when they are firstRid, firstRid + 1, ... in this order. */
  rids: number[] | null;
  firstRid: number;
  weights: unknown[] | null;
  /** Rowid and source id of the chunk's edges that have a source id. */
  eidRids: number[];
  eids: string[];
}

/**
 * Edges in rowid order, `chunk` rows at a time (see the file header for which columns and why).
 * While rowids have no gaps, a chunk is the rowid range (last, last + chunk]: a plain range scan,
 * no rowid column (row k is rowid last + 1 + k). The row count and a checksum over (rowid, src)
 * confirm both the missing gaps and the order; a chunk that fails is read again with its rowids,
 * and so is every later chunk (ordered by rowid, `chunk` rows each).
 */
function* edgeChunks(db: Database.Database, chunk: number, labels: boolean, weightPath?: string): Generator<EdgeChunk> {
  const inner = ['rid', 'src', 'dst', 'type'];
  const cols = ['json_group_array(src)', 'json_group_array(dst)', 'json_group_array(type)'];
  if (labels) {
    inner.push('eid');
    cols.push('json_group_array(rid) FILTER (WHERE eid IS NOT NULL)', 'json_group_array(eid) FILTER (WHERE eid IS NOT NULL)');
  }
  const weight = weightPath !== undefined ? 'json_extract(props, @path)' : null;
  if (weight) cols.push(`json_group_array(${weight})`);
  const fast = db
    .prepare(`SELECT count(*), sum((rid - @last) * (src % 4096 + 1)), ${cols.join(', ')} FROM edges WHERE rid > @last AND rid <= @last + ${chunk}`)
    .raw(true);
  if (weight) inner.push(`${weight} AS w`);
  const window = `(SELECT ${inner.join(', ')} FROM edges WHERE rid > @last ORDER BY rid LIMIT ${chunk})`;
  const full = db.prepare(`SELECT json_group_array(rid), ${cols.join(', ').replace(`json_group_array(${weight})`, 'json_group_array(w)')} FROM ${window}`).raw(true);
  const params = (last: number): Record<string, unknown> => {
    const p: Record<string, unknown> = { last };
    if (weightPath !== undefined) p.path = weightPath;
    return p;
  };
  // Separate subqueries: min() and max() in one select would scan the table instead of seeking.
  const bounds = db.prepare('SELECT (SELECT min(rid) FROM edges), (SELECT max(rid) FROM edges)').raw(true);
  const [minRid, maxRid] = bounds.get() as [number | null, number | null];
  if (minRid === null || maxRid === null) return;
  let last = minRid - 1;
  let gaps = false;
  while (!gaps) {
    if (last >= maxRid) return;
    const row = fast.get(params(last)) as [number, number | null, ...string[]];
    const [count, checksum] = row;
    const parts = row.slice(2).map((json) => JSON.parse(json as string) as unknown[]);
    if (count === Math.min(chunk, maxRid - last) && checksumOf(parts[0] as number[], last + 1, last) === (checksum ?? 0)) {
      yield edgeChunk(parts, null, last + 1, labels, weightPath);
      last += count;
    } else {
      gaps = true;
    }
  }
  for (;;) {
    const row = full.get(params(last)) as string[];
    const rids = JSON.parse(row[0]) as number[];
    if (rids.length === 0) return;
    const parts = row.slice(1).map((json) => JSON.parse(json) as unknown[]);
    yield edgeChunk(parts, rids, rids[0], labels, weightPath);
    for (const r of rids) if (r > last) last = r;
  }
}

function edgeChunk(parts: unknown[][], rids: number[] | null, firstRid: number, labels: boolean, weightPath: string | undefined): EdgeChunk {
  return {
    src: parts[0] as number[],
    dst: parts[1] as number[],
    types: parts[2] as Array<string | null>,
    rids,
    firstRid,
    weights: weightPath === undefined ? null : parts[labels ? 5 : 3],
    eidRids: labels ? (parts[3] as number[]) : [],
    eids: labels ? (parts[4] as string[]) : [],
  };
}

/** The fast query's checksum, computed for rows taken to be rowids first, first + 1, ... */
function checksumOf(src: number[], first: number, base: number): number {
  let sum = 0;
  for (let k = 0; k < src.length; k++) sum += (first + k - base) * ((src[k] % 4096) + 1);
  return sum;
}

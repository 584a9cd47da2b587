/**
 * Loads a workspace's adjacency for the graph worker: the same chunked json_group_array reading as
 * native/graph/sqlite-loader.ts (64K rows per statement, straight into preallocated typed arrays),
 * but asynchronous. Between chunks it yields to the event loop, so a `cancel` message from the host
 * is seen within one chunk and progress can be posted while a million-node graph loads. The engine's
 * own loader stays synchronous on purpose (CLI, tests); this one serves a process that must stay
 * responsive. One read transaction spans all chunks, so counts and rows come from one WAL snapshot.
 */
import type Database from 'better-sqlite3';
import { Csr } from '../graph/csr';
import { Interner } from '../graph/interner';
import type { LoadedGraph } from '../graph/sqlite-loader';
import { WorkbenchError } from '../../electron/common/errors';

export interface LoadProgress {
  stage: 'nodes' | 'edges' | 'index';
  done: number;
  total: number;
}

/** The loaded adjacency plus the labels answers need, so no answer waits on SQLite row by row. */
export interface LoadedWorkspace {
  graph: LoadedGraph;
  /** String id of each node index. */
  nodeIds: string[];
  /** Display name of each node index (the id when the name is empty), cut at NAME_CHARS. */
  nodeNames: string[];
  /** Source edge ids (GraphML/JSON edge ids) by edge index; edges without one are `e<rowid>`. */
  edgeIds: Map<number, string>;
}

/** Names longer than this are cut in memory (a sentence-long event name stays readable). */
export const NAME_CHARS = 200;

export interface AsyncLoadOptions {
  signal?: AbortSignal;
  onProgress?(p: LoadProgress): void;
  chunkRows?: number;
}

const DEFAULT_CHUNK = 65_536;

export async function loadGraphAsync(db: Database.Database, opts: AsyncLoadOptions = {}): Promise<LoadedWorkspace> {
  const chunk = opts.chunkRows ?? DEFAULT_CHUNK;
  // A deferred transaction takes its snapshot at the first read and keeps it until COMMIT.
  const ownTransaction = !db.inTransaction;
  if (ownTransaction) db.exec('BEGIN');
  try {
    return await load(db, chunk, opts);
  } catch (err) {
    if (err instanceof WorkbenchError) throw err;
    throw new WorkbenchError('STORE_ERROR', `Cannot load the graph for multi-hop queries: ${(err as Error).message}`, { file: db.name });
  } finally {
    // The store may have been closed meanwhile (workspace closed): nothing left to end then.
    if (ownTransaction && db.open && db.inTransaction) db.exec('COMMIT');
  }
}

async function load(db: Database.Database, chunk: number, opts: AsyncLoadOptions): Promise<LoadedWorkspace> {
  const [nodeCount, maxRid] = db.prepare('SELECT count(*), coalesce(max(rid), 0) FROM nodes').raw(true).get() as [number, number];
  const [edgeTotal] = db.prepare('SELECT count(*) FROM edges').raw(true).get() as [number];
  const nodeRids = new Float64Array(nodeCount);
  const nodeTypes = new Interner();
  let nodeType: Uint16Array | Uint32Array = new Uint16Array(nodeCount);
  // Rowids are dense after a bulk import: a flat lookup table then beats a Map by far.
  const dense = maxRid <= 2 * nodeCount + 1024;
  const ridTable = dense ? new Int32Array(maxRid + 1).fill(-1) : null;
  const ridMap = dense ? null : new Map<number, number>();
  const nodeIds: string[] = new Array<string>(nodeCount);
  const nodeNames: string[] = new Array<string>(nodeCount);
  let i = 0;
  for (const [rids, types, ids, names] of chunks(db, 'nodes', ['rid', 'type', 'id', `substr(name, 1, ${NAME_CHARS})`], chunk)) {
    for (let k = 0; k < rids.length; k++) {
      const rid = rids[k] as number;
      nodeRids[i] = rid;
      nodeIds[i] = ids[k] as string;
      nodeNames[i] = (names[k] as string | null) || (ids[k] as string);
      if (ridTable) ridTable[rid] = i;
      else ridMap!.set(rid, i);
      const t = nodeTypes.intern((types[k] as string | null) ?? '');
      if (t > 0xffff && nodeType instanceof Uint16Array) nodeType = Uint32Array.from(nodeType);
      nodeType[i++] = t;
    }
    await checkpoint(opts, { stage: 'nodes', done: i, total: nodeCount });
  }
  const indexOfRid = (rid: number): number => {
    if (ridTable) return rid >= 0 && rid < ridTable.length ? ridTable[rid] : -1;
    return ridMap!.get(rid) ?? -1;
  };

  let src = new Uint32Array(edgeTotal);
  let dst = new Uint32Array(edgeTotal);
  let etype: Uint16Array | Uint32Array = new Uint16Array(edgeTotal);
  let edgeRids = new Float64Array(edgeTotal);
  const edgeTypes = new Interner();
  const edgeIds = new Map<number, string>();
  let m = 0;
  let seen = 0;
  let skippedEdges = 0;
  for (const [rids, srcRids, dstRids, types, eids] of chunks(db, 'edges', ['rid', 'src', 'dst', 'type', 'eid'], chunk)) {
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
      if (eids[k] !== null) edgeIds.set(m, eids[k] as string);
      etype[m++] = t;
    }
    seen += rids.length;
    await checkpoint(opts, { stage: 'edges', done: seen, total: edgeTotal });
  }
  if (m < edgeTotal) {
    src = src.slice(0, m);
    dst = dst.slice(0, m);
    etype = etype.slice(0, m);
    edgeRids = edgeRids.slice(0, m);
  }
  await checkpoint(opts, { stage: 'index', done: 0, total: 1 });
  const csr = new Csr({ src, dst, etype, nodeCount, nodeType });
  return { graph: { csr, nodeRids, edgeRids, nodeTypes, edgeTypes, skippedEdges, indexOfRid }, nodeIds, nodeNames, edgeIds };
}

/** Reports progress, lets pending messages (cancel) in, and stops when the caller gave up. */
async function checkpoint(opts: AsyncLoadOptions, p: LoadProgress): Promise<void> {
  opts.onProgress?.(p);
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (opts.signal?.aborted) throw new WorkbenchError('CANCELLED', 'Loading the graph was cancelled');
}

/**
 * Yields the table in rowid order, `chunk` rows at a time, as one array per column. All columns of
 * a chunk come from the same aggregate pass, so their entries line up whatever order SQLite uses.
 */
function* chunks(db: Database.Database, table: 'nodes' | 'edges', columns: string[], chunk: number): Generator<unknown[][]> {
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

/**
 * Node embeddings per model, in the workspace database beside the graph.
 *
 *   embeddings(seq INTEGER PRIMARY KEY, model TEXT, rid INTEGER, source TEXT, vec BLOB)
 *
 * `seq` grows with every write (INSERT OR REPLACE gives a replaced row a new seq), so the vector
 * index remembers the highest seq it holds and later adds only what came after: incremental
 * updates without a "dirty" flag. One row per (model, rid); `source` is 'model' (embedded here)
 * or 'data' (a vector that came with the imported file, used as is when its size fits).
 * The table lives in this module, not in the store's schema, because only similarity uses it.
 */
import type Database from 'better-sqlite3';

const DDL = `
CREATE TABLE IF NOT EXISTS embeddings (
  seq INTEGER PRIMARY KEY,
  model TEXT NOT NULL,
  rid INTEGER NOT NULL,
  source TEXT NOT NULL,
  vec BLOB NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS embeddings_model_rid ON embeddings(model, rid);
CREATE INDEX IF NOT EXISTS embeddings_model_seq ON embeddings(model, seq);
`;

const migrated = new WeakSet<Database.Database>();

/** Creates the table once per connection (cheap: IF NOT EXISTS, remembered per handle). */
export function ensureEmbeddingTable(db: Database.Database): void {
  if (migrated.has(db)) return;
  db.exec(DDL);
  migrated.add(db);
}

export function vectorToBlob(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

/** A copy: SQLite's buffer may be unaligned for a Float32Array view and is reused by the driver. */
export function blobToVector(b: Buffer): Float32Array {
  const out = new Float32Array(b.byteLength >>> 2);
  new Uint8Array(out.buffer).set(b.subarray(0, out.length * 4));
  return out;
}

export interface EmbeddingCounts {
  nodes: number;
  embedded: number;
  fromData: number;
}

export function embeddingCounts(db: Database.Database, modelId: string): EmbeddingCounts {
  ensureEmbeddingTable(db);
  const nodes = (db.prepare('SELECT count(*) AS c FROM nodes').get() as { c: number }).c;
  const row = db
    .prepare("SELECT count(*) AS c, coalesce(sum(source = 'data'), 0) AS d FROM embeddings WHERE model = ?")
    .get(modelId) as { c: number; d: number };
  return { nodes, embedded: row.c, fromData: row.d };
}

/** The model with the most vectors in this workspace (what "similar" uses when no model is loaded). */
export function dominantModel(db: Database.Database): string | null {
  ensureEmbeddingTable(db);
  const row = db.prepare('SELECT model, count(*) AS c FROM embeddings GROUP BY model ORDER BY c DESC LIMIT 1').get() as { model: string } | undefined;
  return row?.model ?? null;
}

export interface VectorRows {
  rids: Uint32Array;
  /** Row-major rids.length x dim. */
  vectors: Float32Array;
  /** Highest seq read (0 when none). */
  maxSeq: number;
}

/**
 * Vectors of a model written after `afterSeq`, read in pages so memory stays bounded by the
 * result, not by SQLite's statement cache. Rows of another size than `dim` are skipped (a data
 * vector of a different model never enters the index).
 */
export function readVectorsAfter(db: Database.Database, modelId: string, dim: number, afterSeq: number): VectorRows {
  ensureEmbeddingTable(db);
  const total = (db.prepare('SELECT count(*) AS c FROM embeddings WHERE model = ? AND seq > ? AND length(vec) = ?').get(modelId, afterSeq, dim * 4) as { c: number }).c;
  const rids = new Uint32Array(total);
  const vectors = new Float32Array(total * dim);
  const bytes = new Uint8Array(vectors.buffer);
  const page = db.prepare('SELECT seq, rid, vec FROM embeddings WHERE model = ? AND seq > ? AND length(vec) = ? ORDER BY seq LIMIT 20000');
  let n = 0;
  let maxSeq = afterSeq;
  while (n < total) {
    const rows = page.all(modelId, maxSeq, dim * 4) as Array<{ seq: number; rid: number; vec: Buffer }>;
    if (rows.length === 0) break;
    for (const r of rows) {
      if (n >= total) break; // rows written while we read: the next refresh takes them
      rids[n] = r.rid;
      bytes.set(r.vec, n * dim * 4);
      n++;
      maxSeq = r.seq;
    }
  }
  return { rids: rids.subarray(0, n), vectors: vectors.subarray(0, n * dim), maxSeq };
}

export function maxSeq(db: Database.Database, modelId: string): number {
  ensureEmbeddingTable(db);
  return (db.prepare('SELECT coalesce(max(seq), 0) AS s FROM embeddings WHERE model = ?').get(modelId) as { s: number }).s;
}

export function countVectors(db: Database.Database, modelId: string, dim: number): number {
  ensureEmbeddingTable(db);
  return (db.prepare('SELECT count(*) AS c FROM embeddings WHERE model = ? AND length(vec) = ?').get(modelId, dim * 4) as { c: number }).c;
}

export function vectorOf(db: Database.Database, modelId: string, rid: number): Float32Array | null {
  ensureEmbeddingTable(db);
  const row = db.prepare('SELECT vec FROM embeddings WHERE model = ? AND rid = ?').get(modelId, rid) as { vec: Buffer } | undefined;
  return row ? blobToVector(row.vec) : null;
}

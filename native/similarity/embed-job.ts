/**
 * Embeds every node of a workspace that has no vector for the model yet.
 *
 * - Vectors that came with the data (table `vectors`, source 'data') are copied as they are when
 *   their size equals the model's, in one statement: no inference for them.
 * - The rest is read in rid order, a page at a time, embedded and written in one short
 *   transaction per page. WAL lets the store and vector workers read meanwhile.
 * - Resumable by construction: a node with a vector is never selected again, so a cancelled or
 *   crashed run continues where it stopped. Cancel is checked between pages.
 */
import type Database from 'better-sqlite3';
import { WorkbenchError } from '../../electron/common/errors';
import { embeddingText, type EmbeddingTextConfig } from '../embed/embedding-text';
import { ensureEmbeddingTable, vectorToBlob } from './embedding-table';

/** What the job needs from an embedder (SentenceEmbedder fits). */
export interface TextEmbedder {
  readonly dim: number;
  readonly modelId: string;
  embed(texts: readonly string[]): Promise<Float32Array>;
}

export interface EmbedJobProgress {
  stage: 'data-vectors' | 'embed';
  done: number;
  total: number;
  /** Texts per second over this run. */
  rate: number;
  etaMs?: number;
}

export interface EmbedJobOptions {
  db: Database.Database;
  embedder: TextEmbedder;
  /** Nodes per page (one embed call and one transaction). 512 keeps length-bucketing effective. */
  pageSize?: number;
  textConfig?: Partial<EmbeddingTextConfig>;
  signal?: AbortSignal;
  onProgress?: (p: EmbedJobProgress) => void;
  /** Called after every page with the number of texts embedded in it. */
  onEmbedded?: (n: number) => void;
}

export interface EmbedJobResult {
  modelId: string;
  dim: number;
  /** Nodes embedded by the model in this run. */
  embedded: number;
  /** Vectors taken from the data in this run. */
  fromData: number;
  /** Nodes that already had a vector (earlier runs). */
  alreadyDone: number;
  nodes: number;
  ms: number;
  textsPerSec: number;
  cancelled: boolean;
}

/** Embeds `texts`, checking that the embedder gave one vector of its size per text. */
export async function embedTexts(embedder: TextEmbedder, texts: string[]): Promise<Float32Array> {
  const vectors = await embedder.embed(texts);
  if (vectors.length !== texts.length * embedder.dim) {
    throw new WorkbenchError('INTERNAL', `The embedder returned ${vectors.length} values for ${texts.length} texts of ${embedder.dim}`);
  }
  return vectors;
}

/** Writes one page of model vectors (row i of `vectors` for `rids[i]`) in one transaction. */
export function modelVectorWriter(db: Database.Database, embedder: TextEmbedder): (rids: number[], vectors: Float32Array) => void {
  const insert = db.prepare("INSERT OR REPLACE INTO embeddings(model, rid, source, vec) VALUES (?, ?, 'model', ?)");
  const d = embedder.dim;
  return db.transaction((rids: number[], vectors: Float32Array) => {
    for (let i = 0; i < rids.length; i++) insert.run(embedder.modelId, rids[i], vectorToBlob(vectors.subarray(i * d, (i + 1) * d)));
  });
}

/** The 'embed' progress after `done` of `total`; the rate counts the `embedded` texts the model ran since `since`. */
export function embedProgress(done: number, total: number, embedded: number, since: number): EmbedJobProgress {
  const rate = (embedded / Math.max(1, performance.now() - since)) * 1000;
  return { stage: 'embed', done, total, rate, etaMs: rate > 0 ? ((total - done) / rate) * 1000 : undefined };
}

interface NodeRow {
  rid: number;
  id: string;
  name: string;
  type: string;
  props: string | null;
  text: string | null;
}

export async function runEmbedJob(opts: EmbedJobOptions): Promise<EmbedJobResult> {
  const { db, embedder } = opts;
  const model = embedder.modelId;
  const pageSize = Math.max(1, opts.pageSize ?? 512);
  ensureEmbeddingTable(db);
  const t0 = performance.now();

  const nodes = (db.prepare('SELECT count(*) AS c FROM nodes').get() as { c: number }).c;
  const alreadyDone = (db.prepare('SELECT count(*) AS c FROM embeddings WHERE model = ?').get(model) as { c: number }).c;

  opts.onProgress?.({ stage: 'data-vectors', done: 0, total: nodes - alreadyDone, rate: 0 });
  const fromData = db
    .prepare(
      `INSERT INTO embeddings(model, rid, source, vec)
       SELECT ?, v.rid, 'data', v.vec FROM vectors v
       WHERE v.dim = ? AND NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.model = ? AND e.rid = v.rid)`,
    )
    .run(model, embedder.dim, model).changes;

  const pending = db.prepare('SELECT count(*) AS c FROM nodes n WHERE NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.model = ? AND e.rid = n.rid)');
  let total = (pending.get(model) as { c: number }).c;
  const page = db.prepare(
    `SELECT rid, id, name, type, props, text FROM nodes n
     WHERE n.rid > ? AND NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.model = ? AND e.rid = n.rid)
     ORDER BY n.rid LIMIT ?`,
  );
  const writePage = modelVectorWriter(db, embedder);

  let embedded = 0;
  let lastRid = 0;
  let cancelled = false;
  const tEmbed = performance.now();
  for (;;) {
    if (opts.signal?.aborted) {
      cancelled = true;
      break;
    }
    const rows = page.all(lastRid, model, pageSize) as NodeRow[];
    if (rows.length === 0) break;
    // Nodes imported while this runs have higher rids: the same loop takes them, the total grows.
    if (embedded + rows.length > total) total = embedded + (pending.get(model) as { c: number }).c;
    const texts = rows.map((r) => embeddingText({ id: r.id, name: r.name, type: r.type, props: parseProps(r.props), text: r.text ?? undefined }, opts.textConfig));
    writePage(rows.map((r) => r.rid), await embedTexts(embedder, texts));
    embedded += rows.length;
    lastRid = rows[rows.length - 1].rid;
    opts.onEmbedded?.(rows.length);
    opts.onProgress?.(embedProgress(embedded, total, embedded, tEmbed));
  }
  const ms = performance.now() - t0;
  return {
    modelId: model,
    dim: embedder.dim,
    embedded,
    fromData,
    alreadyDone,
    nodes,
    ms: Math.round(ms),
    textsPerSec: Math.round((embedded / Math.max(1, performance.now() - tEmbed)) * 1000),
    cancelled,
  };
}

function parseProps(s: string | null): Record<string, never> {
  if (!s) return {};
  try {
    return JSON.parse(s) as Record<string, never>;
  } catch {
    return {};
  }
}

/**
 * The embedding job of a workspace stored in Neo4j: reads the nodes from the server in id order,
 * a page at a time, gives each a local label (neo4j-side.ts), embeds those without a vector of the
 * model and writes the vectors into the local side file, one transaction per page. The vector
 * worker's index follows that table as for SQLite workspaces.
 * Resumable like runEmbedJob: a node with a vector is skipped without inference, so a cancelled
 * run continues where it stopped (its pages are still read, which costs a query, not a model call).
 * A run that reads every page (not cancelled) then drops the labels and vectors of nodes it did not
 * see: they were deleted on the server (an import removed or rolled back). The vector worker's
 * loaded index skips labels whose row is gone and rebuilds on its next open (count mismatch).
 * Vectors that came with the data (kept by the Neo4j import in `_vec`) are written as they are, with
 * source 'data', when their size equals the model's: no inference for them (as runEmbedJob does).
 */
import type Database from 'better-sqlite3';
import type { GraphNode } from '../../electron/common/model';
import { embeddingText, type EmbeddingTextConfig } from '../embed/embedding-text';
import { vectorToBlob } from './embedding-table';
import { embedProgress, embedTexts, modelVectorWriter, type EmbedJobProgress, type EmbedJobResult, type TextEmbedder } from './embed-job';

/** What the job needs from the Neo4j store (Neo4jStore + retrieval-reads.ts fit). */
export interface Neo4jNodeSource {
  count(): Promise<number>;
  nodesAfter(afterId: string | null, limit: number): Promise<Array<GraphNode & { vector?: number[] }>>;
}

export interface Neo4jEmbedJobOptions {
  /** The side file's database (openNeo4jSide). */
  db: Database.Database;
  source: Neo4jNodeSource;
  embedder: TextEmbedder;
  pageSize?: number;
  textConfig?: Partial<EmbeddingTextConfig>;
  signal?: AbortSignal;
  onProgress?: (p: EmbedJobProgress) => void;
  onEmbedded?: (n: number) => void;
}

export async function runNeo4jEmbedJob(opts: Neo4jEmbedJobOptions): Promise<EmbedJobResult> {
  const { db, embedder, source } = opts;
  const model = embedder.modelId;
  const pageSize = Math.max(1, opts.pageSize ?? 512);
  const t0 = performance.now();

  const nodes = await source.count();
  const alreadyDone = (db.prepare('SELECT count(*) AS c FROM embeddings WHERE model = ?').get(model) as { c: number }).c;
  let total = Math.max(0, nodes - alreadyDone);
  opts.onProgress?.({ stage: 'embed', done: 0, total, rate: 0 });

  const run = (db.prepare('SELECT coalesce(max(run), 0) + 1 AS r FROM nodes').get() as { r: number }).r;
  const label = db.prepare(
    'INSERT INTO nodes(id, name, type, run) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type, run = excluded.run RETURNING rid',
  );
  const has = db.prepare('SELECT 1 FROM embeddings WHERE model = ? AND rid = ?');
  const labelPage = db.transaction((page: Array<GraphNode & { vector?: number[] }>) =>
    page.map((n) => ({ node: n, rid: (label.get(n.id, n.name, n.type, run) as { rid: number }).rid })).filter((x) => !has.get(model, x.rid)),
  );
  const insertData = db.prepare("INSERT OR REPLACE INTO embeddings(model, rid, source, vec) VALUES (?, ?, 'data', ?)");
  const writeData = db.transaction((items: Array<{ rid: number; vector: number[] }>) => {
    for (const x of items) insertData.run(model, x.rid, vectorToBlob(Float32Array.from(x.vector)));
  });
  const writePage = modelVectorWriter(db, embedder);

  let embedded = 0;
  let fromData = 0;
  let after: string | null = null;
  let cancelled = false;
  const tEmbed = performance.now();
  for (;;) {
    if (opts.signal?.aborted) {
      cancelled = true;
      break;
    }
    const page = await source.nodesAfter(after, pageSize);
    if (page.length === 0) break;
    after = page[page.length - 1].id;
    const labelled = labelPage(page);
    const shipped = labelled.filter((x) => x.node.vector?.length === embedder.dim).map((x) => ({ rid: x.rid, vector: x.node.vector! }));
    const todo = shipped.length > 0 ? labelled.filter((x) => x.node.vector?.length !== embedder.dim) : labelled;
    if (shipped.length > 0) {
      writeData(shipped);
      fromData += shipped.length;
      opts.onEmbedded?.(shipped.length);
    }
    if (todo.length > 0) {
      const texts = todo.map(({ node: n }) => embeddingText({ id: n.id, name: n.name, type: n.type, props: n.props, text: n.text }, opts.textConfig));
      writePage(todo.map((x) => x.rid), await embedTexts(embedder, texts));
      embedded += todo.length;
      opts.onEmbedded?.(todo.length);
    }
    if (labelled.length === 0) continue;
    // Nodes imported while this runs may come in later pages: the total grows with them.
    const done = embedded + fromData;
    if (done > total) total = done;
    opts.onProgress?.(embedProgress(done, total, embedded, tEmbed));
  }
  if (!cancelled) dropUnseen(db, run);
  return {
    modelId: model,
    dim: embedder.dim,
    embedded,
    fromData,
    alreadyDone,
    nodes,
    ms: Math.round(performance.now() - t0),
    textsPerSec: Math.round((embedded / Math.max(1, performance.now() - tEmbed)) * 1000),
    cancelled,
  };
}

/** Removes the labels (and vectors of every model) of nodes the complete run `run` did not see. */
function dropUnseen(db: Database.Database, run: number): void {
  db.transaction(() => {
    db.prepare('DELETE FROM embeddings WHERE rid IN (SELECT rid FROM nodes WHERE run <> ?)').run(run);
    db.prepare('DELETE FROM nodes WHERE run <> ?').run(run);
  })();
}

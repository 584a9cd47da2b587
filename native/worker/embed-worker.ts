/**
 * The embed worker: the ONNX session (onnxruntime-node), the embedding job that fills the
 * workspace's `embeddings` table, query vectors for the host, and the model manager.
 */
import os from 'node:os';
import { methods } from '../../electron/common/protocol';
import { hostOnlySimilarityMethods } from '../../electron/common/protocol/similarity';
import { WorkbenchError } from '../../electron/common/errors';
import { runWorker, type CallContext } from './runtime';
import { storeFor, dropStore } from './workspace-cache';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import { EmbedderCache, embedderOptionsFromEnv } from '../similarity/embedder-cache';
import { modelManagerHandlers, textConfigFor } from './embed-model-handlers';
import { selectModelDir, type ModelLocationOptions } from '../similarity/model-location';
import { runEmbedJob } from '../similarity/embed-job';
import { dominantModel, embeddingCounts } from '../similarity/embedding-table';
import { runNeo4jEmbedJob, type Neo4jNodeSource } from '../similarity/neo4j-embed-job';
import { openNeo4jSide } from '../similarity/neo4j-side';
import { nodesAfter } from '../store/neo4j/retrieval-reads';
import type { Neo4jStore } from '../store/neo4j/neo4j-store';
import { neo4jStoreFor } from './neo4j-stores';

/**
 * Embedding is bulk background work that would otherwise take every core from the host, the
 * other workers and the renderer (on 2 cores an auto-embed after an import made the canvas lag).
 * Below-normal priority, set before the ONNX session creates its threads so they inherit it, lets
 * it use only what the interactive processes leave. KGW_EMBED_PRIORITY=normal turns this off.
 */
if (process.env.KGW_EMBED_PRIORITY !== 'normal') {
  try {
    os.setPriority(os.constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // Not permitted here: run at normal priority.
  }
}

const embedderOptions = embedderOptionsFromEnv();
const embedders = new EmbedderCache(embedderOptions);

function location(call: CallContext): ModelLocationOptions {
  return { cacheDir: call.ctx.cacheDir };
}

/** Running embedding jobs per workspace: closing a workspace stops its job at the next page. */
const jobsByWorkspace = new Map<string, Set<AbortController>>();

function nodeSource(store: Neo4jStore): Neo4jNodeSource {
  return { count: async () => (await store.stats()).nodes, nodesAfter: (after, limit) => nodesAfter(store.conn, after, limit) };
}

/**
 * The embedding run: nodes from the workspace's SQLite file, or, for a workspace stored in Neo4j,
 * from the server with the vectors kept in a local side file (native/similarity/neo4j-side.ts).
 * Each run opens handles of its own: an invalidate closing the shared one must not cut a page in half.
 */
async function runEmbedding(call: CallContext, workspace: string, args: Omit<Parameters<typeof runEmbedJob>[0], 'db'>) {
  if (call.ctx.store === 'neo4j') {
    const neo4j = await neo4jStoreFor(call.ctx.neo4j);
    const side = openNeo4jSide(workspace, call.ctx.neo4j!);
    try {
      return await runNeo4jEmbedJob({ ...args, db: side.db, source: nodeSource(neo4j) });
    } finally {
      side.db.close();
    }
  }
  const store = new SqliteStore(workspace);
  try {
    return await runEmbedJob({ ...args, db: store.db });
  } finally {
    await store.close();
  }
}

function invalidate(workspace: string): void {
  for (const job of jobsByWorkspace.get(workspace) ?? []) job.abort();
  dropStore(workspace);
}

async function currentModel(call: CallContext, db: Parameters<typeof dominantModel>[0]): Promise<string | null> {
  try {
    return (await embedders.forLocation(location(call))).modelId;
  } catch {
    return dominantModel(db); // no model here now, but the workspace may hold vectors of one
  }
}

/** embed.status of a Neo4j workspace: the node count from the server, the vectors from the side file. */
async function neo4jEmbedStatus(call: CallContext) {
  if (!call.ctx.workspace) throw new WorkbenchError('NO_WORKSPACE', 'Open or create a workspace first');
  const neo4j = await neo4jStoreFor(call.ctx.neo4j);
  const side = openNeo4jSide(call.ctx.workspace, call.ctx.neo4j!);
  try {
    const modelId = await currentModel(call, side.db);
    return { modelId, ...embeddingCounts(side.db, modelId ?? ''), nodes: (await neo4j.stats()).nodes };
  } finally {
    side.db.close();
  }
}

runWorker({
  kind: 'embed',
  invalidate,
  handlers: {
    ...modelManagerHandlers(embedders, location, embedderOptions.int8MatMul !== false),
    'embed.start': async (p, call) => {
      const { pageSize } = methods['embed.start'].params.parse(p);
      const workspace = call.ctx.workspace;
      if (!workspace) throw new WorkbenchError('NO_WORKSPACE', 'Open or create a workspace first');
      call.progress({ stage: 'load-model', done: 0, unit: 'texts' });
      const embedder = await embedders.forLocation(location(call));
      const closed = new AbortController();
      const running = jobsByWorkspace.get(workspace) ?? new Set();
      jobsByWorkspace.set(workspace, running.add(closed));
      try {
        const result = await runEmbedding(call, workspace, {
          embedder,
          pageSize,
          textConfig: textConfigFor(location(call)),
          signal: AbortSignal.any([call.signal, closed.signal]),
          onProgress: (pr) => call.progress({ stage: pr.stage, done: pr.done, total: pr.total, unit: 'texts', rate: pr.rate, etaMs: pr.etaMs }),
          onEmbedded: (n) => call.count('embeddings', n),
        });
        if (result.cancelled) {
          const why = closed.signal.aborted ? 'the workspace was closed' : 'cancelled';
          throw new WorkbenchError('CANCELLED', `Embedding stopped (${why}) after ${result.embedded} texts; the vectors written so far are kept and the next run continues from there.`);
        }
        return result;
      } finally {
        running.delete(closed);
        if (!running.size) jobsByWorkspace.delete(workspace);
      }
    },
    'embed.status': async (_p, call) => {
      if (call.ctx.store === 'neo4j') return neo4jEmbedStatus(call);
      const db = storeFor(call.ctx).db;
      const modelId = await currentModel(call, db);
      // With no model and no vectors the counts of a model nobody has are all zero but the node count.
      return { modelId, ...embeddingCounts(db, modelId ?? '') };
    },
    'embed.query': async (p, call) => {
      const { text } = methods['embed.query'].params.parse(p);
      const t = performance.now();
      const embedder = await embedders.forLocation(location(call));
      const vector = await embedder.embed([text]);
      call.latency(performance.now() - t);
      call.count('embeddings', 1);
      return { modelId: embedder.modelId, vector };
    },
    'model.info': (_p, call) => embedders.describe(location(call)),
    'model.select': async (p, call) => {
      const { path: dir } = hostOnlySimilarityMethods['model.select'].params.parse(p);
      selectModelDir(dir, location(call));
      await embedders.drop();
      const info = await embedders.describe(location(call));
      if (!info.available) throw new WorkbenchError('MODEL_MISSING', info.problem ?? `No usable model in ${dir}`, { file: dir });
      return info;
    },
  },
});

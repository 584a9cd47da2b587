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

function invalidate(workspace: string): void {
  for (const job of jobsByWorkspace.get(workspace) ?? []) job.abort();
  dropStore(workspace);
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
      // A handle of its own: an invalidate closing the shared one must not cut a page in half.
      const store = new SqliteStore(workspace);
      const closed = new AbortController();
      const running = jobsByWorkspace.get(workspace) ?? new Set();
      jobsByWorkspace.set(workspace, running.add(closed));
      try {
        const result = await runEmbedJob({
          db: store.db,
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
        await store.close();
      }
    },
    'embed.status': async (_p, call) => {
      const db = storeFor(call.ctx).db;
      let modelId: string | null;
      try {
        modelId = (await embedders.forLocation(location(call))).modelId;
      } catch {
        modelId = dominantModel(db); // no model here now, but the workspace may hold vectors of one
      }
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

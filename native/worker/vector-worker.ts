/**
 * The vector worker: one similarity index per workspace and model (hnswlib-node, or exact for
 * small collections), loaded lazily from `<workspace>/vectors/`, kept in step with the
 * `embeddings` table the embed worker writes, and answering nearest-node questions.
 * Vectors reach it from SQLite, not through the host: only the query vector crosses processes.
 */
import { methods, type WorkerContext } from '../../electron/common/protocol';
import { runWorker } from './runtime';
import { storeFor, dropStore } from './workspace-cache';
import { SimilarityService } from '../similarity/similarity-service';

const services = new Map<string, SimilarityService>();

function serviceFor(ctx: WorkerContext): SimilarityService {
  const store = storeFor(ctx);
  let service = services.get(store.workspaceDir);
  if (!service) {
    service = new SimilarityService(store.db, store.workspaceDir);
    services.set(store.workspaceDir, service);
  }
  return service;
}

function dropWorkspace(workspace: string): void {
  const service = services.get(workspace);
  if (service) {
    // Save what was added since the last save before the handle goes (a later open re-reads the rest anyway).
    try {
      service.flush();
    } catch {
      // A failed save only means the next open rebuilds or re-adds: nothing is lost.
    }
    services.delete(workspace);
  }
  dropStore(workspace);
}

runWorker({
  kind: 'vector',
  invalidate: dropWorkspace,
  handlers: {
    'vector.search': (p, call) => {
      const { vector, modelId, k, threshold } = methods['vector.search'].params.parse(p);
      const t = performance.now();
      const hits = serviceFor(call.ctx).searchVector(vector, modelId, { k, threshold });
      call.latency(performance.now() - t);
      call.count('queries', 1);
      return hits;
    },
    'vector.similar': (p, call) => {
      const { id, modelId, k, threshold } = methods['vector.similar'].params.parse(p);
      const t = performance.now();
      const hits = serviceFor(call.ctx).similarTo(id, { k, threshold, modelId });
      call.latency(performance.now() - t);
      call.count('queries', 1);
      return hits;
    },
  },
});

/**
 * The vector worker: one similarity index per workspace and model (hnswlib through the project's
 * addon in native/vector/addon, or exact for small collections), loaded lazily from
 * `<workspace>/vectors/`, kept in step with the
 * `embeddings` table the embed worker writes, and answering nearest-node questions.
 * Vectors reach it from SQLite, not through the host: only the query vector crosses processes.
 */
import { methods, type WorkerContext } from '../../electron/common/protocol';
import { WorkbenchError } from '../../electron/common/errors';
import { runWorker } from './runtime';
import { storeFor, dropStore } from './workspace-cache';
import { SimilarityService } from '../similarity/similarity-service';
import { neo4jSideDir, openNeo4jSide, type Neo4jSide } from '../similarity/neo4j-side';

/**
 * Services by workspace folder. A workspace stored in Neo4j has its vectors and id <-> label table
 * in a local side file (neo4j-side.ts), one per server, so its hits carry the Neo4j node ids.
 */
const services = new Map<string, { service: SimilarityService; side?: Neo4jSide; key: string }>();

function serviceFor(ctx: WorkerContext): SimilarityService {
  if (!ctx.workspace) throw new WorkbenchError('NO_WORKSPACE', 'Open or create a workspace first');
  if (ctx.store === 'neo4j') {
    if (!ctx.neo4j) throw new WorkbenchError('NEO4J_UNAVAILABLE', 'This workspace is stored in Neo4j but no connection settings were given: open the Neo4j settings and connect');
    const key = neo4jSideDir(ctx.workspace, ctx.neo4j);
    const held = services.get(ctx.workspace);
    if (held?.key === key) return held.service;
    dropWorkspace(ctx.workspace); // the workspace was switched to another server or back
    const side = openNeo4jSide(ctx.workspace, ctx.neo4j);
    const service = new SimilarityService(side.db, side.dir);
    services.set(ctx.workspace, { service, side, key });
    return service;
  }
  const held = services.get(ctx.workspace);
  if (held && !held.side) return held.service;
  if (held) dropWorkspace(ctx.workspace); // switched back from Neo4j: before storeFor, which it would close
  const store = storeFor(ctx);
  const service = new SimilarityService(store.db, store.workspaceDir);
  services.set(ctx.workspace, { service, key: store.workspaceDir });
  return service;
}

function dropWorkspace(workspace: string): void {
  const held = services.get(workspace);
  if (held) {
    // Save what was added since the last save before the handle goes (a later open re-reads the rest anyway).
    try {
      held.service.flush();
    } catch {
      // A failed save only means the next open rebuilds or re-adds: nothing is lost.
    }
    held.side?.db.close();
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

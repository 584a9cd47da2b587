/** Read queries of the open workspace (stats, start view, node details, neighbours, name search) and saved canvas positions. */
import { methods } from '../../electron/common/protocol';
import { runWorker } from './runtime';
import { storeFor, graphStoreFor, dropStore } from './workspace-cache';
import { WorkbenchError } from '../../electron/common/errors';
import { viewStateFor } from '../store/sqlite/view-state';

function timed<T>(call: { latency(ms: number): void; count(n: string, k: number): void }, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  return fn().finally(() => {
    call.latency(performance.now() - t);
    call.count('queries', 1);
  });
}

runWorker({
  kind: 'store',
  invalidate: dropStore,
  handlers: {
    'graph.stats': (_p, call) => timed(call, async () => (await graphStoreFor(call.ctx)).stats()),
    'graph.overview': (p, call) => {
      const { limit } = methods['graph.overview'].params.parse(p);
      return timed(call, async () => (await graphStoreFor(call.ctx)).overview(limit));
    },
    'graph.node': async (p, call) => {
      const { id } = methods['graph.node'].params.parse(p);
      const found = await timed(call, async () => (await graphStoreFor(call.ctx)).node(id));
      if (!found) throw new WorkbenchError('NOT_FOUND', `No node with id "${id}" in this workspace`, { value: id });
      return found;
    },
    'graph.neighbors': (p, call) => {
      const { id, limit, offset, direction } = methods['graph.neighbors'].params.parse(p);
      return timed(call, async () => (await graphStoreFor(call.ctx)).neighbors(id, { limit, offset, direction }));
    },
    'graph.searchName': (p, call) => {
      const { q, limit } = methods['graph.searchName'].params.parse(p);
      return timed(call, async () => (await graphStoreFor(call.ctx)).searchName(q, limit));
    },
    'view.savePositions': (p, call) => {
      const { positions } = methods['view.savePositions'].params.parse(p);
      return timed(call, async () => ({ saved: viewStateFor(storeFor(call.ctx).db).save(positions) }));
    },
    'view.loadPositions': (p, call) => {
      const { ids } = methods['view.loadPositions'].params.parse(p);
      return timed(call, async () => ({ positions: viewStateFor(storeFor(call.ctx).db).load(ids) }));
    },
    'view.clearPositions': (p, call) => {
      const { ids } = methods['view.clearPositions'].params.parse(p);
      return timed(call, async () => ({ cleared: viewStateFor(storeFor(call.ctx).db).clear(ids) }));
    },
  },
});

/**
 * The graph worker: multi-hop queries on the workspace's adjacency, held here in typed arrays (CSR
 * both ways) and loaded from SQLite once per workspace, again lazily after an import. The host
 * never traverses; it forwards these calls and gets back answers with string ids.
 */
import { methods, type WorkerContext } from '../../electron/common/protocol';
import { WorkbenchError } from '../../electron/common/errors';
import { runWorker, type CallContext, type Handler } from './runtime';
import { storeFor, dropStore } from './workspace-cache';
import { GraphCache } from '../query/graph-cache';
import type { WorkspaceGraph } from '../query/workspace-graph';
import { runKHop, runPath, runPaths, runPpr } from '../query/run-queries';
import { runSpread } from '../query/spread';

const cache = new GraphCache();

function workspaceOf(ctx: WorkerContext): string {
  if (ctx.store === 'neo4j') {
    throw new WorkbenchError('BAD_REQUEST', 'Multi-hop queries in the graph worker need a SQLite workspace; this one is stored in Neo4j.');
  }
  return storeFor(ctx).workspaceDir;
}

function graphFor(call: CallContext, withProgress = false): Promise<WorkspaceGraph> {
  const workspace = workspaceOf(call.ctx);
  return cache.get(workspace, () => storeFor(call.ctx).db, {
    signal: call.signal,
    onProgress: withProgress
      ? (p) => call.progress({ stage: `load ${p.stage}`, done: p.done, total: p.total, unit: p.stage === 'index' ? 'steps' : p.stage })
      : undefined,
  });
}

/** A query handler: parse params, run on the loaded graph, count it for the profiler. */
function query<M extends keyof typeof methods>(name: M, run: (g: WorkspaceGraph, params: never) => unknown): Handler {
  return async (raw, call) => {
    const params = methods[name].params.parse(raw);
    const g = await graphFor(call);
    const t = performance.now();
    try {
      return run(g, params as never);
    } finally {
      call.latency(performance.now() - t);
      call.count('queries', 1);
    }
  };
}

runWorker({
  kind: 'graph',
  invalidate: (workspace) => {
    cache.invalidate(workspace);
    dropStore(workspace);
  },
  handlers: {
    'query.load': async (_p, call) => {
      await graphFor(call, true);
      return cache.status(workspaceOf(call.ctx));
    },
    'query.status': (_p, call) => cache.status(workspaceOf(call.ctx)),
    'query.khop': query('query.khop', runKHop),
    'query.path': query('query.path', runPath),
    'query.paths': query('query.paths', runPaths),
    'query.ppr': query('query.ppr', runPpr),
    'query.spread': query('query.spread', runSpread),
  },
});

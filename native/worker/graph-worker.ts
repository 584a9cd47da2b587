/**
 * The graph worker: multi-hop queries on the workspace's adjacency, held here in typed arrays (CSR
 * both ways) and loaded from SQLite once per workspace, again lazily after an import. The host
 * never traverses; it forwards these calls and gets back answers with string ids.
 * A workspace stored in Neo4j loads nothing: its queries are answered server side in Cypher
 * (native/store/neo4j/protocol-queries.ts), same params and result shapes.
 */
import { methods, type WorkerContext } from '../../electron/common/protocol';
import { WorkbenchError } from '../../electron/common/errors';
import { runWorker, type CallContext, type Handler } from './runtime';
import { storeFor, dropStore } from './workspace-cache';
import { GraphCache } from '../query/graph-cache';
import type { WorkspaceGraph } from '../query/workspace-graph';
import { runKHop, runPath, runPaths, runPprAsync } from '../query/run-queries';
import { runSpreadAsync } from '../query/spread';
import type { RunControl } from '../query/iterate';
import { neo4jGraphStatus, neo4jKHop, neo4jPath, neo4jPaths, neo4jPpr } from '../store/neo4j/protocol-queries';
import type { Neo4jStore } from '../store/neo4j/neo4j-store';
import { neo4jSpread } from '../store/neo4j/spread';
import { neo4jStoreFor } from './neo4j-stores';

const cache = new GraphCache();

function workspaceOf(ctx: WorkerContext): string {
  if (ctx.store === 'neo4j') {
    throw new WorkbenchError('BAD_REQUEST', 'This query needs the adjacency of a SQLite workspace; this one is stored in Neo4j.');
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

/**
 * A query handler: parse params, run on the loaded graph (or, for a Neo4j workspace, in Cypher on
 * the server via `onNeo4j`), count it for the profiler. PageRank runs get the call's cancel signal
 * and a progress callback: they yield between iterations (on Neo4j, one server round trip each).
 */
function query<M extends keyof typeof methods>(
  name: M,
  run: (g: WorkspaceGraph, params: never, ctl: RunControl) => unknown,
  onNeo4j?: (store: Neo4jStore, params: never, ctl: RunControl) => Promise<unknown>,
): Handler {
  return async (raw, call) => {
    const params = methods[name].params.parse(raw);
    const neo4j = call.ctx.store === 'neo4j' && onNeo4j ? await neo4jStoreFor(call.ctx.neo4j) : null;
    const g = neo4j ? null : await graphFor(call);
    const t = performance.now();
    const ctl: RunControl = {
      signal: call.signal,
      onProgress: (done, total) => call.progress({ stage: 'pagerank', done, total, unit: 'iterations' }),
    };
    try {
      return neo4j ? await onNeo4j!(neo4j, params as never, ctl) : await run(g!, params as never, ctl);
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
      if (call.ctx.store === 'neo4j') return neo4jGraphStatus(await neo4jStoreFor(call.ctx.neo4j));
      await graphFor(call, true);
      return cache.status(workspaceOf(call.ctx));
    },
    'query.status': async (_p, call) => (call.ctx.store === 'neo4j' ? neo4jGraphStatus(await neo4jStoreFor(call.ctx.neo4j)) : cache.status(workspaceOf(call.ctx))),
    'query.khop': query('query.khop', runKHop, neo4jKHop),
    'query.path': query('query.path', runPath, neo4jPath),
    'query.paths': query('query.paths', runPaths, neo4jPaths),
    'query.ppr': query('query.ppr', runPprAsync, neo4jPpr),
    'query.spread': query('query.spread', runSpreadAsync, neo4jSpread),
  },
});

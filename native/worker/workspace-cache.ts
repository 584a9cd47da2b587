/**
 * Workers keep one open store per workspace folder; the host invalidates it when the workspace
 * closes. Opening is cheap but not free (schema check, page cache warm-up).
 */
import { SqliteStore } from '../store/sqlite/sqlite-store';
import { WorkbenchError } from '../../electron/common/errors';
import type { WorkerContext } from '../../electron/common/protocol';
import type { GraphStore } from '../store/graph-store';
import { neo4jStoreFor } from './neo4j-stores';

const stores = new Map<string, SqliteStore>();

export function storeFor(ctx: WorkerContext): SqliteStore {
  if (!ctx.workspace) throw new WorkbenchError('NO_WORKSPACE', 'Open or create a workspace first');
  let store = stores.get(ctx.workspace);
  if (!store) {
    store = new SqliteStore(ctx.workspace);
    stores.set(ctx.workspace, store);
  }
  return store;
}

/**
 * The graph store of the workspace: its SQLite file, or the Neo4j database the workspace was
 * switched to (ctx.store === 'neo4j', connection settings in ctx.neo4j). Local side data (view
 * positions, embeddings) stays in the workspace's SQLite file either way: use storeFor for that.
 */
export async function graphStoreFor(ctx: WorkerContext): Promise<GraphStore> {
  if (ctx.store === 'neo4j') return neo4jStoreFor(ctx.neo4j);
  return storeFor(ctx);
}

export function dropStore(workspace: string): void {
  const store = stores.get(workspace);
  if (store) {
    void store.close();
    stores.delete(workspace);
  }
}

/**
 * Workers keep one open store per workspace folder; the host invalidates it when the workspace
 * closes. Opening is cheap but not free (schema check, page cache warm-up).
 */
import { SqliteStore } from '../store/sqlite/sqlite-store';
import { WorkbenchError } from '../../electron/common/errors';
import type { WorkerContext } from '../../electron/common/protocol';

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

export function dropStore(workspace: string): void {
  const store = stores.get(workspace);
  if (store) {
    void store.close();
    stores.delete(workspace);
  }
}

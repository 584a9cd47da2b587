/**
 * The loaded graph of each workspace, kept between queries. Loading happens once, on first use, and
 * again only after `invalidate` (the host sends it after every import): the old graph is dropped at
 * once and the new one is read lazily by the next query. Concurrent callers share one load.
 */
import type Database from 'better-sqlite3';
import { WorkbenchError } from '../../electron/common/errors';
import type { GraphStatus } from '../../electron/common/protocol/query';
import { loadGraphFromSqliteAsync, type LoadProgress } from '../graph/sqlite-loader';
import { WorkspaceGraph } from './workspace-graph';

interface Entry {
  promise: Promise<WorkspaceGraph>;
  graph: WorkspaceGraph | null;
  abort: AbortController;
  /** Everyone following this load's progress. */
  listeners: Set<(p: LoadProgress) => void>;
  /** Dropped by invalidate (an import finished): waiters then start over on the new data. */
  invalidated: boolean;
}

export class GraphCache {
  private readonly entries = new Map<string, Entry>();

  /**
   * The workspace graph, loading it when needed. `onProgress` follows the load (if one runs);
   * `signal` cancels it — the load is shared, so other waiters then fail with CANCELLED too.
   * `db` opens (or returns) the workspace database; it is asked again when an import invalidated
   * the graph while it loaded, so the caller gets the new graph instead of an error.
   */
  get(workspace: string, db: () => Database.Database, opts: { onProgress?(p: LoadProgress): void; signal?: AbortSignal } = {}): Promise<WorkspaceGraph> {
    let entry = this.entries.get(workspace);
    // The load reads its first chunk before start() returns: listen before it begins.
    if (!entry) entry = this.start(workspace, db(), opts.onProgress);
    else if (entry.graph) return Promise.resolve(entry.graph);
    else if (opts.onProgress) entry.listeners.add(opts.onProgress);
    const e = entry;
    const onAbort = () => e.abort.abort();
    opts.signal?.addEventListener('abort', onAbort);
    return e.promise
      .catch((err: unknown) => {
        if (e.invalidated && !opts.signal?.aborted) return this.get(workspace, db, opts);
        throw err;
      })
      .finally(() => {
        if (opts.onProgress) e.listeners.delete(opts.onProgress);
        opts.signal?.removeEventListener('abort', onAbort);
      });
  }

  /** The graph if it is loaded now (no load started). */
  peek(workspace: string): WorkspaceGraph | null {
    return this.entries.get(workspace)?.graph ?? null;
  }

  /** Drops the workspace's graph (and stops a load in progress): the next query reloads. */
  invalidate(workspace: string): void {
    const entry = this.entries.get(workspace);
    if (!entry) return;
    entry.invalidated = true;
    entry.abort.abort();
    this.entries.delete(workspace);
  }

  status(workspace: string): GraphStatus {
    const g = this.peek(workspace);
    if (!g) return { loaded: false, nodes: 0, edges: 0, loadMs: 0, bytes: 0, skippedEdges: 0 };
    return { loaded: true, nodes: g.nodeCount, edges: g.edgeCount, loadMs: g.loadMs, bytes: g.memoryBytes(), skippedEdges: g.loaded.skippedEdges };
  }

  private start(workspace: string, db: Database.Database, onProgress?: (p: LoadProgress) => void): Entry {
    const abort = new AbortController();
    const listeners = new Set<(p: LoadProgress) => void>(onProgress ? [onProgress] : []);
    const t = performance.now();
    const entry: Entry = {
      abort,
      listeners,
      invalidated: false,
      graph: null,
      promise: loadGraphFromSqliteAsync(db, { labels: true, signal: abort.signal, onProgress: (p) => listeners.forEach((l) => l(p)) }).then((loaded) => {
        const graph = new WorkspaceGraph(db, loaded, performance.now() - t);
        if (this.entries.get(workspace) === entry) entry.graph = graph;
        return graph;
      }),
    };
    entry.promise.catch(() => {
      // A failed or cancelled load is forgotten, so the next query tries again.
      if (this.entries.get(workspace) === entry) this.entries.delete(workspace);
    });
    this.entries.set(workspace, entry);
    return entry;
  }
}

export function requireWorkspace(workspace: string | null): string {
  if (!workspace) throw new WorkbenchError('NO_WORKSPACE', 'Open or create a workspace first');
  return workspace;
}

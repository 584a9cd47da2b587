/**
 * What the user can do, as functions of the typed client and the store. Components call these;
 * nothing else talks to the host. Errors end up in the store (toasts, details, import error),
 * never as unhandled rejections.
 */
import { toErrorShape, formatError } from '../../../electron/common/errors';
import type { ImportResult, WorkspaceInfo } from '../../../electron/common/protocol';
import type { WorkbenchClient } from '../api/client';
import type { AppStore } from '../store';
import { confirmGrowth, confirmOverview, neighborsPerExpansion } from '../features/explore';
import { askMapping, needsMapping } from '../features/import';

export function createActions(client: WorkbenchClient, store: AppStore) {
  const s = () => store.getState();
  const report = (err: unknown) => s().toast(formatError(toErrorShape(err)), 'error');

  async function refreshStats(): Promise<void> {
    try {
      s().setStats(await client.call('graph.stats', {}));
    } catch (err) {
      report(err);
    }
  }

  async function loadOverview(opts: { resetHistory: boolean }): Promise<void> {
    try {
      const sub = await client.call('graph.overview', { limit: s().overviewLimit });
      s().showSubgraph(sub, opts);
    } catch (err) {
      report(err);
    }
  }

  async function enterWorkspace(info: WorkspaceInfo | null): Promise<void> {
    const previous = s().workspace;
    s().setWorkspace(info);
    if (!info) {
      s().clearView();
      s().select(null);
      await loadRecent();
      return;
    }
    if (previous?.path !== info.path) {
      s().clearView();
      s().select(null);
      await Promise.all([loadOverview({ resetHistory: true }), refreshStats()]);
    } else await fillEmptyView(info);
  }

  /**
   * The host announces a workspace before its content is in (the sample is written after it is
   * opened), so an empty canvas is filled once the counts say there is something to show. A view
   * the user is exploring is never replaced behind their back.
   */
  async function fillEmptyView(info: WorkspaceInfo): Promise<void> {
    if (info.nodes > 0 && s().view.nodeIds.size === 0 && !s().importState) await loadOverview({ resetHistory: true });
  }

  async function loadRecent(): Promise<void> {
    try {
      s().setRecent(await client.call('workspace.recent', {}));
    } catch (err) {
      report(err);
    }
  }

  async function withWorkspace(open: () => Promise<WorkspaceInfo>): Promise<void> {
    try {
      await enterWorkspace(await open());
    } catch (err) {
      report(err);
    }
  }

  /** One page of neighbours (the "neighbours per expansion" setting), after asking if the canvas would grow past a few thousand elements. */
  async function expandNeighbors(anchor: string, offset = 0): Promise<void> {
    const limit = neighborsPerExpansion();
    if (!(await confirmGrowth(limit))) return;
    try {
      const page = await client.call('graph.neighbors', { id: anchor, limit, offset });
      s().addNeighborPage(anchor, page, offset, limit);
    } catch (err) {
      report(err);
    }
  }

  return {
    /** Subscribes to host events, then asks which workspace is open. Returns the unsubscribe. */
    start(): () => void {
      const offs = [
        client.on('workspace.changed', (info) => {
          const current = s().workspace;
          // Counts changed (an import from anywhere): refresh the numbers, keep the user's view.
          if (info && current && info.path === current.path) {
            s().setWorkspace(info);
            void refreshStats();
            void fillEmptyView(info);
          } else void enterWorkspace(info);
        }),
        client.on('metrics.samples', (samples) => s().addSamples(samples)),
        client.on('job.progress', (p) => s().noteJobProgress(p)),
        client.on('job.finished', (p) => s().noteJobEnded(p.jobId)),
        client.on('job.failed', (p) => s().noteJobEnded(p.jobId)),
        client.on('worker.restarted', (p) => s().toast(`The ${p.kind} worker restarted: ${p.reason}`, 'error')),
      ];
      let wasOpen = false;
      offs.push(
        client.onConnection((state) => {
          s().setConnection(state);
          // After a reconnect the host may have changed (restarted, another client opened a workspace).
          if (state === 'open' && wasOpen) void this.syncWorkspace();
          if (state === 'open') wasOpen = true;
        }),
      );
      void this.syncWorkspace();
      return () => offs.forEach((off) => off());
    },

    async syncWorkspace(): Promise<void> {
      try {
        const info = await client.call('workspace.current', {});
        await enterWorkspace(info);
      } catch (err) {
        report(err);
        if (s().workspace === undefined) s().setWorkspace(null);
      }
    },

    openSample: () => withWorkspace(() => client.call('workspace.openSample', {})),
    openWorkspace: (path?: string) => withWorkspace(() => client.call('workspace.open', path ? { path } : {})),
    async closeWorkspace(): Promise<void> {
      try {
        await client.call('workspace.close', {});
        await enterWorkspace(null);
      } catch (err) {
        report(err);
      }
    },
    loadRecent,
    async reloadOverview(): Promise<void> {
      if (await confirmOverview(s().overviewLimit)) await loadOverview({ resetHistory: false });
    },

    async selectNode(id: string | null): Promise<void> {
      s().select(id);
      if (!id) return;
      try {
        s().setDetails(id, await client.call('graph.node', { id }));
      } catch (err) {
        s().setDetails(id, null, toErrorShape(err));
      }
    },

    expandNeighbors,

    /** A click on a "+K more" handle fetches the next page of its anchor's neighbours. */
    async expandMore(handleId: string): Promise<void> {
      const handle = s().cache.nodes.get(handleId);
      if (handle?.kind === 'more') await expandNeighbors(handle.anchor, handle.nextOffset);
    },

    searchNames: (q: string) => client.call('graph.searchName', { q, limit: 15 }),

    /** Search hit: add the node and a page of its neighbours, then centre on it and select it. */
    async jumpTo(id: string): Promise<void> {
      try {
        const limit = neighborsPerExpansion();
        if (!(await confirmGrowth(limit))) return;
        const [page, details] = await Promise.all([
          client.call('graph.neighbors', { id, limit, offset: 0 }),
          client.call('graph.node', { id }),
        ]);
        s().addNeighborPage(id, { ...page, nodes: [details.node, ...page.nodes] }, 0, limit);
        s().select(id);
        s().setDetails(id, details);
        s().focusNode(id);
      } catch (err) {
        report(err);
      }
    },

    hideSelected(): void {
      const id = s().selectedId;
      if (!id) return;
      s().hide([id]);
      s().select(null);
    },

    /** Uploads (headless) or resolves (desktop) the files, runs the import job, then reloads the view. */
    async importFiles(files: File[]): Promise<ImportResult | null> {
      if (!files.length || s().importState) return null;
      s().beginImport(files.map((f) => f.name));
      try {
        const importFiles = await client.uploadFiles(files, (done, total) =>
          s().updateImport({ progress: { stage: 'upload', done, total, unit: 'bytes' } }),
        );
        // Generic CSV files go through the column-mapping step first; other formats carry their own headers.
        const preview = await client.call('import.preview', { files: importFiles });
        let options;
        if (needsMapping(preview.files)) {
          s().updateImport({ progress: { stage: 'mapping columns', done: 0, total: 0, unit: 'bytes' } });
          options = await askMapping(preview.files);
          if (!options) {
            s().failImport({ code: 'CANCELLED', message: 'Import cancelled before it started' });
            return null;
          }
        }
        // Progress reports restart from zero in the job, so reset the clock used for derived rates.
        s().updateImport({ phase: 'running', startedAt: Date.now(), progress: null });
        const result = await client.runJob(
          'import.start',
          { files: importFiles, options },
          (p) => s().updateImport({ progress: p }),
          (jobId) => {
            s().updateImport({ jobId });
            if (s().importState?.phase === 'cancelling') void client.call('job.cancel', { jobId });
          },
        );
        s().finishImport(result);
        await Promise.all([loadOverview({ resetHistory: false }), refreshStats()]);
        return result;
      } catch (err) {
        s().failImport(toErrorShape(err));
        return null;
      }
    },

    async cancelImport(): Promise<void> {
      const state = s().importState;
      if (!state) return;
      s().updateImport({ phase: 'cancelling' });
      if (state.jobId) {
        try {
          await client.call('job.cancel', { jobId: state.jobId });
        } catch (err) {
          report(err);
        }
      }
    },
  };
}

export type Actions = ReturnType<typeof createActions>;

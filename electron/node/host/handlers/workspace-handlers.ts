/** workspace.*: open, create, the sample, recent list, close. */
import fs from 'node:fs';
import path from 'node:path';
import type { WorkspaceInfo } from '../../../common/protocol';
import type { Host } from '../host';
import { resourcesDir } from '../app-paths';
import type { HostHandler, JobFinishedHook } from './types';
import { workspaceStoreChoice } from './neo4j-handlers';

async function withCounts(host: Host, info: WorkspaceInfo): Promise<WorkspaceInfo> {
  host.setWorkspace(info, { silent: true });
  const stats = (await host.callWorker('store', 'graph.stats', {})) as { nodes: number; edges: number };
  return { ...info, nodes: stats.nodes, edges: stats.edges };
}

export async function openWorkspace(host: Host, requested?: string, name?: string): Promise<WorkspaceInfo> {
  const dir = requested ? path.resolve(requested) : path.join(host.opts.dataDir, 'workspaces', `workspace-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  host.checkPath(dir, 'workspace folder');
  fs.mkdirSync(dir, { recursive: true });
  const info = await withCounts(host, { path: dir, name: name ?? path.basename(dir), store: workspaceStoreChoice(dir, host.opts.defaultStore), nodes: 0, edges: 0 });
  host.setWorkspace(info);
  host.settings.rememberWorkspace(dir, info.name);
  return info;
}

async function openSample(host: Host): Promise<WorkspaceInfo> {
  const dir = path.join(host.opts.dataDir, 'workspaces', 'sample');
  const info = await openWorkspace(host, dir, 'Sample: The Harbour Light');
  if (info.nodes > 0) return info;
  const sampleDir = path.join(resourcesDir(), 'sample');
  const files = fs.readdirSync(sampleDir).filter((f) => /\.(csv|jsonl|graphml)$/.test(f)).map((f) => ({ path: path.join(sampleDir, f) }));
  await host.runJob('import.start', { files });
  return host.workspace!;
}

export const workspaceHandlers: Record<string, HostHandler> = {
  'workspace.open': (p: { path?: string; name?: string }, host) => openWorkspace(host, p.path, p.name),
  'workspace.openSample': (_p, host) => openSample(host),
  'workspace.current': async (_p, host) => {
    const last = host.settings.get().lastWorkspace;
    if (!host.workspace && last && fs.existsSync(last)) {
      try {
        await openWorkspace(host, last);
      } catch {
        host.settings.forgetLast();
      }
    }
    return host.workspace;
  },
  'workspace.recent': (_p, host) => host.settings.get().recent.filter((r) => fs.existsSync(r.path)),
  'workspace.close': (_p, host) => {
    host.setWorkspace(null);
    host.settings.forgetLast();
    return { ok: true };
  },
};

/** After an import: workers holding derived state (adjacency, vectors) reload, counts refresh. */
export const refreshAfterImport: JobFinishedHook = async (method, _result, host) => {
  if (method !== 'import.start' || !host.workspace) return;
  host.supervisor.invalidate(host.workspace.path, ['graph', 'vector', 'store']);
  host.setWorkspace(await withCounts(host, host.workspace));
};

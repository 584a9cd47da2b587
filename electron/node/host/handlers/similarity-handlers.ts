/**
 * similarity.*, model.useFolder and auto-embedding after imports. The host only routes: the
 * query is embedded in the embed worker, searched in the vector worker; only the 384-float query
 * vector passes through here.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ModelInfo, SimilarityHit, SimilaritySettings } from '../../../common/protocol/similarity';
import type { Host } from '../host';
import type { HostHandler, JobFinishedHook } from './types';

const DEFAULT_SETTINGS: SimilaritySettings = { autoEmbed: true };

function settingsFile(host: Host): string {
  return path.join(host.opts.dataDir, 'similarity-settings.json');
}

export function readSimilaritySettings(host: Host): SimilaritySettings {
  try {
    return { ...DEFAULT_SETTINGS, ...(JSON.parse(fs.readFileSync(settingsFile(host), 'utf8')) as Partial<SimilaritySettings>) };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

function writeSimilaritySettings(host: Host, patch: Partial<SimilaritySettings>): SimilaritySettings {
  const next = { ...readSimilaritySettings(host), ...patch };
  const file = settingsFile(host);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(next, null, 2));
  fs.renameSync(tmp, file);
  return next;
}

async function loadedModelId(host: Host): Promise<string | undefined> {
  const info = (await host.callWorker('embed', 'model.info', {})) as ModelInfo;
  return info.available ? info.modelId : undefined;
}

export const similarityHandlers: Record<string, HostHandler> = {
  'similarity.search': async (p: { text: string; k: number; threshold?: number }, host): Promise<SimilarityHit[]> => {
    const { modelId, vector } = (await host.callWorker('embed', 'embed.query', { text: p.text })) as { modelId: string; vector: Float32Array };
    return (await host.callWorker('vector', 'vector.search', { vector, modelId, k: p.k, threshold: p.threshold })) as SimilarityHit[];
  },
  'similarity.similar': async (p: { id: string; k: number; threshold?: number }, host): Promise<SimilarityHit[]> => {
    let modelId: string | undefined;
    try {
      modelId = await loadedModelId(host);
    } catch {
      modelId = undefined; // no model here: the vector worker uses the workspace's own vectors
    }
    return (await host.callWorker('vector', 'vector.similar', { id: p.id, k: p.k, threshold: p.threshold, modelId })) as SimilarityHit[];
  },
  'model.useFolder': (p: { path: string }, host) => {
    host.checkPath(p.path, 'model folder');
    return host.callWorker('embed', 'model.select', { path: path.resolve(p.path) });
  },
  'similarity.getSettings': (_p, host) => readSimilaritySettings(host),
  'similarity.setSettings': (p: Partial<SimilaritySettings>, host) => writeSimilaritySettings(host, p),
};

/** After an import: embed the new nodes when a model is present and the user has not turned it off. */
export const embedAfterImport: JobFinishedHook = (method, _result, host) => {
  if (method !== 'import.start' || !host.workspace || !readSimilaritySettings(host).autoEmbed) return;
  // Not awaited: loading the model takes a second or more and the import's own finish must not wait.
  void (async () => {
    // A running embedding picks up the new nodes itself (they come after the rids it has done).
    if (host.jobList().some((j) => j.method === 'embed.start' && j.state === 'running')) return;
    if (!(await loadedModelId(host))) return;
    await host.handle('embed.start', {});
  })().catch(() => undefined); // no model or no workspace any more: nothing to embed, nothing to report
};

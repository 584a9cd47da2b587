/**
 * What the model manager panel does, as functions of the client: load the model's details and
 * the settings, download from the hub (progress from `job.progress`, cancel through `job.cancel`,
 * a later download resumes the `.part` files), use a local folder, save the settings.
 * Started once from main.tsx.
 */
import { formatError, toErrorShape } from '../../../../electron/common/errors';
import type { EmbeddingTextSettings, ModelDetails } from '../../../../electron/common/protocol/models';
import type { ModelInfo } from '../../../../electron/common/protocol/similarity';
import type { WorkbenchClient } from '../../api/client';
import { modelsStore } from './models-store';

let client: WorkbenchClient | null = null;
const st = () => modelsStore.getState();
const errorText = (err: unknown) => formatError(toErrorShape(err));

function need(): WorkbenchClient {
  if (!client) throw new Error('startModels was not called');
  return client;
}

export function startModels(c: WorkbenchClient): () => void {
  client = c;
  const offs = [
    c.on('job.progress', (p) => {
      if (p.method !== 'model.download') return;
      st().patch({ download: { jobId: p.jobId, done: p.done, total: p.total, message: p.message } });
    }),
    c.on('job.finished', (p) => {
      if (p.method !== 'model.download') return;
      const info = p.result as ModelInfo;
      st().patch({ download: null, outcome: info.problem ? { tone: 'error', text: info.problem } : { tone: 'ok', text: `Downloaded ${info.modelName ?? 'the model'}; it is in use now.` } });
      void refreshModels();
    }),
    c.on('job.failed', (p) => {
      if (p.method !== 'model.download') return;
      const text = p.error.code === 'CANCELLED' ? 'Download cancelled; what arrived is kept and Resume continues from there.' : `Download failed: ${errorText(p.error)}`;
      st().patch({ download: null, outcome: { tone: p.error.code === 'CANCELLED' ? 'ok' : 'error', text } });
      void refreshModels();
    }),
  ];
  return () => offs.forEach((off) => off());
}

export async function openModels(): Promise<void> {
  st().setOpen(true);
  await refreshModels();
}

export function toggleModels(): void {
  if (st().open) st().setOpen(false);
  else void openModels();
}

export async function refreshModels(): Promise<void> {
  const c = need();
  try {
    const [details, settings, textConfig] = await Promise.all([
      c.call('model.details', {}),
      c.call('similarity.getSettings', {}),
      c.call('embed.getTextConfig', {}),
    ]);
    st().patch({ details, autoEmbed: settings.autoEmbed, textConfig, repo: st().repo || details.defaultRepo });
  } catch (err) {
    st().patch({ outcome: { tone: 'error', text: errorText(err) } });
  }
}

/** `<hub>/<owner>/<name>`: the base URL model.download fetches `resolve/main/<file>` under. */
export function downloadUrl(details: Pick<ModelDetails, 'hubUrl'>, repo: string): string {
  return `${details.hubUrl.replace(/\/+$/, '')}/${repo.trim().replace(/^\/+|\/+$/g, '')}`;
}

export async function startDownload(): Promise<void> {
  const { details, repo } = st();
  if (!details) return;
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo.trim())) {
    st().patch({ outcome: { tone: 'error', text: 'Repository must look like owner/name, e.g. sentence-transformers/all-MiniLM-L6-v2.' } });
    return;
  }
  st().patch({ outcome: null, download: { jobId: null, done: details.partial?.bytes ?? 0 } });
  try {
    // A job-method: the call answers {jobId} (its declared result arrives with job.finished).
    const { jobId } = (await need().call('model.download', { baseUrl: downloadUrl(details, repo) })) as unknown as { jobId: string };
    const d = st().download;
    if (d) st().patch({ download: { ...d, jobId } });
  } catch (err) {
    st().patch({ download: null, outcome: { tone: 'error', text: errorText(err) } });
  }
}

export async function cancelDownload(): Promise<void> {
  const jobId = st().download?.jobId;
  if (!jobId) return;
  try {
    await need().call('job.cancel', { jobId });
  } catch (err) {
    st().patch({ outcome: { tone: 'error', text: errorText(err) } });
  }
}

export async function useFolder(): Promise<void> {
  const path = st().folder.trim();
  if (!path) {
    st().patch({ outcome: { tone: 'error', text: 'Type the path of a folder holding model.onnx (or onnx/model.onnx), tokenizer.json and config.json.' } });
    return;
  }
  try {
    const info = await need().call('model.useFolder', { path });
    st().patch({ outcome: { tone: 'ok', text: `Using ${info.modelName ?? path} (${info.dim ?? '?'} dimensions).` } });
  } catch (err) {
    st().patch({ outcome: { tone: 'error', text: errorText(err) } });
  }
  await refreshModels();
}

/** Settings show the change at once (a checkbox must not spring back while the host answers);
 *  the host's answer then replaces it, and a failure reloads what is saved. */
export async function setAutoEmbed(autoEmbed: boolean): Promise<void> {
  st().patch({ autoEmbed });
  try {
    const s = await need().call('similarity.setSettings', { autoEmbed });
    st().patch({ autoEmbed: s.autoEmbed });
  } catch (err) {
    st().patch({ outcome: { tone: 'error', text: errorText(err) } });
    await refreshModels();
  }
}

export async function saveTextConfig(patch: Partial<EmbeddingTextSettings>): Promise<void> {
  const current = st().textConfig;
  if (current) st().patch({ textConfig: { ...current, ...patch } });
  try {
    const textConfig = await need().call('embed.setTextConfig', patch);
    st().patch({ textConfig });
  } catch (err) {
    st().patch({ outcome: { tone: 'error', text: errorText(err) } });
    await refreshModels();
  }
}

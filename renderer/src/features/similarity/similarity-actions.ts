/**
 * What semantic search does, as functions of the client and the two stores: ask the host, add
 * hits that are not on the canvas yet, follow the embedding job. Started once from main.tsx.
 */
import { formatError, toErrorShape } from '../../../../electron/common/errors';
import type { WorkbenchClient } from '../../api/client';
import { appStore } from '../../store';
import { similarityStore, visibleHits } from './similarity-store';
import type { SimilarityHit } from '../../../../electron/common/protocol/similarity';

let client: WorkbenchClient | null = null;
/** Only the answer to the latest question counts (typing fires many). */
let seq = 0;
/** While vectors are being written, the open question is asked again now and then, so answers fill in. */
const RERUN_WHILE_EMBEDDING_MS = 3000;
let lastRerun = 0;

const sim = () => similarityStore.getState();
const errorText = (err: unknown) => formatError(toErrorShape(err));

/** Subscribes to embedding jobs of any client and loads the model and vector status. */
export function startSimilarity(c: WorkbenchClient): () => void {
  client = c;
  const offs = [
    c.on('job.progress', (p) => {
      if (p.method !== 'embed.start') return;
      sim().noteEmbedProgress(p);
      if (Date.now() - lastRerun > RERUN_WHILE_EMBEDDING_MS) void askAgain();
    }),
    c.on('job.finished', (p) => {
      if (p.method === 'embed.start') {
        sim().endEmbed();
        void refreshStatus();
        void askAgain();
      }
    }),
    c.on('job.failed', (p) => {
      if (p.method === 'embed.start') {
        sim().endEmbed();
        if (p.error.code !== 'CANCELLED') appStore.getState().toast(`Embedding failed: ${errorText(p.error)}`, 'error');
        void refreshStatus();
      }
    }),
    c.on('workspace.changed', () => {
      sim().clear();
      void refreshStatus();
    }),
  ];
  return () => offs.forEach((off) => off());
}

export async function refreshStatus(): Promise<void> {
  if (!client || !appStore.getState().workspace) return;
  try {
    const [model, status] = await Promise.all([client.call('model.info', {}), client.call('embed.status', {})]);
    sim().setModel(model);
    sim().setEmbedStatus(status);
  } catch (err) {
    sim().setEmbedStatus(null);
    sim().fail(errorText(err));
  }
}

/** Puts hits that are not on the canvas into the view (without edges), so every lit hit is visible. */
async function showOnCanvas(hits: SimilarityHit[]): Promise<void> {
  const c = client;
  if (!c) return;
  const app = appStore.getState();
  const missing = hits.filter((h) => !app.view.nodeIds.has(h.id));
  if (!missing.length) return;
  const details = await Promise.all(missing.map((h) => c.call('graph.node', { id: h.id }).catch(() => null)));
  const nodes = details.filter((d) => d !== null).map((d) => d.node);
  if (!nodes.length) return;
  const anchor = hits.find((h) => app.view.nodeIds.has(h.id))?.id ?? nodes[0].id;
  appStore.getState().addSubgraph({ nodes, edges: [] }, anchor);
}

async function run(ask: () => Promise<SimilarityHit[]>): Promise<void> {
  const mine = ++seq;
  try {
    const hits = await ask();
    if (mine !== seq) return;
    sim().finish(hits);
    await showOnCanvas(visibleHits(sim()));
  } catch (err) {
    if (mine === seq) sim().fail(errorText(err));
  }
}

/** Repeats the current question (after vectors were added). */
function askAgain(): Promise<void> {
  lastRerun = Date.now();
  const q = sim().query;
  if (!sim().open || !q) return Promise.resolve();
  return q.kind === 'text' ? searchText(q.text) : findSimilar(q.id, q.name);
}

export function searchText(text: string): Promise<void> {
  const c = client;
  const q = text.trim();
  if (!c || !q) {
    seq++;
    sim().clear();
    return Promise.resolve();
  }
  sim().begin({ kind: 'text', text: q });
  return run(() => c.call('similarity.search', { text: q, k: sim().k }));
}

export function findSimilar(id: string, name: string): Promise<void> {
  const c = client;
  if (!c) return Promise.resolve();
  sim().begin({ kind: 'node', id, name });
  return run(() => c.call('similarity.similar', { id, k: sim().k }));
}

/** Hits that passed the threshold after a slider move may not be on the canvas yet. */
export function showVisibleHits(): Promise<void> {
  return showOnCanvas(visibleHits(sim())).catch((err) => appStore.getState().toast(errorText(err), 'error'));
}

export async function startEmbedding(): Promise<void> {
  if (!client) return;
  try {
    await client.call('embed.start', {});
  } catch (err) {
    appStore.getState().toast(errorText(err), 'error');
  }
}

export async function cancelEmbedding(): Promise<void> {
  const job = sim().embedJob;
  if (!client || !job) return;
  try {
    await client.call('job.cancel', { jobId: job.jobId });
  } catch (err) {
    appStore.getState().toast(errorText(err), 'error');
  }
}

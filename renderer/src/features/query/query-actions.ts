/**
 * What the query panel does, as functions of the client and the stores: load the workspace graph
 * in the graph worker (a job: progress, cancel), run the chosen query, and put the answer on the
 * canvas (nodes not shown yet are added; an answer too big to add replaces the view).
 */
import { formatError, toErrorShape } from '../../../../electron/common/errors';
import type { JobMethodName, WorkbenchClient } from '../../api/client';
import type { JobResultOf, ParamsOf } from '../../../../electron/common/protocol';
import { appStore } from '../../store';
import type { WireEdge, WireNode } from '../../graph/wire-types';
import type { QueryEdge, QueryNodeInfo } from '../../../../electron/common/protocol/query';
import { missingInput, queryStore, type PickedNode, type QueryAnswer } from './query-store';
import { answerElements } from './query-highlight';
import { attachQueryHighlight } from './canvas-highlight';

let client: WorkbenchClient | null = null;
/** Only the latest run counts: a cancelled or superseded answer is dropped when it arrives. */
let seq = 0;
/** Past this many nodes on the canvas an answer replaces the view instead of joining it. */
const MAX_MERGED_VIEW = 3000;

const q = () => queryStore.getState();
const errorText = (err: unknown) => formatError(toErrorShape(err));

export function startQuery(c: WorkbenchClient): () => void {
  client = c;
  const detach = attachQueryHighlight();
  const off = c.on('workspace.changed', () => {
    seq++;
    queryStore.setState({ answer: null, picked: [], running: false, progress: null, jobId: null, error: null });
  });
  return () => {
    off();
    detach();
  };
}

function typeList(text: string): string[] | undefined {
  const list = text.split(',').map((t) => t.trim()).filter(Boolean);
  return list.length ? list : undefined;
}

/** Runs a job whose progress the panel shows and whose id Cancel uses, for the current run only. */
function runTracked<M extends JobMethodName>(c: WorkbenchClient, method: M, params: ParamsOf<M>): Promise<JobResultOf<M>> {
  const mine = seq;
  return c.runJob(
    method,
    params,
    (progress) => mine === seq && queryStore.setState({ progress }),
    (jobId) => mine === seq && queryStore.setState({ jobId }),
  );
}

async function ask(c: WorkbenchClient): Promise<QueryAnswer> {
  const { kind, params: p, picked } = q();
  const ids = picked.map((n) => n.id);
  const edgeTypes = typeList(p.edgeTypes);
  switch (kind) {
    case 'khop':
      return { kind, data: await c.call('query.khop', { ids, hops: p.hops, direction: p.direction, edgeTypes, maxNodes: p.maxNodes, perNodeLimit: p.perNodeLimit }) };
    case 'path':
      return { kind, data: await c.call('query.path', { from: ids[0], to: ids[1], direction: p.direction, edgeTypes, weightProperty: p.weightProperty.trim() || undefined }) };
    case 'paths':
      return { kind, data: await c.call('query.paths', { from: ids[0], to: ids[1], direction: p.direction, edgeTypes, maxLength: p.maxLength, maxResults: p.maxResults }) };
    case 'ppr':
      return { kind, data: await runTracked(c, 'query.ppr', { seeds: ids, k: p.k, damping: p.damping, iterations: p.iterations, direction: p.direction, edgeTypes }) };
    case 'retrieve':
      return { kind, data: await c.call('query.retrieve', { text: p.text.trim(), k: p.k, damping: p.damping, iterations: p.iterations }) };
  }
}

/** Loads the graph (job with progress; instant once loaded), runs the query, shows the answer. */
export async function runQuery(): Promise<void> {
  const c = client;
  if (!c) return;
  const missing = missingInput(q());
  if (missing) {
    queryStore.setState({ error: missing });
    return;
  }
  const mine = ++seq;
  queryStore.setState({ running: true, error: null, progress: null, jobId: null });
  try {
    await runTracked(c, 'query.load', {});
    if (mine !== seq) return;
    queryStore.setState({ progress: null, jobId: null });
    const answer = await ask(c);
    if (mine !== seq) return;
    queryStore.setState({ answer, step: 'answers', running: false, progress: null, jobId: null });
    showAnswer(answer);
  } catch (err) {
    if (mine !== seq) return;
    const shape = toErrorShape(err);
    queryStore.setState({ running: false, progress: null, jobId: null, error: shape.code === 'CANCELLED' ? 'Cancelled.' : errorText(err) });
  }
}

/** Stops waiting for the answer and cancels the running job (graph load or PageRank) in the worker. */
export async function cancelQuery(): Promise<void> {
  const jobId = q().jobId;
  seq++;
  queryStore.setState({ running: false, progress: null, jobId: null, error: 'Cancelled.' });
  if (client && jobId) {
    try {
      await client.call('job.cancel', { jobId });
    } catch (err) {
      appStore.getState().toast(errorText(err), 'error');
    }
  }
}

/** Adds the canvas selection to the start nodes. */
export function pickSelection(): void {
  const s = appStore.getState();
  const id = s.selectedId;
  if (!id) {
    queryStore.setState({ error: 'Select a node on the canvas first, or search by name.' });
    return;
  }
  const node = s.cache.nodes.get(id);
  if (!node || node.kind !== 'node') return;
  q().pick({ id, name: node.name });
  queryStore.setState({ error: null });
}

export async function searchNodes(text: string): Promise<PickedNode[]> {
  if (!client || !text.trim()) return [];
  const hits = await client.call('graph.searchName', { q: text.trim(), limit: 10 });
  return hits.map((h) => ({ id: h.id, name: h.name }));
}

/** Nodes already on the canvas keep their full data; the others come in with what the answer says. */
function toWireNode(n: QueryNodeInfo): WireNode {
  const cached = appStore.getState().cache.nodes.get(n.id);
  if (cached && cached.kind === 'node') {
    const { kind: _kind, ...node } = cached;
    return node;
  }
  return { rid: 0, id: n.id, name: n.name, type: n.type, labels: [], props: {} };
}

function toWireEdge(e: QueryEdge): WireEdge {
  const cached = appStore.getState().cache.edges.get(e.id);
  return { rid: 0, id: e.id, source: e.source, target: e.target, type: e.type, props: cached?.props ?? {} };
}

export function showAnswer(answer: QueryAnswer): void {
  const { nodes, edges } = answerElements(answer);
  if (!nodes.length) return;
  const app = appStore.getState();
  const sub = { nodes: nodes.map(toWireNode), edges: edges.map(toWireEdge) };
  const newCount = nodes.filter((n) => !app.view.nodeIds.has(n.id)).length;
  if (app.view.nodeIds.size + newCount > MAX_MERGED_VIEW) app.showSubgraph(sub);
  else if (newCount > 0 || edges.some((e) => !app.view.edgeIds.has(e.id))) app.addSubgraph(sub, nodes[0].id);
  app.focusNode(nodes[0].id);
}

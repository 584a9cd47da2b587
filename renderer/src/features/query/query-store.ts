/**
 * Query panel state, apart from the app store (like the similarity and profiler features): which
 * query, its parameters, the picked start nodes, the running call (with the adjacency load's
 * progress and job id, so it can be cancelled) and the last answer with the retrieval step shown.
 */
import { createStore, useStore } from 'zustand';
import type { JobProgress } from '../../../../electron/common/protocol';
import type {
  KHopResult, PathResult, PathsResult, PprResult, QueryDirection, RetrieveResult,
} from '../../../../electron/common/protocol/query';

export type QueryKind = 'khop' | 'path' | 'paths' | 'ppr' | 'retrieve';

export const QUERY_LABELS: Record<QueryKind, string> = {
  khop: 'k-hop neighbourhood',
  path: 'Shortest path',
  paths: 'All paths',
  ppr: 'Personalised PageRank',
  retrieve: 'Retrieve (question)',
};

export type QueryAnswer =
  | { kind: 'khop'; data: KHopResult }
  | { kind: 'path'; data: PathResult }
  | { kind: 'paths'; data: PathsResult }
  | { kind: 'ppr'; data: PprResult }
  | { kind: 'retrieve'; data: RetrieveResult };

/** The three steps of retrieval the canvas and the table can show. */
export type RetrieveStep = 'seeds' | 'spread' | 'answers';

export interface PickedNode {
  id: string;
  name: string;
}

export interface QueryParams {
  hops: number;
  direction: QueryDirection;
  maxNodes: number;
  perNodeLimit: number;
  /** Relation types to follow, comma-separated as typed ('' = all). */
  edgeTypes: string;
  /** Numeric edge property for a weighted shortest path ('' = fewest hops). */
  weightProperty: string;
  maxLength: number;
  maxResults: number;
  k: number;
  damping: number;
  iterations: number;
  text: string;
}

export interface QueryState {
  open: boolean;
  kind: QueryKind;
  params: QueryParams;
  /** Start nodes; for path queries the first is "from", the second "to". */
  picked: PickedNode[];
  running: boolean;
  /** Progress of the running job: the adjacency load, then PageRank iterations. */
  progress: JobProgress | null;
  /** The running job (graph load or PageRank), so Cancel can stop it in the worker. */
  jobId: string | null;
  error: string | null;
  answer: QueryAnswer | null;
  step: RetrieveStep;
  setOpen(open: boolean): void;
  setKind(kind: QueryKind): void;
  setParams(p: Partial<QueryParams>): void;
  pick(node: PickedNode): void;
  unpick(id: string): void;
  clearPicked(): void;
  setStep(step: RetrieveStep): void;
}

export const DEFAULT_PARAMS: QueryParams = {
  hops: 2,
  direction: 'both',
  maxNodes: 2000,
  perNodeLimit: 200,
  edgeTypes: '',
  weightProperty: '',
  maxLength: 4,
  maxResults: 50,
  k: 20,
  damping: 0.85,
  iterations: 20,
  text: '',
};

export const queryStore = createStore<QueryState>()((set) => ({
  open: false,
  kind: 'khop',
  params: DEFAULT_PARAMS,
  picked: [],
  running: false,
  progress: null,
  jobId: null,
  error: null,
  answer: null,
  step: 'answers',
  setOpen: (open) => set({ open }),
  setKind: (kind) => set({ kind, error: null }),
  setParams: (p) => set((s) => ({ params: { ...s.params, ...p } })),
  pick: (node) => set((s) => (s.picked.some((p) => p.id === node.id) ? s : { picked: [...s.picked, node] })),
  unpick: (id) => set((s) => ({ picked: s.picked.filter((p) => p.id !== id) })),
  clearPicked: () => set({ picked: [] }),
  setStep: (step) => set({ step }),
}));

export function useQuery<T>(selector: (s: QueryState) => T): T {
  return useStore(queryStore, selector);
}

/** What is missing before the chosen query can run, or null when it can. */
export function missingInput(s: Pick<QueryState, 'kind' | 'picked' | 'params'>): string | null {
  if (s.kind === 'retrieve') return s.params.text.trim() ? null : 'Type a question.';
  if (s.kind === 'path' || s.kind === 'paths') return s.picked.length >= 2 ? null : 'Pick two nodes: from and to.';
  return s.picked.length ? null : 'Pick at least one start node.';
}

/**
 * Semantic search state, apart from the app store (like the profiler's): whether semantic mode
 * is on, what was asked (a phrase or a node), the ranked hits, the threshold, and the embedding
 * job and model as the host reports them.
 */
import { createStore, useStore } from 'zustand';
import type { JobProgress } from '../../../../electron/common/protocol';
import type { EmbedStatus, ModelInfo, SimilarityHit } from '../../../../electron/common/protocol/similarity';

export type SimilarityQuery = { kind: 'text'; text: string } | { kind: 'node'; id: string; name: string };

export interface SimilarityState {
  open: boolean;
  query: SimilarityQuery | null;
  k: number;
  /** Hits scoring below this are neither listed nor lit. */
  threshold: number;
  hits: SimilarityHit[];
  loading: boolean;
  error: string | null;
  /** Progress of a running `embed.start` job (from any client), null when none runs. */
  embedJob: (JobProgress & { startedAt: number }) | null;
  embedStatus: EmbedStatus | null;
  model: ModelInfo | null;
  setOpen(open: boolean): void;
  setK(k: number): void;
  setThreshold(t: number): void;
  begin(query: SimilarityQuery): void;
  finish(hits: SimilarityHit[]): void;
  fail(message: string): void;
  clear(): void;
  noteEmbedProgress(p: JobProgress): void;
  endEmbed(): void;
  setEmbedStatus(s: EmbedStatus | null): void;
  setModel(m: ModelInfo | null): void;
}

export const K_CHOICES = [10, 20, 50] as const;

export const similarityStore = createStore<SimilarityState>()((set) => ({
  open: false,
  query: null,
  k: 20,
  threshold: 0.3,
  hits: [],
  loading: false,
  error: null,
  embedJob: null,
  embedStatus: null,
  model: null,
  setOpen: (open) => set(open ? { open } : { open, query: null, hits: [], error: null, loading: false }),
  setK: (k) => set({ k }),
  setThreshold: (threshold) => set({ threshold }),
  begin: (query) => set({ query, loading: true, error: null, open: true }),
  finish: (hits) => set({ hits, loading: false, error: null }),
  fail: (error) => set({ error, loading: false, hits: [] }),
  clear: () => set({ query: null, hits: [], error: null, loading: false }),
  noteEmbedProgress: (p) => set((s) => ({ embedJob: { ...p, startedAt: s.embedJob?.jobId === p.jobId ? s.embedJob.startedAt : Date.now() } })),
  endEmbed: () => set({ embedJob: null }),
  setEmbedStatus: (embedStatus) => set({ embedStatus }),
  setModel: (model) => set({ model }),
}));

export function useSimilarity<T>(selector: (s: SimilarityState) => T): T {
  return useStore(similarityStore, selector);
}

/** The hits that pass the threshold, best first (what the list shows and the canvas lights). */
export function visibleHits(s: Pick<SimilarityState, 'hits' | 'threshold'>): SimilarityHit[] {
  return s.hits.filter((h) => h.score >= s.threshold);
}

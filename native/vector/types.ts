/**
 * What every similarity index in this folder offers, so the vector worker can hold either an
 * exact (brute force) index or an HNSW index behind one type.
 */

/** Marks an unused slot in a batch result row. */
export const NO_LABEL = 0xffffffff;

export interface SearchOptions {
  /** HNSW only: candidate list size for this query (higher = better recall, slower). */
  ef?: number;
  /** Keep only labels for which this returns true (e.g. a node-type filter from SQLite). */
  filter?: (label: number) => boolean;
}

/** Best first; score = cosine similarity in [-1, 1]. */
export interface SearchHits {
  labels: Uint32Array;
  scores: Float32Array;
}

/** Row-major q x k; row i holds counts[i] hits, the rest is NO_LABEL / -Infinity. */
export interface BatchHits {
  k: number;
  labels: Uint32Array;
  scores: Float32Array;
  counts: Uint32Array;
}

export type IndexKind = 'hnsw' | 'exact';

export interface SimilarityIndex {
  readonly kind: IndexKind;
  readonly dim: number;
  /** Embedding model the vectors came from (saved in the meta so a changed model is noticed). */
  readonly modelId: string;
  /** Live (not removed) vectors. */
  readonly size: number;
  /** Adds or replaces vectors; `vectors` is row-major labels.length x dim. */
  add(labels: Uint32Array, vectors: Float32Array): void;
  /** Removes labels; unknown labels are ignored. Returns how many were removed. */
  remove(labels: ArrayLike<number>): number;
  has(label: number): boolean;
  search(query: Float32Array, k: number, opts?: SearchOptions): SearchHits;
  searchBatch(queries: Float32Array, k: number, opts?: SearchOptions): BatchHits;
  /** Writes the index into `dir` atomically (readers see the old or the new index, never a mix). */
  save(dir: string): void;
}

/**
 * recall@k of an index against exact (brute force) search over the same vectors:
 * the share of the true k nearest neighbours that the index returned, averaged over queries.
 */
import { ExactIndex } from './exact-index';
import type { BatchHits, SimilarityIndex } from './types';

export interface RecallResult {
  recall: number;
  /** Per-query recall, to see the spread rather than only the mean. */
  perQuery: Float64Array;
  k: number;
  queries: number;
}

/** Ground truth for `queries` over `labels`/`vectors`, computed by an ExactIndex. */
export function exactNeighbours(labels: Uint32Array, vectors: Float32Array, dim: number, queries: Float32Array, k: number): BatchHits {
  const exact = new ExactIndex(dim, { capacity: labels.length });
  exact.add(labels, vectors);
  return exact.searchBatch(queries, k);
}

/** Compares two batch results row by row; `truth` is the exact answer. */
export function recallOf(found: BatchHits, truth: BatchHits): RecallResult {
  const k = truth.k;
  const nq = truth.counts.length;
  const perQuery = new Float64Array(nq);
  let sum = 0;
  for (let q = 0; q < nq; q++) {
    const want = truth.counts[q];
    if (want === 0) {
      perQuery[q] = 1;
      sum += 1;
      continue;
    }
    const truthSet = new Set<number>();
    for (let i = 0; i < want; i++) truthSet.add(truth.labels[q * k + i]);
    let hit = 0;
    for (let i = 0; i < found.counts[q] && i < k; i++) if (truthSet.has(found.labels[q * found.k + i])) hit++;
    perQuery[q] = hit / want;
    sum += perQuery[q];
  }
  return { recall: nq === 0 ? 1 : sum / nq, perQuery, k, queries: nq };
}

/** recall@k of `index` (already holding `labels`/`vectors`) for the given queries. */
export function measureRecall(
  index: SimilarityIndex,
  labels: Uint32Array,
  vectors: Float32Array,
  queries: Float32Array,
  k: number,
  ef?: number,
): RecallResult {
  const truth = exactNeighbours(labels, vectors, index.dim, queries, k);
  return recallOf(index.searchBatch(queries, k, ef === undefined ? {} : { ef }), truth);
}

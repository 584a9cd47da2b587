/**
 * Picks the index kind for a collection and opens saved indexes of either kind.
 *
 * Below EXACT_CUTOFF vectors brute force wins overall: no build (HNSW inserts cost ~0.3 ms each
 * at 384-d, so 5K vectors take ~1.5 s to index) and perfect recall, while one exact query over 5K
 * vectors is still ~1 ms. The number comes from bench-vector (see benchExactCutoff).
 */
import { ExactIndex } from './exact-index';
import { VectorIndex, type VectorIndexOptions } from './hnsw-index';
import { readMeta } from './index-files';
import type { SimilarityIndex } from './types';

export const EXACT_CUTOFF = 5000;

export interface CreateIndexOptions extends VectorIndexOptions {
  dim?: number;
  /** Force a kind instead of choosing by size. */
  kind?: 'exact' | 'hnsw';
}

/** An empty index suited to about `expectedCount` vectors. */
export function createIndex(expectedCount: number, opts: CreateIndexOptions = {}): SimilarityIndex {
  const dim = opts.dim ?? 384;
  const kind = opts.kind ?? (expectedCount < EXACT_CUTOFF ? 'exact' : 'hnsw');
  if (kind === 'exact') return new ExactIndex(dim, { modelId: opts.modelId, capacity: Math.max(16, expectedCount) });
  return new VectorIndex(dim, { ...opts, capacity: Math.max(opts.capacity ?? 0, expectedCount) });
}

/**
 * An HNSW index holding everything an exact index holds, for when a collection outgrows
 * EXACT_CUTOFF. The exact index is left untouched so it can keep serving queries meanwhile.
 */
export function promoteToHnsw(exact: ExactIndex, opts: VectorIndexOptions = {}): VectorIndex {
  const { labels, vectors } = exact.snapshot();
  const index = new VectorIndex(exact.dim, { modelId: exact.modelId, ...opts, capacity: Math.max(opts.capacity ?? 0, labels.length * 2) });
  index.add(labels, vectors);
  return index;
}

/** Opens whatever kind of index `dir` holds. */
export function loadIndex(dir: string): SimilarityIndex {
  const meta = readMeta(dir);
  return meta.kind === 'exact' ? ExactIndex.fromMeta(dir, meta) : VectorIndex.fromMeta(dir, meta);
}

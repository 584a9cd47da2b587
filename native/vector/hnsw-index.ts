/**
 * Approximate nearest-neighbour index: hnswlib's HierarchicalNSW through the project's own addon
 * (addon/kgw_hnsw.cc), cosine similarity as inner product on L2-normalised vectors.
 *
 * The addon reads Float32Array / Uint32Array in place (hnswlib-node 3.0 read each element through
 * N-API, ~25 us per 384-d vector), adds a batch on `threads` threads (hnswlib's addPoint is
 * thread-safe for distinct labels) and answers a batch of queries on `threads` threads into flat
 * typed arrays. A label filter is a JS callback, so filtered searches stay on the JS thread.
 *
 * Labels are uint32 node row ids. Removal uses markDelete; the index is opened with
 * allowReplaceDeleted so new labels reuse deleted slots instead of growing memory forever.
 * Because hnswlib picks which deleted slot to reuse, a label we removed may silently vanish from
 * the native index; `deletedHint` remembers removed labels so re-adding one first tries to revive
 * its old slot (unmarkDelete) and falls back to a fresh add if that slot was reused.
 * Files are hnswlib's own format, so indexes saved through hnswlib-node load unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../electron/common/errors';
import { loadAddon, type NativeHnsw } from './addon/load-addon';
import { commitMeta, commitTempFile, META_FORMAT, nextGeneration, readMeta, readUint32File, tempPath, writeFileAtomic, type IndexMeta } from './index-files';
import { LabelSet } from './label-set';
import { NO_LABEL, type BatchHits, type SearchHits, type SearchOptions, type SimilarityIndex } from './types';
import { checkBatch, checkDim, checkK, checkQueries } from './validate';

export type HnswSpace = 'cosine' | 'ip';

export interface VectorIndexOptions {
  /** Graph degree: more = better recall and memory, slower build; unset = autoM(capacity). */
  M?: number;
  /** Candidate list while building: more = better graph, slower build. */
  efConstruction?: number;
  /** Candidate list while searching; unset = autoEf(size), which grows with the collection. */
  ef?: number;
  /** Initial room in vectors; doubles when full. */
  capacity?: number;
  /** 'cosine' normalises inside the addon; 'ip' trusts that inputs are already L2-normalised. Both use hnswlib's inner-product space. */
  space?: HnswSpace;
  modelId?: string;
  /** Level-generator seed, so builds are reproducible. */
  seed?: number;
  /** Threads for batch adds and batch searches; default = the machine's hardware concurrency. */
  threads?: number;
}

/**
 * Tuned with bench-vector.ts on 384-d clustered vectors (2 shared cores). efConstruction 200
 * costs ~2x the build CPU of 100 but the graph it builds is far better at scale: recall@10 at
 * ef 16 over 100K is 0.991 vs 0.924, and at 300K ef 32 gives 0.95 vs 0.865. Queries repeat,
 * builds do not, so the better graph wins.
 */
export const HNSW_DEFAULTS = { M: 16, efConstruction: 200, capacity: 1024, space: 'cosine' as HnswSpace, seed: 100 };

/** Collections created for at least this many vectors get the larger graph degree. */
export const LARGE_INDEX = 200_000;

/**
 * Graph degree for a collection expected to hold `expected` vectors. M 16 keeps recall@10 >= 0.97
 * at ef 16 up to 100K, but falls off beyond (300K: ef 32 -> 0.950, ef 48 -> 0.980; 1M: ef 100 ->
 * 0.874). M 32 at 300K: ef 24 -> 0.979 and ef 32 -> 1.000 for 14-17 ms CPU per 100 queries, with
 * about the same build CPU and index memory as the old M 16 build (268 s, 551 MB). See README.
 */
export function autoM(expected: number): number {
  return expected >= LARGE_INDEX ? 32 : HNSW_DEFAULTS.M;
}

/**
 * Search ef that keeps recall@10 >= ~0.95 as the graph grows, interpolated (log-log) through points
 * measured with bench-vector on clustered 384-d vectors, efConstruction 200, M = autoM(n):
 * 10K and 100K (M 16) ef 16 -> 0.993 / 0.97-0.99; 300K (M 32) ef 24 -> 0.979, ef 32 -> 1.000;
 * 500K (M 32) ef 32 -> 0.990, ef 48 -> 1.000. The 1M point (64) is extrapolated, not measured:
 * the ef for ~0.99 grew 24 -> 32 from 300K to 500K (~n^0.56, i.e. ~47 at 1M); 64 leaves margin.
 */
const EF_BY_SIZE: ReadonlyArray<readonly [number, number]> = [
  [100_000, 16],
  [500_000, 32],
  [1_000_000, 64],
];

export function autoEf(n: number): number {
  const pts = EF_BY_SIZE;
  const x = Math.log(Math.max(n, 1));
  let i = 1;
  while (i < pts.length - 1 && n > pts[i][0]) i++;
  const [n0, e0] = pts[i - 1];
  const [n1, e1] = pts[i];
  const t = (x - Math.log(n0)) / (Math.log(n1) - Math.log(n0));
  const ef = Math.exp(Math.log(e0) + t * (Math.log(e1) - Math.log(e0)));
  return Math.min(256, Math.max(16, Math.round(ef)));
}

export class VectorIndex implements SimilarityIndex {
  readonly kind = 'hnsw' as const;
  readonly modelId: string;
  readonly M: number;
  readonly efConstruction: number;
  readonly space: HnswSpace;
  /** Threads for batch adds and searches (1 = on the calling thread only). */
  threads: number;
  /** Fixed search ef, or undefined for autoEf(size). */
  private fixedEf: number | undefined;
  private nativeEf = -1;
  private native: NativeHnsw;
  private live: LabelSet;
  private deletedHint: LabelSet;
  /** Slots marked deleted in the native index (reusable by new labels). */
  private deletedSlots = 0;

  constructor(readonly dim: number, opts: VectorIndexOptions = {}) {
    checkDim(dim);
    this.M = opts.M ?? autoM(opts.capacity ?? 0);
    this.efConstruction = opts.efConstruction ?? HNSW_DEFAULTS.efConstruction;
    this.fixedEf = opts.ef;
    this.space = opts.space ?? HNSW_DEFAULTS.space;
    this.modelId = opts.modelId ?? '';
    const addon = loadAddon();
    this.threads = Math.max(1, Math.floor(opts.threads ?? addon.hardwareConcurrency));
    this.native = new addon.HnswIndex(dim, this.space === 'cosine');
    this.native.init(Math.max(16, opts.capacity ?? HNSW_DEFAULTS.capacity), this.M, this.efConstruction, opts.seed ?? HNSW_DEFAULTS.seed, true);
    this.live = new LabelSet();
    this.deletedHint = new LabelSet();
  }

  get size(): number {
    return this.live.size;
  }

  /** The search ef used when a query does not pass one. */
  get ef(): number {
    return this.fixedEf ?? autoEf(this.live.size);
  }

  /** A number fixes ef; undefined returns to autoEf(size). */
  set ef(value: number | undefined) {
    this.fixedEf = value;
  }

  get efIsAuto(): boolean {
    return this.fixedEf === undefined;
  }

  get capacity(): number {
    return this.native.getMaxElements();
  }

  get deletedCount(): number {
    return this.deletedSlots;
  }

  has(label: number): boolean {
    return this.live.has(label);
  }

  /**
   * Adds or replaces vectors. Live labels are updated in place, removed labels are revived in
   * their old slot when it still exists, new labels take deleted slots first. A label repeated in
   * one batch keeps its last vector (the parallel add needs distinct labels).
   */
  add(labels: Uint32Array, vectors: Float32Array): void {
    checkBatch(labels, vectors, this.dim);
    const n = labels.length;
    if (n === 0) return;
    const FRESH = 0, UPDATE = 1, SKIP = 2;
    const kind = new Uint8Array(n);
    const seen = new LabelSet();
    let fresh = 0;
    for (let i = n - 1; i >= 0; i--) {
      const label = labels[i];
      if (!seen.add(label)) kind[i] = SKIP;
      else if (this.live.has(label)) kind[i] = UPDATE;
      else if (this.deletedHint.delete(label) && this.native.unmarkDelete(label)) {
        this.deletedSlots--;
        kind[i] = UPDATE;
      } else fresh++;
    }
    const reuse = Math.min(fresh, this.deletedSlots);
    this.reserve(this.native.getCurrentCount() + fresh - reuse);
    if (fresh === n) {
      this.native.addBatch(labels, vectors, reuse > 0, this.threads);
    } else {
      const updates = this.pick(labels, vectors, kind, UPDATE);
      if (updates.labels.length) this.native.addBatch(updates.labels, updates.vectors, false, this.threads);
      const added = this.pick(labels, vectors, kind, FRESH);
      if (added.labels.length) this.native.addBatch(added.labels, added.vectors, reuse > 0, this.threads);
    }
    this.deletedSlots -= reuse;
    for (let i = 0; i < n; i++) if (kind[i] !== SKIP) this.live.add(labels[i]);
  }

  remove(labels: ArrayLike<number>): number {
    let removed = 0;
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i];
      if (!this.live.delete(label)) continue;
      this.native.markDelete(label);
      this.deletedHint.add(label);
      this.deletedSlots++;
      removed++;
    }
    return removed;
  }

  search(query: Float32Array, k: number, opts: SearchOptions = {}): SearchHits {
    checkK(k);
    if (checkQueries(query, this.dim) !== 1) {
      throw new WorkbenchError('BAD_REQUEST', `search() takes one query of ${this.dim} floats; use searchBatch for ${query.length / this.dim}`);
    }
    const kk = Math.min(k, this.live.size);
    if (kk === 0) return { labels: new Uint32Array(0), scores: new Float32Array(0) };
    const labels = new Uint32Array(kk);
    const scores = new Float32Array(kk);
    const counts = new Uint32Array(1);
    this.setNativeEf(opts.ef);
    this.native.searchBatch(query, kk, kk, labels, scores, counts, 1, opts.filter);
    const found = counts[0];
    return found === kk ? { labels, scores } : { labels: labels.slice(0, found), scores: scores.slice(0, found) };
  }

  /** All queries in one native call, on `threads` threads (one when a filter is given). */
  searchBatch(queries: Float32Array, k: number, opts: SearchOptions = {}): BatchHits {
    checkK(k);
    const nq = checkQueries(queries, this.dim);
    const out: BatchHits = {
      k,
      labels: new Uint32Array(nq * k).fill(NO_LABEL),
      scores: new Float32Array(nq * k).fill(-Infinity),
      counts: new Uint32Array(nq),
    };
    const kk = Math.min(k, this.live.size);
    if (kk === 0) return out;
    this.setNativeEf(opts.ef);
    this.native.searchBatch(queries, kk, k, out.labels, out.scores, out.counts, this.threads, opts.filter);
    return out;
  }

  save(dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
    const gen = nextGeneration(dir);
    const files = { index: `hnsw-${gen}.bin`, labels: `hnsw-${gen}.u32` };
    const indexPath = path.join(dir, files.index);
    const tmp = tempPath(indexPath);
    try {
      this.native.save(tmp);
    } catch (err) {
      throw new WorkbenchError('IO_ERROR', `Cannot write HNSW index: ${(err as Error).message}`, { file: tmp });
    }
    commitTempFile(tmp, indexPath);
    // Live labels, then the labels whose deletion may still be revivable.
    const live = this.live.toArray();
    const hints = this.deletedHint.toArray();
    const labels = new Uint32Array(live.length + hints.length);
    labels.set(live);
    labels.set(hints, live.length);
    writeFileAtomic(path.join(dir, files.labels), labels);
    const meta: IndexMeta = {
      format: META_FORMAT,
      kind: 'hnsw',
      dim: this.dim,
      space: this.space,
      modelId: this.modelId,
      count: live.length,
      deletedCount: this.deletedSlots,
      M: this.M,
      efConstruction: this.efConstruction,
      ef: this.ef,
      efAuto: this.efIsAuto,
      capacity: this.native.getMaxElements(),
      generation: gen,
      deletedHints: hints.length,
      files,
      savedAt: new Date().toISOString(),
    };
    commitMeta(dir, meta);
  }

  static load(dir: string, opts: { threads?: number } = {}): VectorIndex {
    const meta = readMeta(dir);
    if (meta.kind !== 'hnsw') {
      throw new WorkbenchError('BAD_REQUEST', `The index in ${dir} is a ${meta.kind} index, not an HNSW one`, { file: dir });
    }
    return VectorIndex.fromMeta(dir, meta, opts);
  }

  static fromMeta(dir: string, meta: IndexMeta, opts: { threads?: number } = {}): VectorIndex {
    const indexPath = path.join(dir, meta.files.index);
    const hintCount = meta.deletedHints ?? 0;
    const labels = readUint32File(path.join(dir, meta.files.labels), meta.count + hintCount);
    const index = new VectorIndex(meta.dim, {
      M: meta.M,
      efConstruction: meta.efConstruction,
      ef: meta.efAuto ? undefined : meta.ef,
      space: meta.space,
      modelId: meta.modelId,
      capacity: 16,
      threads: opts.threads,
    });
    try {
      index.native.load(indexPath, true);
    } catch (err) {
      throw new WorkbenchError('IO_ERROR', `Cannot read HNSW index: ${(err as Error).message}; rebuild the index`, { file: indexPath });
    }
    if (index.native.getCurrentCount() !== meta.count + meta.deletedCount) {
      throw new WorkbenchError('IO_ERROR', 'HNSW index file does not match its meta (element count); rebuild the index', {
        file: indexPath,
        value: `${index.native.getCurrentCount()} elements`,
        expected: `${meta.count + meta.deletedCount} elements`,
      });
    }
    for (let i = 0; i < meta.count; i++) index.live.add(labels[i]);
    for (let i = meta.count; i < labels.length; i++) index.deletedHint.add(labels[i]);
    index.deletedSlots = meta.deletedCount;
    return index;
  }

  private setNativeEf(requested: number | undefined): void {
    const ef = requested ?? this.ef;
    if (ef !== this.nativeEf) {
      this.native.setEf(ef);
      this.nativeEf = ef;
    }
  }

  /** The rows of one kind, copied into fresh arrays (only when a batch mixes kinds). */
  private pick(labels: Uint32Array, vectors: Float32Array, kind: Uint8Array, want: number): { labels: Uint32Array; vectors: Float32Array } {
    let count = 0;
    for (let i = 0; i < kind.length; i++) if (kind[i] === want) count++;
    const outLabels = new Uint32Array(count);
    const outVectors = new Float32Array(count * this.dim);
    for (let i = 0, j = 0; i < kind.length; i++) {
      if (kind[i] !== want) continue;
      outLabels[j] = labels[i];
      outVectors.set(vectors.subarray(i * this.dim, (i + 1) * this.dim), j * this.dim);
      j++;
    }
    return { labels: outLabels, vectors: outVectors };
  }

  /** Grows the native index by doubling (resize copies the graph, so grow rarely). */
  private reserve(slots: number): void {
    const cap = this.native.getMaxElements();
    if (slots <= cap) return;
    this.native.resize(Math.max(slots, cap * 2));
  }
}

/**
 * Approximate nearest-neighbour index over hnswlib-node's HierarchicalNSW, cosine similarity.
 *
 * hnswlib-node 3.0 takes and returns plain number[] (its addon reads each element with
 * napi_get_element, ~26 us for a 384-d vector here, measured in bench-vector). We cannot hand it a
 * Float32Array, so every vector is copied into one reused number[] scratch array (0.6 us) instead
 * of allocating with Array.from (9.6 us); the remaining cost is inside the addon.
 *
 * Labels are uint32 node row ids. Removal uses markDelete; the index is opened with
 * allowReplaceDeleted so new labels reuse deleted slots instead of growing memory forever.
 * Because hnswlib picks which deleted slot to reuse, a label we removed may silently vanish from
 * the native index; `deletedHint` remembers removed labels so re-adding one first tries to revive
 * its old slot (unmarkDelete) and falls back to a fresh add if that slot was reused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { HierarchicalNSW, type SearchResult } from 'hnswlib-node';
import { WorkbenchError } from '../../electron/common/errors';
import { commitMeta, commitTempFile, META_FORMAT, nextGeneration, readMeta, readUint32File, tempPath, writeFileAtomic, type IndexMeta } from './index-files';
import { LabelSet } from './label-set';
import { NO_LABEL, type BatchHits, type SearchHits, type SearchOptions, type SimilarityIndex } from './types';
import { checkBatch, checkDim, checkK, checkQueries } from './validate';

export type HnswSpace = 'cosine' | 'ip';

export interface VectorIndexOptions {
  /** Graph degree: more = better recall and memory, slower build. */
  M?: number;
  /** Candidate list while building: more = better graph, slower build. */
  efConstruction?: number;
  /** Candidate list while searching; unset = autoEf(size), which grows with the collection. */
  ef?: number;
  /** Initial room in vectors; doubles when full. */
  capacity?: number;
  /** 'cosine' normalises inside the addon; 'ip' trusts that inputs are already L2-normalised. */
  space?: HnswSpace;
  modelId?: string;
  /** Level-generator seed, so builds are reproducible. */
  seed?: number;
}

/**
 * Tuned with bench-vector.ts on 384-d clustered vectors (2 shared cores). efConstruction 200
 * costs ~2x the build CPU of 100 but the graph it builds is far better at scale: recall@10 at
 * ef 16 over 100K is 0.991 vs 0.924, and at 300K ef 32 gives 0.95 vs 0.865. Queries repeat,
 * builds do not, so the better graph wins.
 */
export const HNSW_DEFAULTS = { M: 16, efConstruction: 200, capacity: 1024, space: 'cosine' as HnswSpace, seed: 100 };

/**
 * Search ef that keeps recall@10 >= ~0.96 as the graph grows, interpolated (log-log) through the
 * points measured with bench-vector on clustered 384-d vectors, M 16, efConstruction 200:
 * 10K ef 16 -> 0.994, 100K ef 16 -> 0.991, 300K ef 32 -> 0.950 and ef 48 -> 0.980.
 * The 1M point (100) is extrapolated from the 100K-300K slope, not measured.
 */
const EF_BY_SIZE: ReadonlyArray<readonly [number, number]> = [
  [100_000, 16],
  [300_000, 40],
  [1_000_000, 100],
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
  /** Fixed search ef, or undefined for autoEf(size). */
  private fixedEf: number | undefined;
  private nativeEf = -1;
  private native: HierarchicalNSW;
  private live: LabelSet;
  private deletedHint: LabelSet;
  /** Slots marked deleted in the native index (reusable by new labels). */
  private deletedSlots = 0;
  private readonly scratch: number[];

  constructor(readonly dim: number, opts: VectorIndexOptions = {}) {
    checkDim(dim);
    this.M = opts.M ?? HNSW_DEFAULTS.M;
    this.efConstruction = opts.efConstruction ?? HNSW_DEFAULTS.efConstruction;
    this.fixedEf = opts.ef;
    this.space = opts.space ?? HNSW_DEFAULTS.space;
    this.modelId = opts.modelId ?? '';
    this.native = new HierarchicalNSW(this.space, dim);
    this.native.initIndex({
      maxElements: Math.max(16, opts.capacity ?? HNSW_DEFAULTS.capacity),
      m: this.M,
      efConstruction: this.efConstruction,
      randomSeed: opts.seed ?? HNSW_DEFAULTS.seed,
      allowReplaceDeleted: true,
    });
    this.live = new LabelSet();
    this.deletedHint = new LabelSet();
    this.scratch = new Array<number>(dim).fill(0);
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

  add(labels: Uint32Array, vectors: Float32Array): void {
    checkBatch(labels, vectors, this.dim);
    let fresh = 0;
    for (let i = 0; i < labels.length; i++) if (!this.live.has(labels[i])) fresh++;
    this.reserve(this.native.getCurrentCount() + Math.max(0, fresh - this.deletedSlots));
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i];
      this.fillScratch(vectors, i * this.dim);
      if (this.live.has(label)) {
        this.native.addPoint(this.scratch, label, false); // existing label: hnswlib updates in place
        continue;
      }
      if (this.deletedHint.delete(label) && this.tryRevive(label)) {
        this.native.addPoint(this.scratch, label, false);
      } else {
        this.native.addPoint(this.scratch, label, this.deletedSlots > 0);
        if (this.deletedSlots > 0) this.deletedSlots--;
      }
      this.live.add(label);
    }
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
    this.fillScratch(query, 0);
    const res = this.searchScratch(kk, opts);
    const n = res.neighbors.length;
    const labels = new Uint32Array(n);
    const scores = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = res.neighbors[i];
      scores[i] = 1 - res.distances[i];
    }
    return { labels, scores };
  }

  /** hnswlib-node has no batch call; this loops, but fills one flat result without per-query arrays. */
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
    for (let q = 0; q < nq; q++) {
      this.fillScratch(queries, q * this.dim);
      const res = this.searchScratch(kk, opts);
      const n = res.neighbors.length;
      for (let i = 0; i < n; i++) {
        out.labels[q * k + i] = res.neighbors[i];
        out.scores[q * k + i] = 1 - res.distances[i];
      }
      out.counts[q] = n;
    }
    return out;
  }

  save(dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
    const gen = nextGeneration(dir);
    const files = { index: `hnsw-${gen}.bin`, labels: `hnsw-${gen}.u32` };
    const indexPath = path.join(dir, files.index);
    const tmp = tempPath(indexPath);
    this.native.writeIndexSync(tmp);
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

  static load(dir: string): VectorIndex {
    const meta = readMeta(dir);
    if (meta.kind !== 'hnsw') {
      throw new WorkbenchError('BAD_REQUEST', `The index in ${dir} is a ${meta.kind} index, not an HNSW one`, { file: dir });
    }
    return VectorIndex.fromMeta(dir, meta);
  }

  static fromMeta(dir: string, meta: IndexMeta): VectorIndex {
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
    });
    try {
      index.native.readIndexSync(indexPath, true);
    } catch (err) {
      throw new WorkbenchError('IO_ERROR', `Cannot read HNSW index: ${(err as Error).message}; rebuild the index`, { file: indexPath });
    }
    if (index.native.getNumDimensions() !== meta.dim || index.native.getCurrentCount() !== meta.count + meta.deletedCount) {
      throw new WorkbenchError('IO_ERROR', 'HNSW index file does not match its meta (dimension or element count); rebuild the index', {
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

  private searchScratch(k: number, opts: SearchOptions): SearchResult {
    const ef = opts.ef ?? this.ef;
    if (ef !== this.nativeEf) {
      this.native.setEf(ef);
      this.nativeEf = ef;
    }
    return opts.filter ? this.native.searchKnn(this.scratch, k, opts.filter) : this.native.searchKnn(this.scratch, k);
  }

  /** Revives a removed label's slot; false when hnswlib already gave that slot to another label. */
  private tryRevive(label: number): boolean {
    try {
      this.native.unmarkDelete(label);
      this.deletedSlots--;
      return true;
    } catch {
      return false;
    }
  }

  private fillScratch(src: Float32Array, offset: number): void {
    const s = this.scratch;
    for (let j = 0; j < this.dim; j++) s[j] = src[offset + j];
  }

  /** Grows the native index by doubling (resizeIndex copies the graph, so grow rarely). */
  private reserve(slots: number): void {
    const cap = this.native.getMaxElements();
    if (slots <= cap) return;
    this.native.resizeIndex(Math.max(slots, cap * 2));
  }
}

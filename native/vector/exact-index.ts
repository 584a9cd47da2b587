/**
 * Brute-force cosine index: every query is scored against every stored vector.
 *
 * Used for small collections (no build cost, perfect recall, cheap updates) and as the ground truth
 * that HNSW recall is measured against. Vectors are L2-normalised on add, so cosine similarity is a
 * plain dot product. The dot loop is unrolled 4-wide with independent accumulators so V8's
 * optimiser keeps four multiply-add chains in flight; queries in a batch are scored in blocks so
 * each stored row is read from memory once per block rather than once per query.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../electron/common/errors';
import { commitMeta, META_FORMAT, nextGeneration, readFloat32File, readMeta, readUint32File, writeFileAtomic, type IndexMeta } from './index-files';
import { TopK } from './top-k';
import { NO_LABEL, type BatchHits, type SearchHits, type SearchOptions, type SimilarityIndex } from './types';
import { checkBatch, checkDim, checkK, checkQueries } from './validate';

export interface ExactIndexOptions {
  modelId?: string;
  /** Initial room, in vectors; grows by doubling. */
  capacity?: number;
}

/** Queries scored together per pass over the stored vectors. */
const QUERY_BLOCK = 8;

export class ExactIndex implements SimilarityIndex {
  readonly kind = 'exact' as const;
  readonly modelId: string;
  private vectors: Float32Array;
  private rowLabels: Uint32Array;
  private rowOf = new Map<number, number>();
  private count = 0;

  constructor(readonly dim: number, opts: ExactIndexOptions = {}) {
    checkDim(dim);
    this.modelId = opts.modelId ?? '';
    const cap = Math.max(16, opts.capacity ?? 1024);
    this.vectors = new Float32Array(cap * dim);
    this.rowLabels = new Uint32Array(cap);
  }

  get size(): number {
    return this.count;
  }

  has(label: number): boolean {
    return this.rowOf.has(label);
  }

  add(labels: Uint32Array, vectors: Float32Array): void {
    checkBatch(labels, vectors, this.dim);
    const d = this.dim;
    this.reserve(this.count + labels.length);
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i];
      let row = this.rowOf.get(label);
      if (row === undefined) {
        row = this.count++;
        this.rowOf.set(label, row);
        this.rowLabels[row] = label;
      }
      const off = row * d;
      let sum = 0;
      for (let j = 0; j < d; j++) {
        const v = vectors[i * d + j];
        this.vectors[off + j] = v;
        sum += v * v;
      }
      if (sum > 0 && Math.abs(sum - 1) > 1e-6) {
        const inv = 1 / Math.sqrt(sum);
        for (let j = 0; j < d; j++) this.vectors[off + j] *= inv;
      }
    }
  }

  remove(labels: ArrayLike<number>): number {
    const d = this.dim;
    let removed = 0;
    for (let i = 0; i < labels.length; i++) {
      const row = this.rowOf.get(labels[i]);
      if (row === undefined) continue;
      // Swap the last row into the hole so storage stays dense and scans stay branch-free.
      const last = this.count - 1;
      if (row !== last) {
        this.vectors.copyWithin(row * d, last * d, last * d + d);
        const moved = this.rowLabels[last];
        this.rowLabels[row] = moved;
        this.rowOf.set(moved, row);
      }
      this.rowOf.delete(labels[i]);
      this.count--;
      removed++;
    }
    return removed;
  }

  /** Copies of all labels and their (normalised) vectors, row-major, e.g. to build an HNSW index. */
  snapshot(): { labels: Uint32Array; vectors: Float32Array } {
    return { labels: this.rowLabels.slice(0, this.count), vectors: this.vectors.slice(0, this.count * this.dim) };
  }

  /** A copy of the stored (normalised) vector, or undefined. */
  getVector(label: number): Float32Array | undefined {
    const row = this.rowOf.get(label);
    return row === undefined ? undefined : this.vectors.slice(row * this.dim, (row + 1) * this.dim);
  }

  search(query: Float32Array, k: number, opts: SearchOptions = {}): SearchHits {
    if (checkQueries(query, this.dim) !== 1) {
      throw new WorkbenchError('BAD_REQUEST', `search() takes one query of ${this.dim} floats; use searchBatch for ${query.length / this.dim}`);
    }
    const batch = this.searchBatch(query, k, opts);
    const n = batch.counts[0];
    return { labels: batch.labels.slice(0, n), scores: batch.scores.slice(0, n) };
  }

  searchBatch(queries: Float32Array, k: number, opts: SearchOptions = {}): BatchHits {
    checkK(k);
    const nq = checkQueries(queries, this.dim);
    const kk = Math.min(k, this.count);
    const out: BatchHits = {
      k,
      labels: new Uint32Array(nq * k).fill(NO_LABEL),
      scores: new Float32Array(nq * k).fill(-Infinity),
      counts: new Uint32Array(nq),
    };
    if (kk === 0) return out;
    const d = this.dim;
    const filter = opts.filter;
    const heaps = Array.from({ length: Math.min(QUERY_BLOCK, nq) }, () => new TopK(kk));
    const qnorm = normalisedQueries(queries, d);
    for (let q0 = 0; q0 < nq; q0 += QUERY_BLOCK) {
      const qn = Math.min(QUERY_BLOCK, nq - q0);
      for (let b = 0; b < qn; b++) heaps[b].reset();
      for (let row = 0; row < this.count; row++) {
        const voff = row * d;
        for (let b = 0; b < qn; b++) {
          const s = dot(this.vectors, voff, qnorm, (q0 + b) * d, d);
          const heap = heaps[b];
          // The filter is a JS callback; ask it only for candidates that would enter the top k.
          if (heap.admits(s) && (!filter || filter(this.rowLabels[row]))) heap.push(s, this.rowLabels[row]);
        }
      }
      for (let b = 0; b < qn; b++) out.counts[q0 + b] = heaps[b].drainInto(out.labels, out.scores, (q0 + b) * k);
    }
    return out;
  }

  save(dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
    const gen = nextGeneration(dir);
    const files = { vectors: `exact-${gen}.f32`, labels: `exact-${gen}.u32` };
    writeFileAtomic(path.join(dir, files.vectors), this.vectors.subarray(0, this.count * this.dim));
    writeFileAtomic(path.join(dir, files.labels), this.rowLabels.subarray(0, this.count));
    const meta: IndexMeta = {
      format: META_FORMAT,
      kind: 'exact',
      dim: this.dim,
      space: 'cosine',
      modelId: this.modelId,
      count: this.count,
      deletedCount: 0,
      generation: gen,
      files,
      savedAt: new Date().toISOString(),
    };
    commitMeta(dir, meta);
  }

  static load(dir: string): ExactIndex {
    const meta = readMeta(dir);
    if (meta.kind !== 'exact') {
      throw new WorkbenchError('BAD_REQUEST', `The index in ${dir} is a ${meta.kind} index, not an exact one`, { file: dir });
    }
    return ExactIndex.fromMeta(dir, meta);
  }

  static fromMeta(dir: string, meta: IndexMeta): ExactIndex {
    const vectors = readFloat32File(path.join(dir, meta.files.vectors), meta.count * meta.dim);
    const labels = readUint32File(path.join(dir, meta.files.labels), meta.count);
    const index = new ExactIndex(meta.dim, { modelId: meta.modelId, capacity: meta.count });
    index.vectors.set(vectors);
    index.rowLabels.set(labels);
    for (let i = 0; i < labels.length; i++) index.rowOf.set(labels[i], i);
    index.count = meta.count;
    return index;
  }

  private reserve(rows: number): void {
    if (rows <= this.rowLabels.length) return;
    const cap = Math.max(rows, this.rowLabels.length * 2);
    const vectors = new Float32Array(cap * this.dim);
    vectors.set(this.vectors.subarray(0, this.count * this.dim));
    const labels = new Uint32Array(cap);
    labels.set(this.rowLabels.subarray(0, this.count));
    this.vectors = vectors;
    this.rowLabels = labels;
  }
}

/** Copies queries and L2-normalises them so scores are cosine similarities. */
function normalisedQueries(queries: Float32Array, d: number): Float32Array {
  const out = new Float32Array(queries);
  const n = out.length / d;
  for (let i = 0; i < n; i++) {
    const off = i * d;
    const norm = Math.sqrt(dot(out, off, out, off, d));
    if (norm > 0) for (let j = 0; j < d; j++) out[off + j] /= norm;
  }
  return out;
}

export function dot(a: Float32Array, aOff: number, b: Float32Array, bOff: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  const end4 = d - (d % 4);
  for (; j < end4; j += 4) {
    s0 += a[aOff + j] * b[bOff + j];
    s1 += a[aOff + j + 1] * b[bOff + j + 1];
    s2 += a[aOff + j + 2] * b[bOff + j + 2];
    s3 += a[aOff + j + 3] * b[bOff + j + 3];
  }
  for (; j < d; j++) s0 += a[aOff + j] * b[bOff + j];
  return s0 + s1 + s2 + s3;
}

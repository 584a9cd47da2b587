import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HierarchicalNSW } from 'hnswlib-node';
import { afterEach, describe, expect, it } from 'vitest';
import { loadIndex } from '../create-index';
import { ExactIndex } from '../exact-index';
import { generateClusteredVectors } from '../generate-vectors';
import { VectorIndex } from '../hnsw-index';
import { commitMeta, META_FORMAT, writeFileAtomic } from '../index-files';
import { recallOf } from '../recall';
import { NO_LABEL, type BatchHits } from '../types';
import { loadAddon } from './load-addon';

const D = 384;
const N = 4000;
const all = generateClusteredVectors(N + 50, D, { seed: 21 });
const vectors = all.subarray(0, N * D);
const queries = all.slice(N * D);
const labels = Uint32Array.from({ length: N }, (_, i) => 1000 + i);
const exact = new ExactIndex(D, { capacity: N });
exact.add(labels, vectors);
const truth = exact.searchBatch(queries, 10);

const tmpDirs: string[] = [];
function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hnsw-addon-'));
  tmpDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function nativeBatch(index: InstanceType<ReturnType<typeof loadAddon>['HnswIndex']>, q: Float32Array, k: number, threads: number): BatchHits {
  const nq = q.length / D;
  const out: BatchHits = { k, labels: new Uint32Array(nq * k).fill(NO_LABEL), scores: new Float32Array(nq * k).fill(-Infinity), counts: new Uint32Array(nq) };
  index.searchBatch(q, k, k, out.labels, out.scores, out.counts, threads);
  return out;
}

describe('kgw_hnsw addon', () => {
  const { HnswIndex } = loadAddon();

  it('builds on 1 and on 2 threads; both reach recall@10 >= 0.95 against exact search, and batch search is the same on any thread count', () => {
    for (const threads of [1, 2]) {
      const index = new HnswIndex(D, true);
      index.init(N, 16, 200, 100, true);
      index.addBatch(labels, vectors, false, threads);
      expect(index.getCurrentCount()).toBe(N);
      index.setEf(32);
      const one = nativeBatch(index, queries, 10, 1);
      const two = nativeBatch(index, queries, 10, 2);
      expect(Array.from(two.labels)).toEqual(Array.from(one.labels));
      expect(Array.from(two.scores)).toEqual(Array.from(one.scores));
      expect(recallOf(two, truth).recall).toBeGreaterThanOrEqual(0.95);
      // Scores are cosine similarities: the best hit matches exact search's best score.
      for (let q = 0; q < 50; q++) if (two.labels[q * 10] === truth.labels[q * 10]) expect(two.scores[q * 10]).toBeCloseTo(truth.scores[q * 10], 4);
    }
  });

  it('VectorIndex.searchBatch with 2 threads equals one search() per query', () => {
    const index = new VectorIndex(D, { capacity: N, threads: 2 });
    index.add(labels, vectors);
    const batch = index.searchBatch(queries, 10);
    for (let q = 0; q < 50; q++) {
      const one = index.search(queries.subarray(q * D, (q + 1) * D), 10);
      expect(Array.from(one.labels)).toEqual(Array.from(batch.labels.subarray(q * 10, q * 10 + 10)));
    }
    expect(recallOf(batch, truth).recall).toBeGreaterThanOrEqual(0.95);
  });

  it('a filtered batch search calls the JS predicate and returns only allowed labels; a throwing predicate surfaces as an error', () => {
    const index = new VectorIndex(D, { capacity: N, threads: 2 });
    index.add(labels, vectors);
    const batch = index.searchBatch(queries.subarray(0, 5 * D), 10, { filter: (l) => l % 4 === 0, ef: 100 });
    for (let i = 0; i < batch.labels.length; i++) expect(batch.labels[i] % 4).toBe(0);
    expect(Array.from(batch.counts)).toEqual([10, 10, 10, 10, 10]);
    expect(() =>
      index.search(queries.subarray(0, D), 10, {
        filter: () => {
          throw new Error('predicate failed');
        },
      }),
    ).toThrow(/predicate failed/);
  });

  it('a label repeated in one add keeps its last vector and counts once', () => {
    const index = new VectorIndex(D, { capacity: 64, threads: 2 });
    const twice = Uint32Array.from([5, 6, 5]);
    const rows = new Float32Array(3 * D);
    rows.set(vectors.subarray(0, D), 0);
    rows.set(vectors.subarray(D, 2 * D), D);
    rows.set(vectors.subarray(2 * D, 3 * D), 2 * D);
    index.add(twice, rows);
    expect(index.size).toBe(2);
    expect(index.search(vectors.subarray(2 * D, 3 * D), 1).labels[0]).toBe(5);
    expect(index.search(vectors.subarray(2 * D, 3 * D), 1).scores[0]).toBeCloseTo(1, 5);
  });

  it('loads an index written by hnswlib-node (the previous implementation) and answers as it did', () => {
    const n = 1500;
    const old = new HierarchicalNSW('cosine', D);
    old.initIndex({ maxElements: n, m: 16, efConstruction: 200, randomSeed: 100, allowReplaceDeleted: true });
    for (let i = 0; i < n; i++) old.addPoint(Array.from(vectors.subarray(i * D, (i + 1) * D)), labels[i]);
    old.markDelete(labels[3]);
    const dir = tmpDir();
    old.writeIndexSync(path.join(dir, 'hnsw-1.bin'));
    const live = Array.from(labels.subarray(0, n)).filter((l) => l !== labels[3]);
    writeFileAtomic(path.join(dir, 'hnsw-1.u32'), Uint32Array.from([...live, labels[3]]));
    commitMeta(dir, {
      format: META_FORMAT,
      kind: 'hnsw',
      dim: D,
      space: 'cosine',
      modelId: 'm',
      count: n - 1,
      deletedCount: 1,
      M: 16,
      efConstruction: 200,
      ef: 50,
      efAuto: false,
      capacity: n,
      generation: 1,
      deletedHints: 1,
      files: { index: 'hnsw-1.bin', labels: 'hnsw-1.u32' },
      savedAt: new Date().toISOString(),
    });

    const loaded = loadIndex(dir) as VectorIndex;
    expect(loaded).toBeInstanceOf(VectorIndex);
    expect(loaded.size).toBe(n - 1);
    old.setEf(50);
    for (let q = 0; q < 20; q++) {
      const query = queries.subarray(q * D, (q + 1) * D);
      const want = old.searchKnn(Array.from(query), 10);
      const got = loaded.search(query, 10);
      expect(Array.from(got.labels)).toEqual(want.neighbors);
      want.distances.forEach((dist, i) => expect(got.scores[i]).toBeCloseTo(1 - dist, 5));
    }
    // The deleted slot stays deleted, revives on re-add, and a save/load round trip keeps it all.
    expect(loaded.has(labels[3])).toBe(false);
    loaded.add(labels.subarray(3, 4), vectors.subarray(3 * D, 4 * D));
    expect(loaded.search(vectors.subarray(3 * D, 4 * D), 1).labels[0]).toBe(labels[3]);
    const again = tmpDir();
    loaded.save(again);
    const reloaded = VectorIndex.load(again);
    expect(reloaded.size).toBe(n);
    expect(Array.from(reloaded.searchBatch(queries, 10).labels)).toEqual(Array.from(loaded.searchBatch(queries, 10).labels));
  });

  it('refuses bad input with errors, not crashes', () => {
    const index = new HnswIndex(D, true);
    expect(() => index.addBatch(labels.subarray(0, 1), vectors.subarray(0, D), false, 1)).toThrow(/not initialised/);
    index.init(100, 16, 100, 1, true);
    expect(() => index.addBatch(new Int32Array(1) as unknown as Uint32Array, vectors.subarray(0, D), false, 1)).toThrow(/labels has the wrong type/);
    expect(() => index.addBatch(labels.subarray(0, 2), new Float64Array(2 * D) as unknown as Float32Array, false, 1)).toThrow(/vectors has the wrong type/);
    expect(() => index.addBatch(labels.subarray(0, 2), vectors.subarray(0, D), false, 1)).toThrow(/labels.length x 384/);
    expect(() => index.addBatch(labels.subarray(0, 101), vectors.subarray(0, 101 * D), false, 2)).toThrow(/exceeds the specified limit/);
    const small = new Uint32Array(5);
    expect(() => index.searchBatch(queries.subarray(0, D), 10, 10, small, new Float32Array(10), new Uint32Array(1))).toThrow(/too small/);
    expect(() => index.searchBatch(queries.subarray(0, D + 1), 10, 10, new Uint32Array(10), new Float32Array(10), new Uint32Array(1))).toThrow(/multiple of dim/);
    expect(() => index.markDelete(999_999)).toThrow(/not found/i);
    expect(index.unmarkDelete(999_999)).toBe(false);
    expect(() => new HnswIndex(0, true)).toThrow(/dim/);
    expect(() => index.setEf(-1)).toThrow(/non-negative integer/);

    // The over-full batch added what fitted (hnswlib adds point by point); VectorIndex reserves first.
    const count = index.getCurrentCount();
    expect(count).toBe(100);
    const dir = tmpDir();
    expect(() => index.load(path.join(dir, 'missing.bin'), true)).toThrow(/Cannot open file/);
    const other = new HnswIndex(128, true);
    other.init(10, 16, 100, 1, true);
    other.addBatch(Uint32Array.from([1]), new Float32Array(128).fill(0.5), false, 1);
    other.save(path.join(dir, 'd128.bin'));
    expect(() => index.load(path.join(dir, 'd128.bin'), true)).toThrow(/128 dimensions, expected 384/);
    // The failed load left the index as it was.
    expect(index.getCurrentCount()).toBe(count);
  });

  it('VectorIndex refuses NaN vectors before they reach the graph', () => {
    const index = new VectorIndex(D, { threads: 2 });
    const bad = vectors.slice(0, 2 * D);
    bad[D + 7] = NaN;
    expect(() => index.add(Uint32Array.from([1, 2]), bad)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
    expect(index.size).toBe(0);
  });
});

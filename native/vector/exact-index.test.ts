import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../electron/common/errors';
import { ExactIndex } from './exact-index';
import { generateClusteredVectors } from './generate-vectors';
import { createIndex, EXACT_CUTOFF, loadIndex, promoteToHnsw } from './create-index';
import { VectorIndex } from './hnsw-index';
import { NO_LABEL } from './types';

const D = 32;
const tmpDirs: string[] = [];
function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exact-index-'));
  tmpDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function labelsFrom(start: number, n: number): Uint32Array {
  return Uint32Array.from({ length: n }, (_, i) => start + i);
}

/** Scores every vector with a straightforward loop and sorts: the reference the heap must match. */
function naiveTopK(vectors: Float32Array, labels: Uint32Array, query: Float32Array, k: number): number[] {
  const scored: Array<[number, number]> = [];
  for (let i = 0; i < labels.length; i++) {
    let s = 0;
    for (let j = 0; j < D; j++) s += vectors[i * D + j] * query[j];
    scored.push([s, labels[i]]);
  }
  scored.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return scored.slice(0, k).map((x) => x[1]);
}

describe('ExactIndex', () => {
  const vectors = generateClusteredVectors(2000, D, { seed: 7 });
  const queries = generateClusteredVectors(20, D, { seed: 8 });
  const labels = labelsFrom(100, 2000);

  it('returns the same top-k as a naive full sort', () => {
    const index = new ExactIndex(D);
    index.add(labels, vectors);
    for (let q = 0; q < 20; q++) {
      const query = queries.subarray(q * D, (q + 1) * D);
      const hits = index.search(query, 15);
      expect(Array.from(hits.labels)).toEqual(naiveTopK(vectors, labels, query, 15));
    }
  });

  it('gives cosine scores in [-1, 1], best first, and matches search() in batches', () => {
    const index = new ExactIndex(D);
    index.add(labels, vectors);
    const batch = index.searchBatch(queries, 10);
    for (let q = 0; q < 20; q++) {
      const single = index.search(queries.subarray(q * D, (q + 1) * D), 10);
      expect(Array.from(batch.labels.subarray(q * 10, q * 10 + 10))).toEqual(Array.from(single.labels));
      for (let i = 0; i < 10; i++) {
        expect(single.scores[i]).toBeGreaterThanOrEqual(-1.0001);
        expect(single.scores[i]).toBeLessThanOrEqual(1.0001);
        if (i > 0) expect(single.scores[i]).toBeLessThanOrEqual(single.scores[i - 1]);
      }
    }
  });

  it('normalises unnormalised input so a scaled copy of a stored vector scores 1', () => {
    const index = new ExactIndex(D);
    index.add(labels, vectors);
    const query = vectors.slice(5 * D, 6 * D).map((v) => v * 7.5);
    const hits = index.search(query, 1);
    expect(hits.labels[0]).toBe(105);
    expect(hits.scores[0]).toBeCloseTo(1, 5);
  });

  it('removes, replaces and filters', () => {
    const index = new ExactIndex(D, { capacity: 16 });
    index.add(labels, vectors);
    const query = vectors.slice(0, D);
    expect(index.search(query, 1).labels[0]).toBe(100);
    expect(index.remove([100, 99999])).toBe(1);
    expect(index.size).toBe(1999);
    expect(Array.from(index.search(query, 50).labels)).not.toContain(100);
    // Re-adding under another label replaces nothing, re-adding label 101 overwrites its vector.
    index.add(Uint32Array.of(101), query);
    expect(index.search(query, 1).labels[0]).toBe(101);
    expect(index.size).toBe(1999);
    const even = index.search(query, 10, { filter: (l) => l % 2 === 0 });
    expect(even.labels.length).toBe(10);
    for (const l of even.labels) expect(l % 2).toBe(0);
  });

  it('pads batch rows when fewer than k vectors exist', () => {
    const index = new ExactIndex(D);
    index.add(labelsFrom(0, 3), vectors.subarray(0, 3 * D));
    const batch = index.searchBatch(queries.subarray(0, 2 * D), 5);
    expect(Array.from(batch.counts)).toEqual([3, 3]);
    expect(batch.labels[3]).toBe(NO_LABEL);
    expect(batch.scores[4]).toBe(-Infinity);
  });

  it('refuses malformed input with a WorkbenchError', () => {
    const index = new ExactIndex(D);
    expect(() => index.add(labelsFrom(0, 2), new Float32Array(D))).toThrow(WorkbenchError);
    const bad = new Float32Array(D);
    bad[3] = NaN;
    expect(() => index.add(Uint32Array.of(1), bad)).toThrow(/non-finite value at component 3/);
    expect(() => index.search(new Float32Array(D + 1), 3)).toThrow(WorkbenchError);
  });

  it('saves and loads through loadIndex with the same results', () => {
    const index = new ExactIndex(D, { modelId: 'all-MiniLM-L6-v2' });
    index.add(labels, vectors);
    index.remove([150]);
    const dir = tmpDir();
    index.save(dir);
    const loaded = loadIndex(dir);
    expect(loaded).toBeInstanceOf(ExactIndex);
    expect(loaded.size).toBe(1999);
    expect(loaded.modelId).toBe('all-MiniLM-L6-v2');
    expect(Array.from(loaded.searchBatch(queries, 10).labels)).toEqual(Array.from(index.searchBatch(queries, 10).labels));
  });
});

describe('createIndex', () => {
  it('chooses exact below the cut-off and HNSW above it', () => {
    expect(createIndex(EXACT_CUTOFF - 1, { dim: D })).toBeInstanceOf(ExactIndex);
    expect(createIndex(EXACT_CUTOFF, { dim: D })).toBeInstanceOf(VectorIndex);
  });

  it('promotes an exact index to HNSW with the same contents', () => {
    const exact = new ExactIndex(D, { modelId: 'm' });
    const vectors = generateClusteredVectors(500, D, { seed: 3 });
    exact.add(labelsFrom(1, 500), vectors);
    exact.remove([1]);
    const hnsw = promoteToHnsw(exact);
    expect(hnsw.size).toBe(499);
    expect(hnsw.has(1)).toBe(false);
    expect(hnsw.modelId).toBe('m');
    expect(hnsw.search(vectors.subarray(9 * D, 10 * D), 1).labels[0]).toBe(10);
  });
});

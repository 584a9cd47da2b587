import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateClusteredVectors } from './generate-vectors';
import { autoEf, VectorIndex } from './hnsw-index';
import { loadIndex } from './create-index';
import { META_FILE, readMeta } from './index-files';
import { measureRecall } from './recall';

const D = 384;
const tmpDirs: string[] = [];
function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hnsw-index-'));
  tmpDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function labelsFrom(start: number, n: number): Uint32Array {
  return Uint32Array.from({ length: n }, (_, i) => start + i);
}

describe('VectorIndex (HNSW)', () => {
  // Index and queries from one draw, split, so queries lie near but not on indexed points.
  const N = 5000;
  const all = generateClusteredVectors(N + 100, D, { seed: 11 });
  const vectors = all.subarray(0, N * D);
  const queries = all.subarray(N * D);
  const labels = labelsFrom(1, N);
  const built = new VectorIndex(D, { modelId: 'test-model' });
  built.add(labels, vectors);

  it('reaches recall@10 >= 0.95 against exact search on clustered vectors', () => {
    const r = measureRecall(built, labels, vectors, queries, 10);
    expect(r.queries).toBe(100);
    expect(r.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('scores are cosine similarities in [-1, 1], sorted best first, and a stored vector finds itself', () => {
    const batch = built.searchBatch(queries, 10);
    for (let q = 0; q < 100; q++) {
      expect(batch.counts[q]).toBe(10);
      for (let i = 0; i < 10; i++) {
        const s = batch.scores[q * 10 + i];
        expect(s).toBeGreaterThanOrEqual(-1.0001);
        expect(s).toBeLessThanOrEqual(1.0001);
        if (i > 0) expect(s).toBeLessThanOrEqual(batch.scores[q * 10 + i - 1]);
      }
    }
    const self = built.search(vectors.subarray(42 * D, 43 * D), 1);
    expect(self.labels[0]).toBe(43);
    expect(self.scores[0]).toBeCloseTo(1, 4);
    // The score is the cosine of the two vectors, not a distance.
    const hit = built.search(queries.subarray(0, D), 1);
    const row = hit.labels[0] - 1;
    let cos = 0;
    for (let j = 0; j < D; j++) cos += queries[j] * vectors[row * D + j];
    expect(hit.scores[0]).toBeCloseTo(cos, 4);
  });

  it('grows capacity on incremental adds', () => {
    const index = new VectorIndex(D, { capacity: 16 });
    const chunk = 300;
    for (let start = 0; start < 1200; start += chunk) {
      index.add(labelsFrom(start, chunk), vectors.subarray(start * D, (start + chunk) * D));
    }
    expect(index.size).toBe(1200);
    expect(index.capacity).toBeGreaterThanOrEqual(1200);
    for (const label of [0, 299, 300, 1199]) {
      expect(index.search(vectors.subarray(label * D, (label + 1) * D), 1).labels[0]).toBe(label);
    }
  });

  it('excludes removed labels from results, reuses their slots, and revives re-added labels', () => {
    const index = new VectorIndex(D, { capacity: 600 });
    index.add(labelsFrom(0, 600), vectors.subarray(0, 600 * D));
    const query = vectors.subarray(7 * D, 8 * D);
    const before = Array.from(index.search(query, 10).labels);
    expect(before[0]).toBe(7);
    expect(index.remove(before.slice(0, 5))).toBe(5);
    expect(index.remove([7, 123456])).toBe(0);
    expect(index.size).toBe(595);
    expect(index.deletedCount).toBe(5);
    const after = Array.from(index.search(query, 10).labels);
    for (const gone of before.slice(0, 5)) expect(after).not.toContain(gone);
    expect(after).toContain(before[5]);

    // New labels take deleted slots: no growth past the initial capacity.
    index.add(labelsFrom(1000, 3), vectors.subarray(600 * D, 603 * D));
    expect(index.capacity).toBe(600);
    expect(index.deletedCount).toBe(2);
    expect(index.search(vectors.subarray(601 * D, 602 * D), 1).labels[0]).toBe(1001);

    // Re-adding a removed label brings it back, whether or not its slot was reused.
    index.add(Uint32Array.from(before.slice(0, 5)), new Float32Array(5 * D).map((_, i) => vectors[before[Math.floor(i / D)] * D + (i % D)]));
    expect(index.size).toBe(603);
    expect(index.search(query, 1).labels[0]).toBe(7);
  });

  it('applies a label filter', () => {
    const hits = built.search(queries.subarray(0, D), 10, { filter: (l) => l % 3 === 0, ef: 100 });
    expect(hits.labels.length).toBe(10);
    for (const l of hits.labels) expect(l % 3).toBe(0);
  });

  it('saves and loads: same results, meta correct, old generations cleaned up', () => {
    const index = new VectorIndex(D, { modelId: 'all-MiniLM-L6-v2', ef: 80, M: 12, capacity: 2000 });
    index.add(labelsFrom(10, 1500), vectors.subarray(0, 1500 * D));
    index.remove([10, 11, 12]);
    const dir = tmpDir();
    index.save(dir);
    index.add(labelsFrom(5000, 10), vectors.subarray(2000 * D, 2010 * D));
    index.save(dir); // second generation replaces the first

    const meta = readMeta(dir);
    expect(meta).toMatchObject({ kind: 'hnsw', dim: D, space: 'cosine', M: 12, ef: 80, count: 1507, modelId: 'all-MiniLM-L6-v2', generation: 2 });
    expect(meta.deletedCount).toBe(0); // the 10 new labels reused the 3 deleted slots
    expect(fs.readdirSync(dir).sort()).toEqual(['hnsw-2.bin', 'hnsw-2.u32', META_FILE].sort());

    const loaded = loadIndex(dir) as VectorIndex;
    expect(loaded).toBeInstanceOf(VectorIndex);
    expect(loaded.size).toBe(1507);
    expect(loaded.ef).toBe(80);
    expect(loaded.has(10)).toBe(false);
    expect(loaded.has(5009)).toBe(true);
    const a = index.searchBatch(queries, 10);
    const b = loaded.searchBatch(queries, 10);
    expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
    expect(Array.from(b.scores)).toEqual(Array.from(a.scores));
  });

  it('widens the default search ef as the collection grows, unless ef is fixed', () => {
    expect([1000, 10_000, 100_000, 300_000, 1_000_000, 1e9].map(autoEf)).toEqual([16, 16, 16, 26, 64, 256]);
    for (let n = 10_000; n < 2_000_000; n *= 1.5) expect(autoEf(n * 1.5)).toBeGreaterThanOrEqual(autoEf(n));
    expect(built.ef).toBe(autoEf(N));
    const fixed = new VectorIndex(D, { ef: 40 });
    expect(fixed.ef).toBe(40);
    fixed.ef = undefined;
    expect(fixed.efIsAuto).toBe(true);
  });

  it('refuses a truncated index file with a clear error', () => {
    const index = new VectorIndex(D);
    index.add(labelsFrom(0, 50), vectors.subarray(0, 50 * D));
    const dir = tmpDir();
    index.save(dir);
    fs.truncateSync(path.join(dir, 'hnsw-1.u32'), 8);
    expect(() => VectorIndex.load(dir)).toThrow(/meta expects/);
  });
});

/**
 * Vector index benchmark: build time, memory, query latency and recall@k of the HNSW index on
 * clustered 384-d vectors, plus the measurements behind the design choices (number[] copy cost of
 * hnswlib-node, 'cosine' vs 'ip', the exact/HNSW cut-off).
 *
 * Run:  npx esbuild --bundle --platform=node --external:hnswlib-node --outfile=/tmp/vb.js native/vector/bench-vector.ts
 *       node /tmp/vb.js 10000 100000 [--ef 16,32,64] [--M 16] [--efc 200] [--space ip] [--extras]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { L2Space } from 'hnswlib-node';
import { ExactIndex } from './exact-index';
import { generateClusteredVectors } from './generate-vectors';
import { HNSW_DEFAULTS, VectorIndex, type HnswSpace } from './hnsw-index';
import { exactNeighbours, recallOf } from './recall';
import type { BatchHits } from './types';

export interface BenchVectorOptions {
  d?: number;
  queries?: number;
  k?: number;
  M?: number;
  efConstruction?: number;
  ef?: number;
  space?: HnswSpace;
  seed?: number;
}

export interface BenchVectorResult {
  n: number;
  buildMs: number;
  /** CPU time of the build (this process), for comparison on a shared machine. */
  buildCpuMs: number;
  /** Process RSS after the build (vectors + index + ground-truth copy are all resident). */
  buildRssMB: number;
  /** RSS growth caused by building the index alone. */
  indexRssDeltaMB: number;
  /** Wall time for `queries` single searches, scaled to 100 queries. */
  queryMsTotalFor100: number;
  /** CPU time of the same (less disturbed by other processes on a shared machine). */
  queryCpuMsFor100: number;
  recallAt10: number;
  /** save() and load() of the built index (page cache warm, as right after a save). */
  saveMs: number;
  loadMs: number;
  M: number;
  efConstruction: number;
  ef: number;
}

interface BuiltBench {
  n: number;
  d: number;
  k: number;
  index: VectorIndex;
  queries: Float32Array;
  truth: BatchHits;
  buildMs: number;
  buildCpuMs: number;
  buildRssMB: number;
  indexRssDeltaMB: number;
}

const mb = (bytes: number): number => Math.round(bytes / 1048576);

function build(n: number, opts: BenchVectorOptions): BuiltBench {
  const d = opts.d ?? 384;
  const nq = opts.queries ?? 100;
  const k = opts.k ?? 10;
  const all = generateClusteredVectors(n + nq, d, { seed: opts.seed ?? 1 });
  const vectors = all.subarray(0, n * d);
  const queries = all.slice(n * d);
  const labels = Uint32Array.from({ length: n }, (_, i) => i);

  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const index = new VectorIndex(d, {
    M: opts.M,
    efConstruction: opts.efConstruction,
    ef: opts.ef,
    space: opts.space,
    capacity: n,
  });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const chunk = 10_000; // what the embed pipeline hands over per batch
  for (let s = 0; s < n; s += chunk) {
    const e = Math.min(n, s + chunk);
    index.add(labels.subarray(s, e), vectors.subarray(s * d, e * d));
    if (n >= 200_000 && e % 100_000 === 0) console.error(`  built ${e}/${n} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const buildMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const buildCpuMs = (cpu.user + cpu.system) / 1000;
  const rss = process.memoryUsage().rss;
  // Ground truth after the build so its temporary copy of the vectors is not counted above.
  const truth = exactNeighbours(labels, vectors, d, queries, k);
  return { n, d, k, index, queries, truth, buildMs, buildCpuMs, buildRssMB: mb(rss), indexRssDeltaMB: mb(rss - rssBefore) };
}

/**
 * Latency of single-query searches and recall@k at one ef. Wall time is the best of 5 passes
 * after a warm-up; CPU time (this process only) is reported too because the 2-core machine is
 * shared and wall time then includes time spent waiting for a core.
 */
function measure(b: BuiltBench, ef: number): { queryMsTotalFor100: number; queryCpuMsFor100: number; recall: number } {
  const nq = b.queries.length / b.d;
  const run = (): [number, number] => {
    const c = process.cpuUsage();
    const t = performance.now();
    for (let q = 0; q < nq; q++) b.index.search(b.queries.subarray(q * b.d, (q + 1) * b.d), b.k, { ef });
    const wall = performance.now() - t;
    const cpu = process.cpuUsage(c);
    return [wall, (cpu.user + cpu.system) / 1000];
  };
  run();
  const runs = [run(), run(), run(), run(), run()];
  const wall = Math.min(...runs.map((r) => r[0]));
  const cpu = Math.min(...runs.map((r) => r[1]));
  const recall = recallOf(b.index.searchBatch(b.queries, b.k, { ef }), b.truth).recall;
  return { queryMsTotalFor100: (wall * 100) / nq, queryCpuMsFor100: (cpu * 100) / nq, recall };
}

function measurePersistence(index: VectorIndex): { saveMs: number; loadMs: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-vector-'));
  try {
    let t = performance.now();
    index.save(dir);
    const saveMs = performance.now() - t;
    t = performance.now();
    const loaded = VectorIndex.load(dir);
    const loadMs = performance.now() - t;
    if (loaded.size !== index.size) throw new Error(`loaded ${loaded.size} vectors, saved ${index.size}`);
    return { saveMs: Math.round(saveMs), loadMs: Math.round(loadMs) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchVector(n: number, opts: BenchVectorOptions = {}): Promise<BenchVectorResult> {
  const b = build(n, opts);
  const ef = b.index.ef;
  const m = measure(b, ef);
  const p = measurePersistence(b.index);
  return {
    ...p,
    n,
    buildMs: Math.round(b.buildMs),
    buildCpuMs: Math.round(b.buildCpuMs),
    buildRssMB: b.buildRssMB,
    indexRssDeltaMB: b.indexRssDeltaMB,
    queryMsTotalFor100: round2(m.queryMsTotalFor100),
    queryCpuMsFor100: round2(m.queryCpuMsFor100),
    recallAt10: round3(m.recall),
    M: b.index.M,
    efConstruction: b.index.efConstruction,
    ef,
  };
}

/** One build, several search ef values: the table used to pick the defaults. */
export function sweepEf(n: number, efs: number[], opts: BenchVectorOptions = {}): BenchVectorResult[] {
  const b = build(n, opts);
  return efs.map((ef) => {
    const m = measure(b, ef);
    return {
      saveMs: NaN,
      loadMs: NaN,
      n,
      buildMs: Math.round(b.buildMs),
      buildCpuMs: Math.round(b.buildCpuMs),
      buildRssMB: b.buildRssMB,
      indexRssDeltaMB: b.indexRssDeltaMB,
      queryMsTotalFor100: round2(m.queryMsTotalFor100),
      queryCpuMsFor100: round2(m.queryCpuMsFor100),
      recallAt10: round3(m.recall),
      M: b.index.M,
      efConstruction: b.index.efConstruction,
      ef,
    };
  });
}

/**
 * What hnswlib-node's number[] interface costs: L2Space.distance converts two arrays in the
 * addon and does one 384-d distance (negligible), so half its time is one vector's conversion.
 */
export function measureCopyCost(d = 384, reps = 50_000): { addonConvertUsPerVector: number; fillScratchUs: number; arrayFromUs: number } {
  const f = generateClusteredVectors(1, d, { seed: 3 });
  const a = Array.from(f);
  const space = new L2Space(d);
  // CPU time of this process, not wall time: the shared machine's load would otherwise dominate.
  const time = (fn: () => void): number => {
    fn();
    const c = process.cpuUsage();
    for (let i = 0; i < reps; i++) fn();
    const u = process.cpuUsage(c);
    return (u.user + u.system) / reps;
  };
  const scratch = new Array<number>(d).fill(0);
  return {
    addonConvertUsPerVector: round2(time(() => space.distance(a, a)) / 2),
    fillScratchUs: round2(time(() => {
      for (let j = 0; j < d; j++) scratch[j] = f[j];
    })),
    arrayFromUs: round2(time(() => Array.from(f))),
  };
}

/** Exact search latency by collection size, the input to EXACT_CUTOFF. */
export function measureExact(sizes: number[], d = 384, nq = 20): Array<{ n: number; msPerQuery: number; cpuMsPerQuery: number; batchMsPerQuery: number }> {
  return sizes.map((n) => {
    const all = generateClusteredVectors(n + nq, d, { seed: 5 });
    const index = new ExactIndex(d, { capacity: n });
    index.add(Uint32Array.from({ length: n }, (_, i) => i), all.subarray(0, n * d));
    const queries = all.subarray(n * d);
    index.search(queries.subarray(0, d), 10);
    const c = process.cpuUsage();
    let t = performance.now();
    for (let q = 0; q < nq; q++) index.search(queries.subarray(q * d, (q + 1) * d), 10);
    const single = (performance.now() - t) / nq;
    const cpu = process.cpuUsage(c);
    const cpuMs = (cpu.user + cpu.system) / 1000 / nq;
    t = performance.now();
    index.searchBatch(queries, 10);
    const batch = (performance.now() - t) / nq;
    return { n, msPerQuery: round3(single), cpuMsPerQuery: round3(cpuMs), batchMsPerQuery: round3(batch) };
  });
}

/**
 * 'cosine' vs 'ip' on the same normalised vectors: both indexes built from one draw and queried
 * in alternating passes, so machine load hits both alike. 'cosine' only adds a normalisation of
 * each vector inside the addon; this shows whether that is measurable.
 */
export function compareSpaces(n = 10_000, d = 384, passes = 10): Record<HnswSpace, { buildMs: number; queryCpuMsFor100: number }> {
  const all = generateClusteredVectors(n + 100, d, { seed: 9 });
  const labels = Uint32Array.from({ length: n }, (_, i) => i);
  const queries = all.subarray(n * d);
  const spaces: HnswSpace[] = ['cosine', 'ip'];
  const built = spaces.map((space) => {
    const index = new VectorIndex(d, { space, capacity: n, ef: 16 });
    const t = performance.now();
    index.add(labels, all.subarray(0, n * d));
    return { space, index, buildMs: Math.round(performance.now() - t), best: Infinity };
  });
  for (let p = 0; p < passes; p++) {
    for (const b of built) {
      const c = process.cpuUsage();
      for (let q = 0; q < 100; q++) b.index.search(queries.subarray(q * d, (q + 1) * d), 10);
      const u = process.cpuUsage(c);
      b.best = Math.min(b.best, (u.user + u.system) / 1000);
    }
  }
  const out = {} as Record<HnswSpace, { buildMs: number; queryCpuMsFor100: number }>;
  for (const b of built) out[b.space] = { buildMs: b.buildMs, queryCpuMsFor100: round2(b.best) };
  return out;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).filter((a, i, all) => /^\d+$/.test(a) && !all[i - 1]?.startsWith('--')).map(Number);
  const opts: BenchVectorOptions = {
    M: Number(arg('--M') ?? HNSW_DEFAULTS.M),
    efConstruction: Number(arg('--efc') ?? HNSW_DEFAULTS.efConstruction),
    space: (arg('--space') as HnswSpace | undefined) ?? HNSW_DEFAULTS.space,
  };
  if (process.argv.includes('--extras')) {
    console.log('copy cost (us):', JSON.stringify(measureCopyCost()));
    console.log('exact search:', JSON.stringify(measureExact([1000, 2000, 5000, 10000, 20000])));
    console.log('cosine vs ip:', JSON.stringify(compareSpaces()));
  }
  const efs = arg('--ef')?.split(',').map(Number);
  for (const n of sizes) {
    const rows = efs ? sweepEf(n, efs, opts) : [await benchVector(n, opts)];
    for (const r of rows) console.log(JSON.stringify({ space: opts.space, ...r }));
  }
}

// Only when run as the bundle's entry, not when imported by the CLI or tests.
if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

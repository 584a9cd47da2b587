/**
 * Vector index benchmark: build time, memory, query latency and recall@k of the HNSW index on
 * clustered 384-d vectors, plus the measurements behind the design choices ('cosine' vs 'ip', the
 * exact/HNSW cut-off).
 *
 * Run:  npx esbuild --bundle --platform=node --outfile=.tmp/vb.js native/vector/bench-vector.ts
 *       node .tmp/vb.js 10000 100000 [--ef 16,32,64] [--M 16] [--efc 200] [--space ip] [--threads 2] [--extras]
 * (inside the repository, so the addon is found above the bundle; elsewhere set KGW_HNSW_ADDON.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
  /** Threads for the build and the batch search; default = hardware concurrency. */
  threads?: number;
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
  /** Wall time of the queries as one searchBatch call (threaded), scaled to 100 queries. */
  queryMsTotalFor100: number;
  /** CPU time of the same, all threads (less disturbed by other processes on a shared machine). */
  queryCpuMsFor100: number;
  /** Wall and CPU time of the same queries as single search() calls, one after another. */
  singleQueryMsFor100: number;
  singleQueryCpuMsFor100: number;
  /** Process peak RSS (ru_maxrss) after the build. */
  peakRssMB: number;
  threads: number;
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
  peakRssMB: number;
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
    threads: opts.threads,
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
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  return { n, d, k, index, queries, truth, buildMs, buildCpuMs, buildRssMB: mb(rss), indexRssDeltaMB: mb(rss - rssBefore), peakRssMB };
}

/**
 * Latency and recall@k at one ef. The headline is all queries in one searchBatch call (what the
 * vector worker does for a batch; threaded); the same queries as single search() calls are timed
 * too. Wall time is the best of 5 passes after a warm-up; CPU time (this process, all threads) is
 * reported too because the 2-core machine is shared and wall time then includes waiting for a core.
 */
function measure(b: BuiltBench, ef: number): { batch: [number, number]; single: [number, number]; recall: number } {
  const nq = b.queries.length / b.d;
  const best = (fn: () => void): [number, number] => {
    const once = (): [number, number] => {
      const c = process.cpuUsage();
      const t = performance.now();
      fn();
      const wall = performance.now() - t;
      const cpu = process.cpuUsage(c);
      return [wall, (cpu.user + cpu.system) / 1000];
    };
    once();
    const runs = [once(), once(), once(), once(), once()];
    const per100 = 100 / nq;
    return [Math.min(...runs.map((r) => r[0])) * per100, Math.min(...runs.map((r) => r[1])) * per100];
  };
  const batch = best(() => b.index.searchBatch(b.queries, b.k, { ef }));
  const single = best(() => {
    for (let q = 0; q < nq; q++) b.index.search(b.queries.subarray(q * b.d, (q + 1) * b.d), b.k, { ef });
  });
  const recall = recallOf(b.index.searchBatch(b.queries, b.k, { ef }), b.truth).recall;
  return { batch, single, recall };
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
    ...timings(b, m),
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
      ...timings(b, m),
      ef,
    };
  });
}

function timings(b: BuiltBench, m: ReturnType<typeof measure>) {
  return {
    queryMsTotalFor100: round2(m.batch[0]),
    queryCpuMsFor100: round2(m.batch[1]),
    singleQueryMsFor100: round2(m.single[0]),
    singleQueryCpuMsFor100: round2(m.single[1]),
    recallAt10: round3(m.recall),
    peakRssMB: b.peakRssMB,
    threads: b.index.threads,
    M: b.index.M,
    efConstruction: b.index.efConstruction,
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
    M: arg('--M') ? Number(arg('--M')) : undefined,
    efConstruction: arg('--efc') ? Number(arg('--efc')) : undefined,
    space: (arg('--space') as HnswSpace | undefined) ?? HNSW_DEFAULTS.space,
    threads: arg('--threads') ? Number(arg('--threads')) : undefined,
  };
  if (process.argv.includes('--extras')) {
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

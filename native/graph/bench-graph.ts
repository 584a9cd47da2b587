/**
 * Multi-hop benchmark on a generated graph: CSR build time and size, 3-hop latency as the median
 * and p95 over many random start nodes (answer sizes reported beside them), shortest-path latency,
 * and 20 iterations of personalised PageRank. No SQLite here, so it bundles into one plain file.
 */
import { performance } from 'node:perf_hooks';
import { Csr, type Direction } from './csr';
import { generateGraph, prng } from './generate-graph';
import { GraphEngine } from './graph-engine';

export interface LatencyStats {
  medianMs: number;
  p95Ms: number;
  medianAnswerNodes: number;
}

export interface GraphBenchResult {
  nodes: number;
  edges: number;
  degree: number;
  buildMs: number;
  rssMB: number;
  csrBytes: number;
  /** 3-hop neighbourhood following out-edges. */
  khop3: LatencyStats;
  /** 3-hop neighbourhood following edges both ways. */
  khop3Both: LatencyStats;
  /** Bidirectional BFS between random pairs (directed); answer size = path nodes. */
  shortestPath: LatencyStats;
  /** Median of a few runs of 20 power iterations from 5 seeds (walk along out-edges). */
  pprMs: number;
  /**
   * The same runs in CPU time of this process: on a shared, oversubscribed machine wall time also
   * counts the time other processes held the core, CPU time does not.
   */
  pprCpuMs: number;
  buildCpuMs: number;
}

export function benchGraph(n: number, degree: number, opts: { queries?: number; seed?: number } = {}): GraphBenchResult {
  const g = generateGraph({ nodes: n, degree, seed: opts.seed ?? 42, edgeTypes: 8, nodeTypes: 4 });
  const c0 = cpuMs();
  const t0 = performance.now();
  const csr = new Csr(g);
  const buildMs = performance.now() - t0;
  const buildCpuMs = cpuMs() - c0;
  const engine = new GraphEngine(csr);
  const queries = opts.queries ?? (n >= 1_000_000 ? 200 : 500);
  const rand = prng(7);
  const pick = () => Math.floor(rand() * n);

  const khop = (direction: Direction) =>
    latency(queries, () => engine.kHop([pick()], { hops: 3, direction }).nodes.length);
  const khop3 = khop('out');
  const khop3Both = khop('both');
  const shortestPath = latency(queries, () => engine.shortestPath(pick(), pick(), { direction: 'out' })?.nodes.length ?? 0);

  const pprRuns: number[] = [];
  const pprCpu: number[] = [];
  for (let r = 0; r < 5; r++) {
    const seeds = [pick(), pick(), pick(), pick(), pick()];
    const c = cpuMs();
    const t = performance.now();
    engine.personalizedPageRank(seeds, { iterations: 20 });
    pprRuns.push(performance.now() - t);
    pprCpu.push(cpuMs() - c);
  }
  return {
    nodes: n,
    edges: csr.edgeCount,
    degree,
    buildMs: round(buildMs),
    rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
    csrBytes: csr.memoryReport().total,
    khop3,
    khop3Both,
    shortestPath,
    pprMs: round(median(pprRuns)),
    pprCpuMs: round(median(pprCpu)),
    buildCpuMs: round(buildCpuMs),
  };
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Runs `query` after a warm-up (so the JIT has compiled it) and returns median/p95 time and answer size. */
function latency(count: number, query: () => number): LatencyStats {
  for (let i = 0; i < Math.min(50, count); i++) query();
  const times = new Float64Array(count);
  const sizes = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    sizes[i] = query();
    times[i] = performance.now() - t;
  }
  return { medianMs: round(median(times)), p95Ms: round(quantile(times, 0.95)), medianAnswerNodes: median(sizes) };
}

function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

export function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

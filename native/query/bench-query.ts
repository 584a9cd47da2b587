/**
 * Query benchmark as the graph worker runs it: a generated graph written into a real workspace
 * database, loaded with the worker's loader (time, CPU, RSS), then 3-hop queries from many random
 * start nodes through the same code the worker calls (engine + mapping the answer to string ids),
 * and personalised PageRank on the engine. Median wall and CPU time per query, answer sizes beside.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../store/sqlite/open';
import { dropFtsTriggers } from '../store/sqlite/fts';
import { dropBulkIndexes } from '../store/sqlite/schema';
import { generateGraph, prng, type GeneratedGraph } from '../graph/generate-graph';
import { GraphEngine } from '../graph/graph-engine';
import { Csr } from '../graph/csr';
import { GraphCache } from './graph-cache';
import { runKHop } from './run-queries';
import { KHopParamsSchema } from '../../electron/common/protocol/query';

export interface KHopBench {
  /** Median wall time of one 3-hop query through the worker's code (ids in, named nodes and edges out). */
  medianMs: number;
  p95Ms: number;
  /** Mean CPU time per query (process.cpuUsage is too coarse for a per-query median). */
  meanCpuMs: number;
  /** The traversal alone (engine on dense indices), median. */
  engineMedianMs: number;
  medianAnswerNodes: number;
  medianAnswerEdges: number;
  queries: number;
  writeMs: number;
  loadMs: number;
  loadCpuMs: number;
  graphMB: number;
  /** Process RSS right after the load, and its growth over the load. */
  loadRssMB: number;
  loadRssGrowthMB: number;
  rssMB: number;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Writes the generated graph as workspace rows: node ids "n<i>", rowids i + 1. */
export function writeWorkspace(dir: string, g: GeneratedGraph): void {
  const db = openDatabase(dir);
  try {
    // A bulk fill: no name index maintenance (the queries never search names), edge indexes after.
    dropFtsTriggers(db);
    dropBulkIndexes(db);
    const node = db.prepare('INSERT INTO nodes (rid, id, name, type) VALUES (?, ?, ?, ?)');
    const edge = db.prepare('INSERT INTO edges (rid, src, dst, type, ord) VALUES (?, ?, ?, ?, ?)');
    const fill = db.transaction((from: number, to: number, kind: 'nodes' | 'edges') => {
      if (kind === 'nodes') for (let i = from; i < to; i++) node.run(i + 1, `n${i}`, `Node ${i}`, `t${g.nodeType[i]}`);
      else for (let e = from; e < to; e++) edge.run(e + 1, g.src[e] + 1, g.dst[e] + 1, `r${g.etype[e]}`, e);
    });
    const step = 200_000;
    for (let i = 0; i < g.nodeCount; i += step) fill(i, Math.min(g.nodeCount, i + step), 'nodes');
    for (let e = 0; e < g.src.length; e += step) fill(e, Math.min(g.src.length, e + step), 'edges');
  } finally {
    db.close();
  }
}

export async function benchKHop(dir: string, nodes: number, degree: number, queries: number): Promise<KHopBench> {
  const g = generateGraph({ nodes, degree, seed: 42, edgeTypes: 8, nodeTypes: 4 });
  const w0 = performance.now();
  writeWorkspace(dir, g);
  const writeMs = performance.now() - w0;

  const db = openDatabase(dir);
  try {
    const rss0 = process.memoryUsage().rss;
    const c0 = cpuMs();
    const t0 = performance.now();
    const graph = await new GraphCache().get(dir, () => db);
    const loadMs = performance.now() - t0;
    const loadCpuMs = cpuMs() - c0;
    const rss1 = process.memoryUsage().rss;
    const graphMB = graph.memoryBytes() / 2 ** 20;

    const rand = prng(7);
    const pick = () => Math.floor(rand() * nodes);
    const run = (start: number) => runKHop(graph, KHopParamsSchema.parse({ ids: [`n${start}`], hops: 3, direction: 'out' }));
    for (let i = 0; i < Math.min(50, queries); i++) run(pick());
    const wall = new Float64Array(queries);
    const cpu = new Float64Array(queries);
    const sizes = new Float64Array(queries);
    const edgeSizes = new Float64Array(queries);
    for (let i = 0; i < queries; i++) {
      const start = pick();
      const c = cpuMs();
      const t = performance.now();
      const r = run(start);
      wall[i] = performance.now() - t;
      cpu[i] = cpuMs() - c;
      sizes[i] = r.nodes.length;
      edgeSizes[i] = r.edges.length;
    }
    const engine = new Float64Array(queries);
    for (let i = 0; i < queries; i++) {
      const start = pick();
      const t = performance.now();
      graph.engine.kHop([start], { hops: 3, direction: 'out', perNodeLimit: 1000, maxNodes: 5000 });
      engine[i] = performance.now() - t;
    }
    return {
      medianMs: round(quantile(wall, 0.5)),
      p95Ms: round(quantile(wall, 0.95)),
      meanCpuMs: round(mean(cpu)),
      engineMedianMs: round(quantile(engine, 0.5)),
      medianAnswerNodes: quantile(sizes, 0.5),
      medianAnswerEdges: quantile(edgeSizes, 0.5),
      queries,
      writeMs: Math.round(writeMs),
      loadMs: Math.round(loadMs),
      loadCpuMs: Math.round(loadCpuMs),
      graphMB: Math.round(graphMB),
      loadRssMB: Math.round(rss1 / 2 ** 20),
      loadRssGrowthMB: Math.round((rss1 - rss0) / 2 ** 20),
      rssMB: Math.round(Math.max(process.memoryUsage().rss, rss0) / 2 ** 20),
    };
  } finally {
    db.close();
  }
}

export interface PprBench {
  medianMs: number;
  medianCpuMs: number;
  runs: number;
  edges: number;
  buildMs: number;
  rssMB: number;
  topScore: number;
  /** 1-minute load average when the runs ended (the 2-core machine is shared). */
  loadAverage: number;
}

/** 20 power iterations from 5 random seeds, walking out-edges, top 20 taken; median over `runs`. */
export function benchPpr(nodes: number, edges: number, runs: number): PprBench {
  const g = generateGraph({ nodes, degree: edges / nodes, seed: 11 });
  const t0 = performance.now();
  const engine = new GraphEngine(new Csr(g));
  const buildMs = performance.now() - t0;
  const rand = prng(3);
  const wall: number[] = [];
  const cpu: number[] = [];
  let topScore = 0;
  for (let r = 0; r < runs + 1; r++) {
    const seeds = Array.from({ length: 5 }, () => Math.floor(rand() * nodes));
    const c = cpuMs();
    const t = performance.now();
    const scores = engine.personalizedPageRank(seeds, { iterations: 20, direction: 'out' });
    const top = engine.topK(scores, 20);
    // The first run warms the JIT up and is not counted.
    if (r > 0) {
      wall.push(performance.now() - t);
      cpu.push(cpuMs() - c);
    }
    topScore = top.scores[0];
  }
  return {
    medianMs: round(quantile(Float64Array.from(wall), 0.5)),
    medianCpuMs: round(quantile(Float64Array.from(cpu), 0.5)),
    runs,
    edges: engine.csr.edgeCount,
    buildMs: Math.round(buildMs),
    rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
    topScore,
    loadAverage: Math.round(os.loadavg()[0] * 100) / 100,
  };
}

function quantile(values: Float64Array, q: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function mean(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v;
  return values.length ? s / values.length : 0;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

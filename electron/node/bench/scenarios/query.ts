/**
 * Multi-hop scenarios (issue "Multi-hop"): 3-hop neighbourhoods on generated graphs stored in a
 * real workspace and loaded by the graph worker's loader, timed through the worker's query code
 * (median over many random start nodes, answer sizes beside), and personalised PageRank on 1M
 * nodes / 12M edges. CPU time is reported too: the 2-core machine is shared.
 */
import os from 'node:os';
import path from 'node:path';
import { benchKHop, benchPpr } from '../../../../native/query/bench-query';
import type { BenchContext, Scenario, ScenarioResult } from '../scenario';

async function khop(ctx: BenchContext, nodes: number, degree: number, queries: number): Promise<ScenarioResult> {
  global.gc?.();
  const dir = path.join(ctx.tmpDir, `query-${nodes}-${degree}`);
  ctx.log(`query: writing ${nodes} nodes x degree ${degree} into ${dir}`);
  const r = await benchKHop(dir, nodes, degree, queries);
  return {
    ms: r.medianMs,
    peakRssMB: { bench: r.rssMB },
    extra: {
      p95Ms: r.p95Ms,
      meanCpuMsPerQuery: r.meanCpuMs,
      engineOnlyMedianMs: r.engineMedianMs,
      medianAnswerNodes: r.medianAnswerNodes,
      medianAnswerEdges: r.medianAnswerEdges,
      queries: r.queries,
      adjacencyLoadMs: r.loadMs,
      adjacencyLoadCpuMs: r.loadCpuMs,
      adjacencyMB: r.graphMB,
      rssAfterLoadMB: r.loadRssMB,
      loadRssGrowthMB: r.loadRssGrowthMB,
      workspaceWriteMs: r.writeMs,
      loadAverage: Math.round(os.loadavg()[0] * 100) / 100,
    },
  };
}

async function ppr(): Promise<ScenarioResult> {
  global.gc?.();
  const r = benchPpr(1_000_000, 12_000_000, 5);
  return {
    ms: r.medianMs,
    peakRssMB: { bench: r.rssMB },
    extra: { cpuMs: r.medianCpuMs, runs: r.runs, edges: r.edges, csrBuildMs: r.buildMs, topK: 20, seeds: 5, loadAverage: r.loadAverage },
  };
}

export const scenarios: Scenario[] = [
  {
    group: 'query',
    name: '3-hop (out), random start',
    size: '10K nodes, degree 5',
    seed: { text: '28 ms', ms: 28 },
    target: { text: '<= 1 ms', ms: 1 },
    quick: true,
    run: (ctx) => khop(ctx, 10_000, 5, 1000),
  },
  {
    group: 'query',
    name: '3-hop (out), random start',
    size: '100K nodes, degree 8',
    seed: { text: '285 ms', ms: 285 },
    target: { text: '<= 5 ms', ms: 5 },
    quick: true,
    run: (ctx) => khop(ctx, 100_000, 8, 500),
  },
  {
    group: 'query',
    name: '3-hop (out), random start',
    size: '1M nodes, degree 12',
    seed: { text: '2.9 s', ms: 2900 },
    target: { text: '<= 20 ms', ms: 20 },
    quick: false,
    run: (ctx) => khop(ctx, 1_000_000, 12, 200),
  },
  {
    group: 'query',
    name: 'Personalised PageRank, 20 iterations',
    size: '1M nodes, 12M edges',
    target: { text: '<= 1.5 s', ms: 1500 },
    quick: false,
    run: () => ppr(),
  },
];

/**
 * The graph worker's queries: API params (string ids, type names) in, engine calls on dense indices,
 * API results (string ids, names, types) out. Only the nodes and edges of an answer are mapped back,
 * so a query's cost is the traversal plus work proportional to the answer.
 */
import type { z } from 'zod';
import type {
  HopNode, KHopParamsSchema, KHopResult, PathParamsSchema, PathResult, PathsParamsSchema, PathsResult,
  PprParamsSchema, PprResult, QueryEdge,
} from '../../electron/common/protocol/query';
import { WorkbenchError } from '../../electron/common/errors';
import type { PageRankOptions, PageRankRun } from '../graph/pagerank';
import { iterateAsync, iterateSync, type RunControl } from './iterate';
import type { WorkspaceGraph } from './workspace-graph';

export type KHopParams = z.output<typeof KHopParamsSchema>;
export type PathParams = z.output<typeof PathParamsSchema>;
export type PathsParams = z.output<typeof PathsParamsSchema>;
export type PprParams = z.output<typeof PprParamsSchema>;

/** Supernodes listed by id in a truncation report (the count is always exact). */
const CAPPED_LISTED = 100;
/** Edges drawn among PPR results: enough for the canvas, bounded for hubs. */
export const MAX_RESULT_EDGES = 5000;

export function runKHop(g: WorkspaceGraph, p: KHopParams): KHopResult {
  const t = performance.now();
  const seeds = p.ids.map((id) => g.indexOf(id, 'start'));
  const r = g.engine.kHop(seeds, {
    hops: p.hops,
    direction: p.direction,
    edgeTypes: g.edgeTypeSet(p.edgeTypes),
    nodeTypes: g.nodeTypeSet(p.nodeTypes),
    perNodeLimit: p.perNodeLimit,
    perHopLimit: p.perHopLimit,
    maxNodes: p.maxNodes,
  });
  // The infos are fresh objects: adding the hop in place saves a copy per node.
  const nodes = g.describeNodes(r.nodes) as HopNode[];
  for (let i = 0; i < nodes.length; i++) nodes[i].hop = r.hop[i];
  const edges = g.describeEdges(r.edges);
  const result: KHopResult = { nodes, edges, ms: 0 };
  if (r.truncated) {
    const capped = r.truncated.cappedNodes;
    const listed = capped.subarray(0, CAPPED_LISTED);
    result.truncated = {
      omitted: r.truncated.omitted,
      reason: r.truncated.reason,
      reasons: r.truncated.reasons,
      cappedNodes: listed.length ? g.describeNodes(listed).map((n) => n.id) : [],
      cappedCount: capped.length,
      message: r.truncated.message,
    };
  }
  result.ms = performance.now() - t;
  return result;
}

export function runPath(g: WorkspaceGraph, p: PathParams): PathResult {
  const t = performance.now();
  const a = g.indexOf(p.from, 'start');
  const b = g.indexOf(p.to, 'end');
  const opts = { direction: p.direction, edgeTypes: g.edgeTypeSet(p.edgeTypes) };
  const path = p.weightProperty ? g.engine.weightedShortestPath(a, b, g.weights(p.weightProperty), opts) : g.engine.shortestPath(a, b, opts);
  if (!path) return { found: false, nodes: [], edges: [], hops: 0, ms: performance.now() - t };
  const result: PathResult = { found: true, nodes: g.describeNodes(path.nodes), edges: g.describeEdges(path.edges), hops: path.edges.length, ms: 0 };
  if ('cost' in path) result.cost = path.cost as number;
  result.ms = performance.now() - t;
  return result;
}

export function runPaths(g: WorkspaceGraph, p: PathsParams): PathsResult {
  const t = performance.now();
  const a = g.indexOf(p.from, 'start');
  const b = g.indexOf(p.to, 'end');
  const r = g.engine.allSimplePaths(a, b, {
    maxLength: p.maxLength,
    maxResults: p.maxResults,
    direction: p.direction,
    edgeTypes: g.edgeTypeSet(p.edgeTypes),
  });
  const paths = [...r.paths].sort((x, y) => x.edges.length - y.edges.length);
  const nodeSet = new Set<number>();
  const edgeSet = new Set<number>();
  for (const path of paths) {
    for (const v of path.nodes) nodeSet.add(v);
    for (const e of path.edges) edgeSet.add(e);
  }
  const edges = g.describeEdges(Uint32Array.from(edgeSet));
  const edgeIdOf = new Map<number, string>();
  [...edgeSet].forEach((e, i) => edgeIdOf.set(e, edges[i].id));
  return {
    paths: paths.map((path) => ({ nodes: Array.from(path.nodes, (v) => g.idOf(v)), edges: Array.from(path.edges, (e) => edgeIdOf.get(e)!) })),
    nodes: g.describeNodes(Uint32Array.from(nodeSet)),
    edges,
    truncated: r.truncated,
    ms: performance.now() - t,
  };
}

export function runPpr(g: WorkspaceGraph, p: PprParams): PprResult {
  const t = performance.now();
  const ppr = startPpr(g, p);
  iterateSync(ppr.run);
  return pprAnswer(g, p, ppr, t);
}

/** runPpr for the graph worker: yields between iterations, honours `signal`, reports progress. */
export async function runPprAsync(g: WorkspaceGraph, p: PprParams, ctl: RunControl): Promise<PprResult> {
  const t = performance.now();
  const ppr = startPpr(g, p);
  await iterateAsync(ppr.run, ctl);
  return pprAnswer(g, p, ppr, t);
}

function startPpr(g: WorkspaceGraph, p: PprParams): { run: PageRankRun; seedMap: Map<number, number> } {
  if (p.weights && p.weights.length !== p.seeds.length) {
    throw new WorkbenchError('BAD_REQUEST', `There are ${p.weights.length} seed weights for ${p.seeds.length} seeds.`, {
      value: String(p.weights.length),
      expected: String(p.seeds.length),
    });
  }
  const seedMap = new Map<number, number>();
  p.seeds.forEach((id, i) => {
    const v = g.indexOf(id, 'seed');
    seedMap.set(v, (seedMap.get(v) ?? 0) + (p.weights ? p.weights[i] : 1));
  });
  const run = g.engine.pageRankRun(seedMap, pprOptions(g, p));
  return { run, seedMap };
}

/** Engine options from the API's PPR parameters (shared with the spread step of retrieval). */
export function pprOptions(g: WorkspaceGraph, p: Pick<PprParams, 'damping' | 'iterations' | 'direction' | 'edgeTypes' | 'tolerance'>): PageRankOptions {
  return { damping: p.damping, iterations: p.iterations, tolerance: p.tolerance, direction: p.direction, edgeTypes: g.edgeTypeSet(p.edgeTypes) };
}

function pprAnswer(g: WorkspaceGraph, p: PprParams, { run, seedMap }: { run: PageRankRun; seedMap: Map<number, number> }, t: number): PprResult {
  const scores = run.scores;
  const top = g.engine.topK(scores, p.k, p.excludeSeeds ? seedMap.keys() : null);
  const seedIdx = Uint32Array.from(seedMap.keys());
  const all = unique([...seedIdx, ...top.nodes]);
  return {
    seeds: g.describeNodes(seedIdx).map((info, i) => ({ ...info, score: scores[seedIdx[i]] })),
    nodes: g.describeNodes(top.nodes).map((info, i) => ({ ...info, score: top.scores[i] })),
    edges: edgesAmong(g, all),
    iterations: run.iterations,
    delta: run.delta,
    ms: performance.now() - t,
  };
}

/** Edges with both ends in `nodes` (out-lists only, so each edge once), at most MAX_RESULT_EDGES. */
export function edgesAmong(g: WorkspaceGraph, nodes: number[]): QueryEdge[] {
  const csr = g.loaded.csr;
  const inSet = new Set(nodes);
  const found: number[] = [];
  outer: for (const u of nodes) {
    for (let p = csr.outOffsets[u], end = csr.outOffsets[u + 1]; p < end; p++) {
      if (!inSet.has(csr.outTargets[p])) continue;
      found.push(csr.outEdges[p]);
      if (found.length >= MAX_RESULT_EDGES) break outer;
    }
  }
  return g.describeEdges(found);
}

export function unique(values: Iterable<number>): number[] {
  return [...new Set(values)];
}

/**
 * One in-memory graph with its reusable query buffers: what the graph worker keeps per workspace.
 * All queries are synchronous and allocation-light; results are typed arrays of node/edge indices.
 */
import { Csr, type CsrInput, type CsrMemoryReport } from './csr';
import { kHop, type KHopOptions, type KHopResult } from './k-hop';
import { MinHeap } from './min-heap';
import { PageRankRun, personalizedPageRank, type PageRankOptions, type PageRankStats } from './pagerank';
import { topK, type TopK } from './top-k';
import { TraversalScratch } from './scratch';
import { shortestPath, type GraphPath, type PathOptions } from './shortest-path';
import { allSimplePaths, type SimplePathOptions, type SimplePathsResult } from './simple-paths';
import { weightedShortestPath, type WeightedPath } from './weighted-path';

export class GraphEngine {
  readonly csr: Csr;
  private readonly scratch: TraversalScratch;
  private readonly heap = new MinHeap();

  constructor(graph: Csr | CsrInput) {
    this.csr = graph instanceof Csr ? graph : new Csr(graph);
    this.scratch = new TraversalScratch(this.csr.nodeCount);
  }

  kHop(seeds: ArrayLike<number>, opts: KHopOptions): KHopResult {
    return kHop(this.csr, this.scratch, seeds, opts);
  }

  shortestPath(a: number, b: number, opts?: PathOptions): GraphPath | null {
    return shortestPath(this.csr, this.scratch, a, b, opts);
  }

  weightedShortestPath(a: number, b: number, weights: Float32Array | Float64Array, opts?: PathOptions): WeightedPath | null {
    return weightedShortestPath(this.csr, this.scratch, this.heap, a, b, weights, opts);
  }

  allSimplePaths(a: number, b: number, opts: SimplePathOptions): SimplePathsResult {
    return allSimplePaths(this.csr, this.scratch, a, b, opts);
  }

  personalizedPageRank(seeds: Map<number, number> | ArrayLike<number>, opts?: PageRankOptions, stats?: PageRankStats): Float64Array {
    return personalizedPageRank(this.csr, seeds, opts, stats);
  }

  /** The same PageRank, one iteration per step() (for callers that yield or cancel in between). */
  pageRankRun(seeds: Map<number, number> | ArrayLike<number>, opts?: PageRankOptions): PageRankRun {
    return new PageRankRun(this.csr, seeds, opts);
  }

  topK(scores: ArrayLike<number>, k: number, exclude?: Iterable<number> | null): TopK {
    return topK(scores, k, exclude);
  }

  /** CSR bytes plus the traversal buffers this engine keeps. */
  memoryReport(): CsrMemoryReport & { scratch: number } {
    const csr = this.csr.memoryReport();
    const scratch = this.scratch.bytes();
    return { ...csr, scratch, total: csr.total + scratch };
  }
}

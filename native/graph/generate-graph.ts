/**
 * Deterministic random graphs as typed arrays, for tests and benchmarks: n nodes, n·degree edges
 * with uniformly random endpoints (so the average out-degree is `degree`), optional supernodes that
 * each receive `supernodeDegree` extra in-edges, and random edge/node types. Same seed, same graph.
 */
import { seededRandom } from '../../electron/common/seeded-random';
import type { CsrInput } from './csr';

export interface GenerateOptions {
  nodes: number;
  /** Average out-degree (edges = round(nodes · degree)). */
  degree: number;
  seed?: number;
  supernodes?: number;
  supernodeDegree?: number;
  edgeTypes?: number;
  nodeTypes?: number;
  /** Leave out self loops (redrawn). */
  noSelfLoops?: boolean;
}

export interface GeneratedGraph extends Required<Pick<CsrInput, 'src' | 'dst' | 'nodeCount'>> {
  etype: Uint16Array;
  nodeType: Uint16Array;
  /** The supernodes' indices. */
  hubs: Uint32Array;
}

/** The project's seeded PRNG, under the name this module's callers use. */
export const prng = seededRandom;

export function generateGraph(opts: GenerateOptions): GeneratedGraph {
  const n = opts.nodes;
  const rand = prng(opts.seed ?? 1);
  const hubCount = Math.min(opts.supernodes ?? 0, n);
  const hubDegree = opts.supernodeDegree ?? Math.ceil(n / 10);
  const base = Math.round(n * opts.degree);
  const m = base + hubCount * hubDegree;
  const src = new Uint32Array(m);
  const dst = new Uint32Array(m);
  const etype = new Uint16Array(m);
  const edgeTypes = Math.max(1, opts.edgeTypes ?? 1);
  const pick = (k: number) => Math.floor(rand() * k);
  for (let e = 0; e < base; e++) {
    const s = pick(n);
    let d = pick(n);
    while (opts.noSelfLoops && n > 1 && d === s) d = pick(n);
    src[e] = s;
    dst[e] = d;
    etype[e] = edgeTypes > 1 ? pick(edgeTypes) : 0;
  }
  const hubs = new Uint32Array(hubCount);
  for (let h = 0; h < hubCount; h++) hubs[h] = pick(n);
  let e = base;
  for (let h = 0; h < hubCount; h++) {
    for (let k = 0; k < hubDegree; k++, e++) {
      src[e] = pick(n);
      dst[e] = hubs[h];
      etype[e] = edgeTypes > 1 ? pick(edgeTypes) : 0;
    }
  }
  const nodeTypes = Math.max(1, opts.nodeTypes ?? 1);
  const nodeType = new Uint16Array(n);
  if (nodeTypes > 1) for (let v = 0; v < n; v++) nodeType[v] = pick(nodeTypes);
  return { src, dst, etype, nodeType, nodeCount: n, hubs };
}

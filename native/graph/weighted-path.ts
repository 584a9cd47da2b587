/**
 * Weighted shortest path (Dijkstra) with a typed-array binary heap; stops as soon as the target
 * is settled. Weights are per edge index and must be finite and non-negative.
 */
import type { Csr } from './csr';
import { MinHeap } from './min-heap';
import { sidesFor, typeMask, type TraversalScratch } from './scratch';
import type { GraphPath, PathOptions } from './shortest-path';
import { WorkbenchError } from '../../electron/common/errors';

export interface WeightedPath extends GraphPath {
  cost: number;
}

export function weightedShortestPath(
  csr: Csr,
  scratch: TraversalScratch,
  heap: MinHeap,
  a: number,
  b: number,
  weights: Float32Array | Float64Array,
  opts: PathOptions = {},
): WeightedPath | null {
  csr.checkNode(a, 'start');
  csr.checkNode(b, 'end');
  if (weights.length !== csr.edgeCount) {
    throw new WorkbenchError('BAD_REQUEST', `There are ${weights.length} edge weights for ${csr.edgeCount} edges.`, {
      value: String(weights.length),
      expected: String(csr.edgeCount),
    });
  }
  const sides = sidesFor(csr, opts.direction ?? 'out');
  const mask = typeMask(opts.edgeTypes, csr.edgeTypeCount);
  const etype = csr.etype;
  const dist = scratch.dist();
  const seen = scratch.visited.stamps; // dist[v] is valid
  const seenEpoch = scratch.visited.begin();
  const done = scratch.visited2.stamps; // v is settled
  const doneEpoch = scratch.visited2.begin();
  const parent = scratch.parent;
  const parentEdge = scratch.parentEdge;

  heap.clear();
  dist[a] = 0;
  seen[a] = seenEpoch;
  heap.push(0, a);
  let found = false;
  while (heap.size > 0) {
    const d = heap.peekKey();
    const u = heap.pop();
    if (done[u] === doneEpoch) continue; // stale entry
    done[u] = doneEpoch;
    if (u === b) {
      found = true;
      break;
    }
    for (let s = 0; s < sides.length; s++) {
      const [offsets, nbrs, eidx] = sides[s];
      for (let p = offsets[u], end = offsets[u + 1]; p < end; p++) {
        const e = eidx[p];
        if (mask !== null && mask[etype[e]] === 0) continue;
        const v = nbrs[p];
        if (done[v] === doneEpoch) continue;
        const w = weights[e];
        if (!(w >= 0) || w === Infinity) {
          throw new WorkbenchError('BAD_REQUEST', `Edge ${e} has weight ${w}; shortest paths need finite weights of 0 or more.`, {
            value: String(w),
            expected: 'a finite number >= 0',
          });
        }
        const nd = d + w;
        if (seen[v] !== seenEpoch || nd < dist[v]) {
          seen[v] = seenEpoch;
          dist[v] = nd;
          parent[v] = u;
          parentEdge[v] = e;
          heap.push(nd, v);
        }
      }
    }
  }
  if (!found) return null;
  const nodes: number[] = [b];
  const edges: number[] = [];
  for (let v = b; v !== a; v = parent[v]) {
    edges.push(parentEdge[v]);
    nodes.push(parent[v]);
  }
  nodes.reverse();
  edges.reverse();
  return { nodes: Uint32Array.from(nodes), edges: Uint32Array.from(edges), cost: dist[b] };
}

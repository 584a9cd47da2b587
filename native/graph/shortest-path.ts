/**
 * Unweighted shortest path by bidirectional BFS: the smaller frontier grows one whole level at a
 * time, so the search meets in the middle and touches ~2·d^(L/2) nodes instead of d^L.
 * The first meeting is optimal: with no meeting so far the path is longer than Lf + Lb, and a node
 * found while growing level Lf + 1 that the other side already holds closes a path of Lf + 1 + Lb.
 */
import type { Csr, Direction } from './csr';
import { reverse, sidesFor, typeMask, type TraversalScratch } from './scratch';

export interface PathOptions {
  direction?: Direction;
  edgeTypes?: Set<number> | null;
}

export interface GraphPath {
  /** a, ..., b */
  nodes: Uint32Array;
  /** edges[i] joins nodes[i] and nodes[i + 1] (edge indices). */
  edges: Uint32Array;
}

export function shortestPath(csr: Csr, scratch: TraversalScratch, a: number, b: number, opts: PathOptions = {}): GraphPath | null {
  csr.checkNode(a, 'start');
  csr.checkNode(b, 'end');
  if (a === b) return { nodes: Uint32Array.of(a), edges: new Uint32Array(0) };
  const direction = opts.direction ?? 'out';
  const fSides = sidesFor(csr, direction);
  const bSides = sidesFor(csr, reverse(direction));
  const mask = typeMask(opts.edgeTypes, csr.edgeTypeCount);
  const etype = csr.etype;

  const fStamps = scratch.visited.stamps;
  const fEpoch = scratch.visited.begin();
  const bStamps = scratch.visited2.stamps;
  const bEpoch = scratch.visited2.begin();
  const fQueue = scratch.queue;
  const bQueue = scratch.queue2;
  const fParent = scratch.parent;
  const fEdge = scratch.parentEdge;
  const bParent = scratch.parent2;
  const bEdge = scratch.parentEdge2;

  fStamps[a] = fEpoch;
  fQueue[0] = a;
  bStamps[b] = bEpoch;
  bQueue[0] = b;
  // Each queue holds whole levels; [head, tail) is the current frontier.
  let fHead = 0;
  let fTail = 1;
  let bHead = 0;
  let bTail = 1;
  let meet = -1;

  while (fHead < fTail && bHead < bTail && meet < 0) {
    const forward = fTail - fHead <= bTail - bHead;
    const sides = forward ? fSides : bSides;
    const queue = forward ? fQueue : bQueue;
    const stamps = forward ? fStamps : bStamps;
    const epoch = forward ? fEpoch : bEpoch;
    const other = forward ? bStamps : fStamps;
    const otherEpoch = forward ? bEpoch : fEpoch;
    const parent = forward ? fParent : bParent;
    const parentEdge = forward ? fEdge : bEdge;
    let head = forward ? fHead : bHead;
    let tail = forward ? fTail : bTail;
    const levelEnd = tail;
    grow: for (; head < levelEnd; head++) {
      const u = queue[head];
      for (let s = 0; s < sides.length; s++) {
        const [offsets, nbrs, eidx] = sides[s];
        for (let p = offsets[u], end = offsets[u + 1]; p < end; p++) {
          const e = eidx[p];
          if (mask !== null && mask[etype[e]] === 0) continue;
          const v = nbrs[p];
          if (stamps[v] === epoch) continue;
          stamps[v] = epoch;
          parent[v] = u;
          parentEdge[v] = e;
          queue[tail++] = v;
          if (other[v] === otherEpoch) {
            meet = v;
            break grow;
          }
        }
      }
    }
    if (forward) {
      fHead = levelEnd;
      fTail = tail;
    } else {
      bHead = levelEnd;
      bTail = tail;
    }
  }
  if (meet < 0) return null;

  const left: number[] = [];
  const leftEdges: number[] = [];
  for (let v = meet; v !== a; v = fParent[v]) {
    left.push(v);
    leftEdges.push(fEdge[v]);
  }
  left.push(a);
  left.reverse();
  leftEdges.reverse();
  const nodes = left;
  const edges = leftEdges;
  for (let v = meet; v !== b; ) {
    edges.push(bEdge[v]);
    v = bParent[v];
    nodes.push(v);
  }
  return { nodes: Uint32Array.from(nodes), edges: Uint32Array.from(edges) };
}

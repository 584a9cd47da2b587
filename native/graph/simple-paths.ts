/**
 * All simple paths from a to b of at most maxLength edges, by iterative DFS. A bounded backward BFS
 * from b first gives each node's distance to b, so the DFS never enters a node from which b is out
 * of reach within the remaining length: the search only walks edges that can end in an answer.
 * Parallel edges give distinct paths (a path is a sequence of edges with no repeated node).
 */
import type { Csr, Direction } from './csr';
import { reverse, sidesFor, typeMask, type TraversalScratch } from './scratch';
import type { GraphPath } from './shortest-path';
import { WorkbenchError } from '../../electron/common/errors';

export interface SimplePathOptions {
  maxLength: number;
  maxResults?: number;
  direction?: Direction;
  edgeTypes?: Set<number> | null;
}

export interface SimplePathsResult {
  paths: GraphPath[];
  /** True when maxResults stopped the search before every path was found. */
  truncated: boolean;
}

export function allSimplePaths(csr: Csr, scratch: TraversalScratch, a: number, b: number, opts: SimplePathOptions): SimplePathsResult {
  csr.checkNode(a, 'start');
  csr.checkNode(b, 'end');
  const maxLength = opts.maxLength;
  const maxResults = opts.maxResults ?? 100;
  if (!Number.isInteger(maxLength) || maxLength < 0 || maxLength > 64) {
    throw new WorkbenchError('BAD_REQUEST', `The maximum path length must be a whole number from 0 to 64, got ${maxLength}.`, { value: String(maxLength) });
  }
  if (!Number.isInteger(maxResults) || maxResults < 1) {
    throw new WorkbenchError('BAD_REQUEST', `maxResults must be a whole number of 1 or more, got ${maxResults}.`, { value: String(maxResults) });
  }
  if (a === b) return { paths: [{ nodes: Uint32Array.of(a), edges: new Uint32Array(0) }], truncated: false };
  const direction = opts.direction ?? 'out';
  const sides = sidesFor(csr, direction);
  const mask = typeMask(opts.edgeTypes, csr.edgeTypeCount);
  const etype = csr.etype;

  // Distances to b, walking edges backwards, up to maxLength - 1 (a's distance is not needed).
  const toB = scratch.order;
  const near = scratch.visited2.stamps;
  const nearEpoch = scratch.visited2.begin();
  const back = sidesFor(csr, reverse(direction));
  const queue = scratch.queue;
  near[b] = nearEpoch;
  toB[b] = 0;
  queue[0] = b;
  let tail = 1;
  for (let head = 0; head < tail; head++) {
    const u = queue[head];
    if (toB[u] + 1 >= maxLength) continue;
    for (const [offsets, nbrs, eidx] of back) {
      for (let p = offsets[u], end = offsets[u + 1]; p < end; p++) {
        if (mask !== null && mask[etype[eidx[p]]] === 0) continue;
        const v = nbrs[p];
        if (near[v] === nearEpoch) continue;
        near[v] = nearEpoch;
        toB[v] = toB[u] + 1;
        queue[tail++] = v;
      }
    }
  }

  const onPath = scratch.visited.stamps;
  const pathEpoch = scratch.visited.begin();
  const pathNodes = new Uint32Array(maxLength + 1);
  const pathEdges = new Uint32Array(maxLength);
  const side = new Uint8Array(maxLength + 1);
  const pos = new Uint32Array(maxLength + 1);
  const paths: GraphPath[] = [];

  let depth = 0;
  pathNodes[0] = a;
  onPath[a] = pathEpoch;
  side[0] = 0;
  pos[0] = sides[0][0][a];
  while (depth >= 0) {
    const u = pathNodes[depth];
    let next = -1;
    let nextEdge = 0;
    if (depth < maxLength) {
      while (side[depth] < sides.length) {
        const [offsets, nbrs, eidx] = sides[side[depth]];
        const end = offsets[u + 1];
        while (pos[depth] < end) {
          const p = pos[depth]++;
          const e = eidx[p];
          if (mask !== null && mask[etype[e]] === 0) continue;
          const v = nbrs[p];
          if (v === b) {
            pathEdges[depth] = e;
            pathNodes[depth + 1] = b;
            paths.push({ nodes: pathNodes.slice(0, depth + 2), edges: pathEdges.slice(0, depth + 1) });
            // One path beyond maxResults tells whether the answer was cut.
            if (paths.length > maxResults) {
              paths.pop();
              return { paths, truncated: true };
            }
            continue;
          }
          if (onPath[v] === pathEpoch || near[v] !== nearEpoch || depth + 1 + toB[v] > maxLength) continue;
          next = v;
          nextEdge = e;
          break;
        }
        if (next >= 0) break;
        side[depth]++;
        if (side[depth] < sides.length) pos[depth] = sides[side[depth]][0][u];
      }
    }
    if (next >= 0) {
      pathEdges[depth] = nextEdge;
      depth++;
      pathNodes[depth] = next;
      onPath[next] = pathEpoch;
      side[depth] = 0;
      pos[depth] = sides[0][0][next];
    } else {
      onPath[u] = 0;
      depth--;
    }
  }
  return { paths, truncated: false };
}

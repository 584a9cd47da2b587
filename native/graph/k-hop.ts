/**
 * k-hop neighbourhood by level-synchronous BFS on the CSR, with relation and node-type filters and
 * a supernode guard. Caps are explicit options so results stay exact unless the caller asks for a
 * cut, and every cut is reported (how many adjacency entries were never examined, and which nodes).
 */
import type { Csr, Direction } from './csr';
import { grow, sidesFor, typeMask, type TraversalScratch } from './scratch';
import { WorkbenchError } from '../../electron/common/errors';

export interface KHopOptions {
  hops: number;
  direction?: Direction;
  /** Only edges of these (interned) relation types are followed. */
  edgeTypes?: Set<number> | null;
  /** Only nodes of these (interned) types are added; seeds are always kept. */
  nodeTypes?: Set<number> | null;
  /** Supernode guard: at most this many edges of one node are followed. */
  perNodeLimit?: number;
  /** At most this many new nodes are added per hop. */
  perHopLimit?: number;
  /** The answer holds at most this many nodes (seeds included). */
  maxNodes?: number;
}

export type TruncationReason = 'perNodeLimit' | 'perHopLimit' | 'maxNodes';

export interface Truncation {
  /** Adjacency entries (edges, per side) that were never examined because of a cap. */
  omitted: number;
  /** The first cap that cut the expansion. */
  reason: TruncationReason;
  reasons: TruncationReason[];
  /** Nodes whose own expansion was cut by perNodeLimit (the supernodes). */
  cappedNodes: Uint32Array;
  message: string;
}

export interface KHopResult {
  /** In BFS order: seeds first, then hop 1, hop 2, ... */
  nodes: Uint32Array;
  hop: Uint8Array;
  /** Every followed edge between two returned nodes, each once (edge indices). */
  edges: Uint32Array;
  truncated?: Truncation;
}

export function kHop(csr: Csr, scratch: TraversalScratch, seeds: ArrayLike<number>, opts: KHopOptions): KHopResult {
  const hops = opts.hops;
  if (!Number.isInteger(hops) || hops < 0 || hops > 255) {
    throw new WorkbenchError('BAD_REQUEST', `The number of hops must be a whole number from 0 to 255, got ${hops}.`, { value: String(hops) });
  }
  const direction = opts.direction ?? 'out';
  const sides = sidesFor(csr, direction);
  const both = sides.length === 2;
  const edgeMask = typeMask(opts.edgeTypes, csr.edgeTypeCount);
  const nodeMask = typeMask(opts.nodeTypes, csr.nodeTypeCount);
  const perNode = limit(opts.perNodeLimit, 'perNodeLimit');
  const perHop = limit(opts.perHopLimit, 'perHopLimit');
  const maxNodes = limit(opts.maxNodes, 'maxNodes');
  const etype = csr.etype;
  const ntype = csr.nodeType;

  const stamps = scratch.visited.stamps;
  const epoch = scratch.visited.begin();
  const capped = scratch.visited2.stamps;
  const cappedEpoch = scratch.visited2.begin();
  const queue = scratch.queue;
  const order = scratch.order;
  let edgeBuf = scratch.edgeBuffer;
  let edgeCount = 0;

  let tail = 0;
  for (let i = 0; i < seeds.length; i++) {
    const s = seeds[i];
    csr.checkNode(s, 'seed');
    if (stamps[s] !== epoch) {
      stamps[s] = epoch;
      order[s] = tail;
      queue[tail++] = s;
    }
  }
  const levelEnds: number[] = [tail];

  let omitted = 0;
  const reasons: TruncationReason[] = [];
  const cappedNodes: number[] = [];
  let stopAll = false;
  let anyCapped = false;

  let head = 0;
  for (let h = 0; h < hops && !stopAll; h++) {
    const levelEnd = tail;
    let added = 0;
    let hopFull = false;
    for (; head < levelEnd; head++) {
      const u = queue[head];
      let followed = 0;
      let cut = false;
      for (let s = 0; s < sides.length; s++) {
        const [offsets, nbrs, eidx] = sides[s];
        const end = offsets[u + 1];
        let p = offsets[u];
        for (; p < end; p++) {
          const e = eidx[p];
          if (edgeMask !== null && edgeMask[etype[e]] === 0) continue;
          const v = nbrs[p];
          // With both directions a self loop sits in u's out- and in-list; follow it once.
          if (both && s === 1 && v === u) continue;
          if (followed >= perNode) {
            cut = true;
            note(reasons, 'perNodeLimit');
            cappedNodes.push(u);
            break;
          }
          followed++;
          if (stamps[v] === epoch) {
            // In 'both' mode v already recorded this edge if v was expanded before u (whole).
            if (!both || order[v] >= head || capped[v] === cappedEpoch) {
              if (edgeCount === edgeBuf.length) edgeBuf = scratch.edgeBuffer = grow(edgeBuf);
              edgeBuf[edgeCount++] = e;
            }
            continue;
          }
          if (nodeMask !== null && nodeMask[ntype[v]] === 0) continue;
          if (tail >= maxNodes || added >= perHop) {
            cut = true;
            if (tail >= maxNodes) {
              note(reasons, 'maxNodes');
              stopAll = true;
            } else {
              note(reasons, 'perHopLimit');
            }
            hopFull = true;
            break;
          }
          stamps[v] = epoch;
          order[v] = tail;
          queue[tail++] = v;
          added++;
          if (edgeCount === edgeBuf.length) edgeBuf = scratch.edgeBuffer = grow(edgeBuf);
          edgeBuf[edgeCount++] = e;
        }
        if (cut) {
          // u was only partly expanded: edges to it must be recorded from the other end.
          capped[u] = cappedEpoch;
          anyCapped = true;
          omitted += end - p;
          for (let t = s + 1; t < sides.length; t++) omitted += sides[t][0][u + 1] - sides[t][0][u];
          break;
        }
      }
      if (hopFull) {
        head++;
        // The rest of this level is never expanded.
        for (let i = head; i < levelEnd; i++) {
          omitted += csr.degree(queue[i], direction);
          capped[queue[i]] = cappedEpoch;
        }
        head = levelEnd;
        break;
      }
    }
    levelEnds.push(tail);
    if (stopAll && h + 1 < hops) {
      // The nodes just added would have been expanded by the next hop.
      for (let i = levelEnd; i < tail; i++) omitted += csr.degree(queue[i], direction);
    }
    if (tail === levelEnd) break;
  }

  const nodes = queue.slice(0, tail);
  const hop = new Uint8Array(tail);
  for (let l = 1; l < levelEnds.length; l++) hop.fill(l, levelEnds[l - 1], levelEnds[l]);
  let edges: Uint32Array = edgeBuf.slice(0, edgeCount);
  if (both && anyCapped) edges = uniqueSorted(edges);

  const result: KHopResult = { nodes, hop, edges };
  if (reasons.length > 0) {
    result.truncated = {
      omitted,
      reason: reasons[0],
      reasons,
      cappedNodes: Uint32Array.from(cappedNodes),
      message: describe(reasons, omitted, cappedNodes.length, opts),
    };
  }
  return result;
}

function limit(value: number | undefined, name: string): number {
  if (value === undefined || value === Infinity) return Infinity;
  if (!Number.isInteger(value) || value < 0) {
    throw new WorkbenchError('BAD_REQUEST', `${name} must be a whole number of 0 or more, got ${value}.`, { value: String(value) });
  }
  return value;
}

function note(reasons: TruncationReason[], r: TruncationReason): void {
  if (!reasons.includes(r)) reasons.push(r);
}

function uniqueSorted(a: Uint32Array): Uint32Array {
  a.sort();
  let w = 0;
  for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[i - 1]) a[w++] = a[i];
  return a.slice(0, w);
}

function describe(reasons: TruncationReason[], omitted: number, cappedCount: number, opts: KHopOptions): string {
  const parts: string[] = [];
  for (const r of reasons) {
    if (r === 'perNodeLimit') parts.push(`${cappedCount} node(s) have more than ${opts.perNodeLimit} edges; only the first ${opts.perNodeLimit} of each were followed`);
    if (r === 'perHopLimit') parts.push(`a hop reached the limit of ${opts.perHopLimit} new nodes`);
    if (r === 'maxNodes') parts.push(`the answer reached the limit of ${opts.maxNodes} nodes`);
  }
  return `${parts.join('; ')}. ${omitted} edge(s) were not examined.`;
}

/**
 * k-hop, shortest paths (unweighted, weighted) and simple paths against plain reference code
 * written here with Maps and arrays, on generated graphs with self loops, parallel edges,
 * several relation/node types and supernodes.
 */
import { describe, expect, it } from 'vitest';
import type { Direction } from './csr';
import { generateGraph, prng } from './generate-graph';
import { GraphEngine } from './graph-engine';
import { WorkbenchError } from '../../electron/common/errors';

interface Edges {
  src: ArrayLike<number>;
  dst: ArrayLike<number>;
  etype: ArrayLike<number>;
  nodeType: ArrayLike<number>;
  nodeCount: number;
}
type Step = { to: number; edge: number };

/** Reference adjacency: for each node the steps a walk in `direction` can take. */
function steps(g: Edges, direction: Direction, edgeTypes?: Set<number>): Map<number, Step[]> {
  const adj = new Map<number, Step[]>();
  const add = (from: number, to: number, edge: number) => {
    if (!adj.has(from)) adj.set(from, []);
    adj.get(from)!.push({ to, edge });
  };
  for (let e = 0; e < g.src.length; e++) {
    if (edgeTypes && !edgeTypes.has(g.etype[e])) continue;
    if (direction !== 'in') add(g.src[e], g.dst[e], e);
    if (direction !== 'out' && !(direction === 'both' && g.src[e] === g.dst[e])) add(g.dst[e], g.src[e], e);
  }
  return adj;
}

function naiveKHop(g: Edges, seeds: number[], hops: number, direction: Direction, edgeTypes?: Set<number>, nodeTypes?: Set<number>) {
  const adj = steps(g, direction, edgeTypes);
  const dist = new Map<number, number>();
  let frontier: number[] = [];
  for (const s of seeds) {
    if (dist.has(s)) continue;
    dist.set(s, 0);
    frontier.push(s);
  }
  for (let h = 1; h <= hops; h++) {
    const next: number[] = [];
    for (const u of frontier) {
      for (const { to } of adj.get(u) ?? []) {
        if (dist.has(to) || (nodeTypes && !nodeTypes.has(g.nodeType[to]))) continue;
        dist.set(to, h);
        next.push(to);
      }
    }
    frontier = next;
  }
  const edges = new Set<number>();
  for (const [u, d] of dist) if (d < hops) for (const { to, edge } of adj.get(u) ?? []) if (dist.has(to)) edges.add(edge);
  return { dist, edges };
}

function naiveDistance(g: Edges, a: number, b: number, direction: Direction, edgeTypes?: Set<number>): number {
  const adj = steps(g, direction, edgeTypes);
  const dist = new Map([[a, 0]]);
  const queue = [a];
  while (queue.length) {
    const u = queue.shift()!;
    if (u === b) return dist.get(u)!;
    for (const { to } of adj.get(u) ?? []) {
      if (dist.has(to)) continue;
      dist.set(to, dist.get(u)! + 1);
      queue.push(to);
    }
  }
  return -1;
}

/** O(V^2) Dijkstra without a heap. */
function naiveDijkstra(g: Edges, a: number, b: number, w: ArrayLike<number>, direction: Direction): number {
  const adj = steps(g, direction);
  const dist = new Array<number>(g.nodeCount).fill(Infinity);
  const done = new Array<boolean>(g.nodeCount).fill(false);
  dist[a] = 0;
  for (;;) {
    let u = -1;
    for (let v = 0; v < g.nodeCount; v++) if (!done[v] && dist[v] < Infinity && (u < 0 || dist[v] < dist[u])) u = v;
    if (u < 0) return Infinity;
    if (u === b) return dist[b];
    done[u] = true;
    for (const { to, edge } of adj.get(u) ?? []) dist[to] = Math.min(dist[to], dist[u] + w[edge]);
  }
}

function naiveSimplePaths(g: Edges, a: number, b: number, maxLength: number, direction: Direction): Set<string> {
  const adj = steps(g, direction);
  const found = new Set<string>();
  const walk = (u: number, seen: Set<number>, path: number[]) => {
    if (path.length === maxLength) return;
    for (const { to, edge } of adj.get(u) ?? []) {
      if (to === b) found.add([...path, edge].join(','));
      else if (!seen.has(to)) walk(to, new Set([...seen, to]), [...path, edge]);
    }
  };
  walk(a, new Set([a]), []);
  return found;
}

/** Checks that `edges` join `nodes` in order, in the walk's direction, within the type filter. */
function expectValidPath(g: Edges, nodes: ArrayLike<number>, edges: ArrayLike<number>, direction: Direction, edgeTypes?: Set<number>) {
  expect(edges.length).toBe(nodes.length - 1);
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i];
    const fwd = g.src[e] === nodes[i] && g.dst[e] === nodes[i + 1];
    const bwd = g.dst[e] === nodes[i] && g.src[e] === nodes[i + 1];
    expect(direction === 'out' ? fwd : direction === 'in' ? bwd : fwd || bwd).toBe(true);
    if (edgeTypes) expect(edgeTypes.has(g.etype[e])).toBe(true);
  }
  expect(new Set(Array.from(nodes)).size).toBe(nodes.length);
}

const directions: Direction[] = ['out', 'in', 'both'];
const small = generateGraph({ nodes: 300, degree: 2.5, seed: 11, edgeTypes: 3, nodeTypes: 3, supernodes: 2, supernodeDegree: 40 });
// Self loops and a parallel edge make the bookkeeping honest.
const g: Edges & { src: Uint32Array; dst: Uint32Array; etype: Uint16Array; nodeType: Uint16Array } = {
  ...small,
  src: Uint32Array.from([...small.src, 5, 7, 7, 9]),
  dst: Uint32Array.from([...small.dst, 5, 8, 8, 9]),
  etype: Uint16Array.from([...small.etype, 0, 1, 1, 2]),
};
const engine = new GraphEngine(g);

describe('kHop', () => {
  for (const direction of directions) {
    for (const [label, edgeTypes, nodeTypes] of [
      ['no filter', undefined, undefined],
      ['edge types {0,2}', new Set([0, 2]), undefined],
      ['node types {1}', undefined, new Set([1])],
    ] as Array<[string, Set<number> | undefined, Set<number> | undefined]>) {
      it(`equals the reference BFS (${direction}, ${label})`, () => {
        for (const seeds of [[0], [5], [7, 9, 7], [...small.hubs], [42, 43, 44]]) {
          for (const hops of [0, 1, 2, 3, 5]) {
            const r = engine.kHop(seeds, { hops, direction, edgeTypes, nodeTypes });
            const ref = naiveKHop(g, seeds, hops, direction, edgeTypes, nodeTypes);
            expect(r.truncated).toBeUndefined();
            expect(r.nodes.length).toBe(ref.dist.size);
            for (let i = 0; i < r.nodes.length; i++) expect(r.hop[i]).toBe(ref.dist.get(r.nodes[i]));
            for (let i = 1; i < r.hop.length; i++) expect(r.hop[i]).toBeGreaterThanOrEqual(r.hop[i - 1]);
            expect([...r.edges].sort((x, y) => x - y)).toEqual([...ref.edges].sort((x, y) => x - y));
          }
        }
      });
    }
  }

  it('caps a supernode, says how many edges were not followed and which node was cut', () => {
    const hub = 0;
    const leaves = 1000;
    const star = new GraphEngine({
      src: Uint32Array.from({ length: leaves }, () => hub),
      dst: Uint32Array.from({ length: leaves }, (_, i) => i + 1),
      nodeCount: leaves + 1,
    });
    const r = star.kHop([hub], { hops: 2, direction: 'out', perNodeLimit: 10 });
    expect(r.nodes.length).toBe(11);
    expect(r.edges.length).toBe(10);
    expect(r.truncated).toMatchObject({ reason: 'perNodeLimit', omitted: 990 });
    expect([...r.truncated!.cappedNodes]).toEqual([hub]);
    expect(r.truncated!.message).toContain('990');
    // From a leaf, 'both' reaches the hub at hop 1 and its cut expansion at hop 2.
    const fromLeaf = star.kHop([5], { hops: 2, direction: 'both', perNodeLimit: 10 });
    expect(fromLeaf.truncated?.cappedNodes[0]).toBe(hub);
    expect(fromLeaf.nodes.length).toBe(1 + 1 + 9);
  });

  it('honours perHopLimit and maxNodes and keeps true BFS distances for what it returns', () => {
    const ref = naiveKHop(g, [0], 4, 'both');
    const perHop = engine.kHop([0], { hops: 4, direction: 'both', perHopLimit: 5 });
    expect(perHop.truncated?.reason).toBe('perHopLimit');
    expect(perHop.truncated!.omitted).toBeGreaterThan(0);
    for (let h = 1; h <= 4; h++) expect(perHop.hop.filter((x) => x === h).length).toBeLessThanOrEqual(5);
    const capped = engine.kHop([0], { hops: 4, direction: 'both', maxNodes: 50 });
    expect(capped.nodes.length).toBe(50);
    expect(capped.truncated?.reason).toBe('maxNodes');
    for (let i = 0; i < capped.nodes.length; i++) expect(capped.hop[i]).toBe(ref.dist.get(capped.nodes[i]));
    const edgeSet = new Set(capped.edges);
    expect(edgeSet.size).toBe(capped.edges.length);
    const inAnswer = new Set(capped.nodes);
    for (const e of capped.edges) expect(inAnswer.has(g.src[e]) && inAnswer.has(g.dst[e])).toBe(true);
  });

  it('never expands past maxNodes even when the seeds alone reach it', () => {
    const r = engine.kHop([1, 2, 3, 4], { hops: 2, direction: 'both', maxNodes: 3 });
    expect([...r.nodes]).toEqual([1, 2, 3, 4]);
    expect(r.truncated?.reason).toBe('maxNodes');
    expect(r.truncated!.omitted).toBeGreaterThan(0);
    for (const e of r.edges) expect([1, 2, 3, 4].includes(g.src[e]) && [1, 2, 3, 4].includes(g.dst[e])).toBe(true);
  });

  it('rejects bad input with a readable error', () => {
    expect(() => engine.kHop([100_000], { hops: 2 })).toThrow(WorkbenchError);
    expect(() => engine.kHop([1], { hops: 300 })).toThrow(/hops/);
    expect(() => engine.kHop([1], { hops: 1, direction: 'sideways' as Direction })).toThrow(/direction/);
  });
});

describe('shortestPath (bidirectional BFS)', () => {
  it('has the reference length and is a real path, for every direction and a type filter', () => {
    const rand = prng(3);
    for (const direction of directions) {
      for (const edgeTypes of [undefined, new Set([1])]) {
        for (let q = 0; q < 150; q++) {
          const a = Math.floor(rand() * g.nodeCount);
          const b = Math.floor(rand() * g.nodeCount);
          const want = naiveDistance(g, a, b, direction, edgeTypes);
          const got = engine.shortestPath(a, b, { direction, edgeTypes });
          if (want < 0) expect(got).toBeNull();
          else {
            expect(got!.edges.length).toBe(want);
            expect(got!.nodes[0]).toBe(a);
            expect(got!.nodes[got!.nodes.length - 1]).toBe(b);
            expectValidPath(g, got!.nodes, got!.edges, direction, edgeTypes);
          }
        }
      }
    }
  });
});

describe('weightedShortestPath (Dijkstra)', () => {
  const w = new Float32Array(g.src.length);
  const rand = prng(5);
  for (let e = 0; e < w.length; e++) w[e] = Math.floor(rand() * 20) / 4; // zeros and ties included

  it('has the reference cost and a path whose weights add up to it', () => {
    for (const direction of directions) {
      for (let q = 0; q < 60; q++) {
        const a = Math.floor(rand() * g.nodeCount);
        const b = Math.floor(rand() * g.nodeCount);
        const want = naiveDijkstra(g, a, b, w, direction);
        const got = engine.weightedShortestPath(a, b, w, { direction });
        if (want === Infinity) expect(got).toBeNull();
        else {
          expect(got!.cost).toBeCloseTo(want, 9);
          expect([...got!.edges].reduce((s, e) => s + w[e], 0)).toBeCloseTo(want, 9);
          expectValidPath(g, got!.nodes, got!.edges, direction);
        }
      }
    }
  });

  it('refuses negative weights and a weight array of the wrong size', () => {
    const bad = Float32Array.from(w, () => -1);
    expect(() => engine.weightedShortestPath(small.hubs[0], 1, bad, { direction: 'both' })).toThrow(/weight/);
    expect(() => engine.weightedShortestPath(0, 1, new Float32Array(3))).toThrow(/3 edge weights/);
  });
});

describe('allSimplePaths', () => {
  it('finds exactly the reference paths up to maxLength', () => {
    const rand = prng(9);
    let nonEmpty = 0;
    for (const direction of directions) {
      for (let q = 0; q < 25; q++) {
        const a = Math.floor(rand() * g.nodeCount);
        const b = q % 5 === 0 ? small.hubs[0] : Math.floor(rand() * g.nodeCount);
        if (a === b) continue;
        const maxLength = direction === 'both' ? 3 : 5;
        const ref = naiveSimplePaths(g, a, b, maxLength, direction);
        const got = engine.allSimplePaths(a, b, { maxLength, maxResults: 100_000, direction });
        expect(got.truncated).toBe(false);
        expect(new Set(got.paths.map((p) => [...p.edges].join(',')))).toEqual(ref);
        expect(got.paths.length).toBe(ref.size);
        for (const p of got.paths) expectValidPath(g, p.nodes, p.edges, direction);
        if (ref.size > 0) nonEmpty++;
      }
    }
    expect(nonEmpty).toBeGreaterThan(10);
  });

  it('stops at maxResults and says so only when more paths exist', () => {
    const a = 1;
    const b = small.hubs[0];
    const all = naiveSimplePaths(g, a, b, 4, 'both');
    expect(all.size).toBeGreaterThan(3);
    const cut = engine.allSimplePaths(a, b, { maxLength: 4, maxResults: 3, direction: 'both' });
    expect(cut.truncated).toBe(true);
    expect(cut.paths.length).toBe(3);
    for (const p of cut.paths) expect(all.has([...p.edges].join(','))).toBe(true);
    const exact = engine.allSimplePaths(a, b, { maxLength: 4, maxResults: all.size, direction: 'both' });
    expect(exact.truncated).toBe(false);
    expect(exact.paths.length).toBe(all.size);
  });
});

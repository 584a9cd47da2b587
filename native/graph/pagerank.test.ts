/**
 * Personalised PageRank against a dense reference written here (power iteration on an explicit
 * transition matrix, and the exact solution of the linear system by Gaussian elimination).
 */
import { describe, expect, it } from 'vitest';
import type { Direction } from './csr';
import { generateGraph } from './generate-graph';
import { GraphEngine } from './graph-engine';
import { topK } from './top-k';

const directions: Direction[] = ['out', 'in', 'both'];

/** Column-stochastic walk matrix M[to][from]; dangling columns send everything to the seeds p. */
function walkMatrix(src: ArrayLike<number>, dst: ArrayLike<number>, types: ArrayLike<number>, n: number, direction: Direction, p: number[], allowed?: Set<number>) {
  const moves: Array<[number, number]> = [];
  for (let e = 0; e < src.length; e++) {
    if (allowed && !allowed.has(types[e])) continue;
    if (direction !== 'in') moves.push([src[e], dst[e]]);
    if (direction !== 'out') moves.push([dst[e], src[e]]);
  }
  const deg = new Array(n).fill(0);
  for (const [from] of moves) deg[from]++;
  const M = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const [from, to] of moves) M[to][from] += 1 / deg[from];
  for (let from = 0; from < n; from++) if (deg[from] === 0) for (let to = 0; to < n; to++) M[to][from] = p[to];
  return M;
}

function densePowerIteration(M: number[][], p: number[], d: number, iterations: number): number[] {
  let x = [...p];
  for (let it = 0; it < iterations; it++) x = p.map((pi, i) => (1 - d) * pi + d * M[i].reduce((s, m, j) => s + m * x[j], 0));
  return x;
}

/** Solves (I - d·M) x = (1 - d) p exactly (partial pivoting). */
function exactSolve(M: number[][], p: number[], d: number): number[] {
  const n = p.length;
  const A = M.map((row, i) => [...row.map((m, j) => (i === j ? 1 : 0) - d * m), (1 - d) * p[i]]);
  for (let c = 0; c < n; c++) {
    let best = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[best][c])) best = r;
    [A[c], A[best]] = [A[best], A[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k <= n; k++) A[r][k] -= f * A[c][k];
    }
  }
  return A.map((row, i) => row[n] / row[i]);
}

// Sparse enough to have dangling nodes, with self loops and a hub.
const generated = generateGraph({ nodes: 60, degree: 1.3, seed: 4, edgeTypes: 3, supernodes: 1, supernodeDegree: 15 });
const g = {
  ...generated,
  src: Uint32Array.from([...generated.src, 5, 6, 6]),
  dst: Uint32Array.from([...generated.dst, 5, 6, 7]),
  etype: Uint16Array.from([...generated.etype, 0, 1, 2]),
};
const engine = new GraphEngine(g);
const n = g.nodeCount;

describe('personalizedPageRank', () => {
  const seeds = new Map([
    [3, 2],
    [10, 1],
    [g.hubs[0], 1],
  ]);
  const p = new Array(n).fill(0);
  for (const [s, w] of seeds) p[s] += w / 4;

  for (const direction of directions) {
    it(`matches dense power iteration after 20 iterations and sums to 1 (${direction})`, () => {
      const x = engine.personalizedPageRank(seeds, { direction, iterations: 20 });
      const ref = densePowerIteration(walkMatrix(g.src, g.dst, g.etype, n, direction, p), p, 0.85, 20);
      for (let v = 0; v < n; v++) expect(Math.abs(x[v] - ref[v])).toBeLessThan(1e-6);
      expect(Math.abs(x.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-6);
    });

    it(`converges to the exact solution of the linear system (${direction})`, () => {
      const exact = exactSolve(walkMatrix(g.src, g.dst, g.etype, n, direction, p), p, 0.85);
      const stats = { iterations: 0, delta: 0 };
      const x = engine.personalizedPageRank(seeds, { direction, iterations: 500, tolerance: 1e-12, precision: 'float64' }, stats);
      expect(stats.iterations).toBeLessThan(500);
      expect(stats.delta).toBeLessThan(1e-12);
      for (let v = 0; v < n; v++) expect(Math.abs(x[v] - exact[v])).toBeLessThan(1e-9);
      // The float32 gather (the default on large graphs) stays within 1e-6 of the exact answer.
      const fast = engine.personalizedPageRank(seeds, { direction, iterations: 200, precision: 'float32' });
      for (let v = 0; v < n; v++) expect(Math.abs(fast[v] - exact[v])).toBeLessThan(1e-6);
      expect(Math.abs(fast.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-6);
    });
  }

  it('walks only the allowed relation types, other damping, uniform seeds from an array', () => {
    const allowed = new Set([0, 2]);
    const uniform = [7, 8, 9];
    const q = new Array(n).fill(0);
    for (const s of uniform) q[s] = 1 / 3;
    const x = engine.personalizedPageRank(uniform, { direction: 'both', edgeTypes: allowed, damping: 0.5, iterations: 30 });
    const ref = densePowerIteration(walkMatrix(g.src, g.dst, g.etype, n, 'both', q, allowed), q, 0.5, 30);
    for (let v = 0; v < n; v++) expect(Math.abs(x[v] - ref[v])).toBeLessThan(1e-6);
  });

  it('gives the same scores in the sparse push start as a plain sparse power iteration', () => {
    // Sparse graph: the scored set grows hop by hop, so the first iterations push, the rest pull.
    const thin = generateGraph({ nodes: 5000, degree: 2.5, seed: 12, edgeTypes: 2 });
    const thinEngine = new GraphEngine(thin);
    for (const direction of directions) {
      const seedMap = new Map([[1, 1], [2, 3], [3, 0]]);
      const stats = { iterations: 0, delta: 0, pushIterations: 0 };
      const x = thinEngine.personalizedPageRank(seedMap, { direction, iterations: 25, edgeTypes: direction === 'both' ? new Set([1]) : null }, stats);
      expect(stats.pushIterations).toBeGreaterThan(3);
      expect(stats.pushIterations).toBeLessThan(25);
      // Reference: a list of walk moves, iterated plainly.
      const moves: Array<[number, number]> = [];
      for (let e = 0; e < thin.src.length; e++) {
        if (direction === 'both' && thin.etype[e] !== 1) continue;
        if (direction !== 'in') moves.push([thin.src[e], thin.dst[e]]);
        if (direction !== 'out') moves.push([thin.dst[e], thin.src[e]]);
      }
      const deg = new Array(thin.nodeCount).fill(0);
      for (const [from] of moves) deg[from]++;
      const p = new Array(thin.nodeCount).fill(0);
      p[1] = 0.25;
      p[2] = 0.75;
      let ref = [...p];
      for (let it = 0; it < 25; it++) {
        const dangling = ref.reduce((s, v, u) => (deg[u] === 0 ? s + v : s), 0);
        const nxt = p.map((pi) => (1 - 0.85 + 0.85 * dangling) * pi);
        for (const [from, to] of moves) nxt[to] += (0.85 * ref[from]) / deg[from];
        ref = nxt;
      }
      for (let v = 0; v < thin.nodeCount; v++) expect(Math.abs(x[v] - ref[v])).toBeLessThan(1e-12);
    }
  });

  it('steps one iteration at a time to the same scores, and stops on the tolerance with iterations as the most', () => {
    for (const precision of ['float32', 'float64'] as const) {
      const run = engine.pageRankRun(seeds, { direction: 'both', iterations: 40, precision });
      const deltas: number[] = [];
      while (!run.done) {
        run.step();
        deltas.push(run.delta);
      }
      expect(run.iterations).toBe(40);
      expect([...run.scores]).toEqual([...engine.personalizedPageRank(seeds, { direction: 'both', iterations: 40, precision })]);
      // The L1 change shrinks by about the damping factor per iteration.
      expect(deltas[30]).toBeLessThan(deltas[10] * 0.85 ** 15);
      const stats = { iterations: 0, delta: 0 };
      const early = engine.personalizedPageRank(seeds, { direction: 'both', iterations: 500, tolerance: 1e-6, precision }, stats);
      expect(stats.iterations).toBeLessThan(500);
      expect(stats.delta).toBeLessThan(1e-6);
      const exact = exactSolve(walkMatrix(g.src, g.dst, g.etype, n, 'both', p), p, 0.85);
      // What is left after a change below tol is at most tol * d / (1 - d) in L1.
      expect(early.reduce((sum, x, v) => sum + Math.abs(x - exact[v]), 0)).toBeLessThan((1e-6 * 0.85) / 0.15 + 1e-6);
    }
  });

  it('refuses seeds without positive weight and bad damping', () => {
    expect(() => engine.personalizedPageRank(new Map([[1, 0]]))).toThrow(/positive weight/);
    expect(() => engine.personalizedPageRank([1], { damping: 1 })).toThrow(/damping/);
    expect(() => engine.personalizedPageRank([n + 5])).toThrow(/not in the graph/);
  });
});

describe('topK', () => {
  it('returns the k best positive scores, ties by node index, skipping excluded nodes', () => {
    const scores = Float64Array.from({ length: 500 }, (_, i) => ((i * 7919) % 101) / 100);
    const exclude = [0, 100, 200];
    const got = topK(scores, 25, exclude);
    const want = [...scores.keys()]
      .filter((i) => scores[i] > 0 && !exclude.includes(i))
      .sort((a, b) => scores[b] - scores[a] || a - b)
      .slice(0, 25);
    expect([...got.nodes]).toEqual(want);
    expect([...got.scores]).toEqual(want.map((i) => scores[i]));
    expect(topK(new Float64Array([0, 0.5, 0]), 10).nodes.length).toBe(1);
    expect(topK(scores, 0).nodes.length).toBe(0);
  });
});

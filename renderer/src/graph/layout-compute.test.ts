/** The layout algorithms the worker runs: every one places every node, keeps pins, and spreads nodes out. */
import { describe, expect, it } from 'vitest';
import { computeLayout, DAGRE_MAX, FCOSE_MAX, LayoutError, resolveLayout, type LayoutInput, type LayoutName } from './layout-compute';

/** A random graph with a few hubs: n nodes, ~2n edges (seeded so runs repeat). */
function graph(n: number, pinnedIndex = -1): LayoutInput {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pairs: number[] = [];
  const degree = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const t = rand() < 0.3 ? Math.floor(rand() * Math.min(i, 5)) : Math.floor(rand() * i);
    pairs.push(i, t);
    degree[i]++;
    degree[t]++;
    if (rand() < 0.8) {
      const u = Math.floor(rand() * n);
      if (u !== i) {
        pairs.push(i, u);
        degree[i]++;
        degree[u]++;
      }
    }
  }
  const pinned = new Uint8Array(n);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  if (pinnedIndex >= 0) {
    pinned[pinnedIndex] = 1;
    x[pinnedIndex] = 1234;
    y[pinnedIndex] = -567;
  }
  return { ids: Array.from({ length: n }, (_, i) => `n${i}`), types: Array.from({ length: n }, (_, i) => `t${i % 3}`), x, y, degree, pinned, edges: Uint32Array.from(pairs), incremental: false };
}

function distinctSpots(x: Float64Array, y: Float64Array): number {
  return new Set(Array.from(x, (v, i) => `${Math.round(v)},${Math.round(y[i])}`)).size;
}

describe('computeLayout', () => {
  it.each(['fcose', 'forceatlas2', 'dagre', 'circle', 'grid', 'concentric'] as LayoutName[])('%s: finite, spread-out positions, pinned node kept', (name) => {
    const input = graph(120, 7);
    const out = computeLayout(name, input, { timeBudgetMs: 2000 });
    expect(out.algorithm).toBe(name);
    expect(out.x.length).toBe(120);
    expect(Array.from(out.x).every(Number.isFinite) && Array.from(out.y).every(Number.isFinite)).toBe(true);
    expect(distinctSpots(out.x, out.y)).toBeGreaterThan(115);
    expect([out.x[7], out.y[7]]).toEqual([1234, -567]);
  });

  it('auto picks fcose for small views and ForceAtlas2 (Barnes-Hut) for large ones', () => {
    expect(resolveLayout('auto', FCOSE_MAX)).toBe('fcose');
    expect(resolveLayout('auto', FCOSE_MAX + 1)).toBe('forceatlas2');
    const out = computeLayout('auto', graph(3000), { timeBudgetMs: 1500 });
    expect(out.algorithm).toBe('forceatlas2');
    expect(out.iterations).toBeGreaterThan(0);
    expect(distinctSpots(out.x, out.y)).toBeGreaterThan(2900);
  });

  it('ForceAtlas2 pulls linked nodes together: linked pairs sit closer than random pairs', () => {
    const input = graph(400);
    const out = computeLayout('forceatlas2', input, { timeBudgetMs: 2000 });
    const dist = (a: number, b: number) => Math.hypot(out.x[a] - out.x[b], out.y[a] - out.y[b]);
    let linked = 0;
    for (let e = 0; e < input.edges.length; e += 2) linked += dist(input.edges[e], input.edges[e + 1]);
    linked /= input.edges.length / 2;
    let random = 0;
    for (let i = 0; i < 400; i++) random += dist(i, (i * 7919 + 13) % 400);
    random /= 400;
    expect(linked).toBeLessThan(random * 0.7);
  });

  it('the hierarchical layout refuses views it would take minutes on, with a readable reason', () => {
    expect(() => computeLayout('dagre', graph(DAGRE_MAX + 1))).toThrow(LayoutError);
    expect(() => computeLayout('dagre', graph(DAGRE_MAX + 1))).toThrow(/up to 800 nodes/);
  });
});

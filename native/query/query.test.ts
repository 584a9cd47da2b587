/**
 * Graph worker queries on real workspaces: shared datasets imported into temp SQLite workspaces,
 * answers compared with references computed here from the stored rows (plain Map-based BFS,
 * Dijkstra over a sorted list, dense PageRank iterated to convergence).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import { runImport, sourceFromPath } from '../ingest/run-import';
import { GraphCache } from './graph-cache';
import type { WorkspaceGraph } from './workspace-graph';
import { runKHop, runPath, runPaths, runPpr, runPprAsync } from './run-queries';
import { runSpreadAsync } from './spread';
import { KHopParamsSchema, PathParamsSchema, PathsParamsSchema, PprParamsSchema, SpreadParamsSchema } from '../../electron/common/protocol/query';
import { bfsReference, dijkstraReference, pagerankReference, readGraph, type StoredGraph } from './reference.test-util';

const DATA = path.resolve(__dirname, '../../../shared/datasets');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-query-'));
const stores: SqliteStore[] = [];

/** Edge lists without node files create their nodes (placeholders). */
async function workspace(name: string, files: string[]): Promise<SqliteStore> {
  const store = new SqliteStore(path.join(tmp, name));
  stores.push(store);
  await runImport({ store, sources: files.map(sourceFromPath), options: { missingEndpoints: 'placeholder' } });
  return store;
}

afterAll(async () => {
  for (const s of stores) await s.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('WN18RR triples in a SQLite workspace', () => {
  let store: SqliteStore;
  let g: WorkspaceGraph;
  let ref: StoredGraph;
  const cache = new GraphCache();

  beforeAll(async () => {
    store = await workspace('wn18rr', [path.join(DATA, 'triples_wn18rr_train.txt')]);
    g = await cache.get(store.workspaceDir, () => store.db);
    ref = readGraph(store.db);
  }, 120_000);

  it('loads every stored node and edge', () => {
    expect(g.nodeCount).toBe(40_559);
    expect(g.edgeCount).toBe(86_835);
    expect(cache.status(store.workspaceDir)).toMatchObject({ loaded: true, nodes: 40_559, edges: 86_835, skippedEdges: 0 });
  });

  it.each(['out', 'in', 'both'] as const)('3-hop %s equals a plain BFS, with hop distances and edges between answer nodes', (direction) => {
    for (const start of ref.sampleIds(5, 11)) {
      const r = runKHop(g, KHopParamsSchema.parse({ ids: [start], hops: 3, direction, maxNodes: 1_000_000, perNodeLimit: 10_000_000 }));
      const expected = bfsReference(ref, [start], 3, direction);
      expect(r.truncated).toBeUndefined();
      expect(new Map(r.nodes.map((n) => [n.id, n.hop]))).toEqual(expected);
      for (const e of r.edges) {
        expect(expected.has(e.source) && expected.has(e.target)).toBe(true);
        const stored = ref.edgeById.get(e.id)!;
        expect([stored.source, stored.target, stored.type]).toEqual([e.source, e.target, e.type]);
      }
    }
  });

  it('follows only the chosen relation types', () => {
    const start = ref.sampleIds(1, 3)[0];
    const types = ['_hypernym'];
    const r = runKHop(g, KHopParamsSchema.parse({ ids: [start], hops: 4, direction: 'both', edgeTypes: types, maxNodes: 1_000_000, perNodeLimit: 10_000_000 }));
    expect(new Map(r.nodes.map((n) => [n.id, n.hop]))).toEqual(bfsReference(ref, [start], 4, 'both', new Set(types)));
    expect(r.edges.every((e) => e.type === '_hypernym')).toBe(true);
  });

  it('reports the supernode cap with the capped node ids', () => {
    const hub = ref.highestDegree('both');
    const r = runKHop(g, KHopParamsSchema.parse({ ids: [hub.id], hops: 1, direction: 'both', perNodeLimit: 10 }));
    expect(hub.degree).toBeGreaterThan(10);
    expect(r.nodes.length).toBeLessThanOrEqual(11);
    expect(r.truncated).toMatchObject({ reason: 'perNodeLimit', cappedNodes: [hub.id], cappedCount: 1, omitted: hub.degree - 10 });
    expect(r.truncated!.message).toMatch(/only the first 10/);
  });

  it('caps the answer at maxNodes by default and says so', () => {
    const hub = ref.highestDegree('both');
    expect(bfsReference(ref, [hub.id], 10, 'both').size).toBeGreaterThan(5000);
    const r = runKHop(g, KHopParamsSchema.parse({ ids: [hub.id], hops: 10, direction: 'both', perNodeLimit: 10_000_000 }));
    expect(r.nodes).toHaveLength(5000);
    expect(r.truncated?.reasons).toContain('maxNodes');
  });

  it('shortest path has the BFS distance and consecutive stored edges', () => {
    const ids = ref.sampleIds(12, 99);
    let found = 0;
    for (let i = 0; i + 1 < ids.length; i += 2) {
      for (const direction of ['out', 'both'] as const) {
        const r = runPath(g, PathParamsSchema.parse({ from: ids[i], to: ids[i + 1], direction }));
        const dist = bfsReference(ref, [ids[i]], 64, direction).get(ids[i + 1]);
        expect(r.found).toBe(dist !== undefined);
        if (!r.found) continue;
        found++;
        expect(r.hops).toBe(dist);
        expect(r.nodes[0].id).toBe(ids[i]);
        expect(r.nodes.at(-1)!.id).toBe(ids[i + 1]);
        r.edges.forEach((e, k) => {
          const ends = [r.nodes[k].id, r.nodes[k + 1].id];
          if (direction === 'out') expect([e.source, e.target]).toEqual(ends);
          else expect([e.source, e.target].sort()).toEqual([...ends].sort());
        });
      }
    }
    expect(found).toBeGreaterThan(3);
  });

  it('all simple paths are distinct, simple, within the length and include the shortest', () => {
    const [a] = ref.sampleIds(1, 5);
    const near = [...bfsReference(ref, [a], 3, 'both').entries()].find(([, h]) => h === 3)![0];
    const r = runPaths(g, PathsParamsSchema.parse({ from: a, to: near, maxLength: 4, maxResults: 10_000 }));
    expect(r.truncated).toBe(false);
    expect(r.paths.length).toBeGreaterThan(0);
    expect(r.paths[0].edges).toHaveLength(3);
    const keys = new Set(r.paths.map((p) => p.edges.join('|')));
    expect(keys.size).toBe(r.paths.length);
    for (const p of r.paths) {
      expect(new Set(p.nodes).size).toBe(p.nodes.length);
      expect(p.edges.length).toBeLessThanOrEqual(4);
      expect([p.nodes[0], p.nodes.at(-1)]).toEqual([a, near]);
    }
  });

  it('a cancelled load fails with CANCELLED and leaves nothing half-loaded behind', async () => {
    const other = new GraphCache();
    const abort = new AbortController();
    const progress: string[] = [];
    const pending = other.get(store.workspaceDir, () => store.db, { signal: abort.signal, onProgress: (p) => progress.push(p.stage) });
    abort.abort();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(progress).toEqual(['nodes']);
    expect(other.status(store.workspaceDir).loaded).toBe(false);
    expect(store.db.inTransaction).toBe(false);
    const full: string[] = [];
    await other.get(store.workspaceDir, () => store.db, { onProgress: (p) => full.push(p.stage) });
    expect(new Set(full)).toEqual(new Set(['nodes', 'edges', 'index']));
  });

  it('unknown ids fail with a readable NOT_FOUND', () => {
    expect(() => runKHop(g, KHopParamsSchema.parse({ ids: ['no-such-node'] }))).toThrow(/"no-such-node" is not in this workspace/);
  });

  it('reloads after a second import once invalidated', async () => {
    const extra = path.join(tmp, 'extra.csv');
    fs.writeFileSync(extra, `source,target,relation\n${ref.sampleIds(1, 7)[0]},brand-new-node,_new_rel\n`);
    await runImport({ store, sources: [sourceFromPath(extra)], options: { missingEndpoints: 'placeholder' } });
    expect(cache.peek(store.workspaceDir)).toBe(g);
    cache.invalidate(store.workspaceDir);
    // An import landing while a load runs: the waiter gets the graph loaded afresh, not an error.
    const during = cache.get(store.workspaceDir, () => store.db);
    cache.invalidate(store.workspaceDir);
    const fresh = await during;
    expect(fresh.nodeCount).toBe(40_560);
    expect(fresh.edgeCount).toBe(86_836);
    const r = runKHop(fresh, KHopParamsSchema.parse({ ids: ['brand-new-node'], hops: 1 }));
    expect(r.nodes.map((n) => n.hop)).toEqual([0, 1]);
    expect(r.edges[0].type).toBe('_new_rel');
  });
});

describe('GEXF (Gephi Java classes) in a SQLite workspace', () => {
  let g: WorkspaceGraph;
  let ref: StoredGraph;

  beforeAll(async () => {
    const store = await workspace('gexf', [path.join(DATA, 'gexf_gephi_java.gexf')]);
    g = await new GraphCache().get(store.workspaceDir, () => store.db);
    ref = readGraph(store.db);
  }, 60_000);

  it('2-hop from several start nodes equals a plain BFS in every direction', () => {
    const starts = ref.sampleIds(3, 21);
    for (const direction of ['out', 'in', 'both'] as const) {
      const r = runKHop(g, KHopParamsSchema.parse({ ids: starts, hops: 2, direction, maxNodes: 1_000_000, perNodeLimit: 10_000_000 }));
      expect(new Map(r.nodes.map((n) => [n.id, n.hop]))).toEqual(bfsReference(ref, starts, 2, direction));
    }
  });

  it('personalised PageRank equals dense power iteration run to convergence', () => {
    const seeds = ref.sampleIds(2, 8);
    for (const direction of ['out', 'both'] as const) {
      const r = runPpr(g, PprParamsSchema.parse({ seeds, k: 30, iterations: 200, tolerance: 0, direction }));
      const exact = pagerankReference(ref, seeds, 0.85, direction);
      const expectedTop = [...exact.entries()].sort((x, y) => y[1] - x[1]).slice(0, 30);
      for (const n of r.nodes) expect(n.score).toBeCloseTo(exact.get(n.id)!, 9);
      // Same set of top scores (ties may order differently).
      expect(r.nodes.map((n) => n.score.toFixed(9))).toEqual(expectedTop.map(([, s]) => s.toFixed(9)));
      expect(r.seeds.map((s) => s.id).sort()).toEqual([...seeds].sort());
      expect(r.edges.every((e) => r.nodes.some((n) => n.id === e.source) || seeds.includes(e.source))).toBe(true);
    }
  });

  it('stops at the default tolerance before the iteration budget, close to the exact scores', () => {
    const seeds = ref.sampleIds(2, 8);
    const r = runPpr(g, PprParamsSchema.parse({ seeds, k: 30, iterations: 200, direction: 'both' }));
    const exact = pagerankReference(ref, seeds, 0.85, 'both');
    expect(r.iterations).toBeLessThan(200);
    expect(r.delta).toBeLessThan(1e-9);
    for (const n of r.nodes) expect(Math.abs(n.score - exact.get(n.id)!)).toBeLessThan(1e-8);
  });

  it('the worker form of PPR reports progress, equals the synchronous answer, and stops when cancelled', async () => {
    const seeds = ref.sampleIds(2, 8);
    const params = PprParamsSchema.parse({ seeds, k: 30, iterations: 60, tolerance: 0, direction: 'both' });
    const progress: Array<[number, number]> = [];
    const r = await runPprAsync(g, params, { yieldMs: 0, onProgress: (done, total) => progress.push([done, total]) });
    const sync = runPpr(g, params);
    expect(r.nodes).toEqual(sync.nodes);
    expect(r.iterations).toBe(60);
    expect(progress.slice(0, 3)).toEqual([[1, 60], [2, 60], [3, 60]]);
    expect(progress.at(-1)).toEqual([60, 60]);

    const abort = new AbortController();
    let calls = 0;
    const cancelled = runPprAsync(g, params, { yieldMs: 0, signal: abort.signal, onProgress: () => ++calls === 5 && abort.abort() });
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(calls).toBe(5);

    const spreadAbort = new AbortController();
    const spread = runSpreadAsync(g, SpreadParamsSchema.parse({ seeds: seeds.map((id) => ({ id, score: 0.5 })), iterations: 60, tolerance: 0 }), {
      yieldMs: 0,
      signal: spreadAbort.signal,
      onProgress: (done) => done === 2 && spreadAbort.abort(),
    });
    await expect(spread).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('weighted shortest path', () => {
  it('Dijkstra on a numeric edge property equals a reference, and BFS ignores the weights', async () => {
    const file = path.join(tmp, 'weighted.csv');
    const rows = ['source,target,relation,weight'];
    let s = 12345;
    const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 600; i++) rows.push(`n${Math.floor(rand() * 120)},n${Math.floor(rand() * 120)},road,${(1 + rand() * 9).toFixed(2)}`);
    fs.writeFileSync(file, rows.join('\n') + '\n');
    const store = await workspace('weighted', [file]);
    const g = await new GraphCache().get(store.workspaceDir, () => store.db);
    const ref = readGraph(store.db);
    let compared = 0;
    for (let i = 0; i < 20; i++) {
      const [a, b] = [`n${i}`, `n${119 - i}`];
      if (!ref.nodeIds.has(a) || !ref.nodeIds.has(b)) continue;
      const r = runPath(g, PathParamsSchema.parse({ from: a, to: b, direction: 'out', weightProperty: 'weight' }));
      const expected = dijkstraReference(ref, a, b, 'weight');
      expect(r.found).toBe(expected !== undefined);
      if (!r.found) continue;
      compared++;
      expect(r.cost).toBeCloseTo(expected!, 4);
      const sum = r.edges.reduce((t, e) => t + (ref.edgeById.get(e.id)!.props.weight as number), 0);
      expect(sum).toBeCloseTo(r.cost!, 4);
      const unweighted = runPath(g, PathParamsSchema.parse({ from: a, to: b, direction: 'out' }));
      expect(unweighted.hops).toBe(bfsReference(ref, [a], 64, 'out').get(b));
    }
    expect(compared).toBeGreaterThan(5);
    expect(() => runPath(g, PathParamsSchema.parse({ from: 'n1', to: 'n2', weightProperty: 'colour' }))).toThrow(/No edge has a numeric property "colour"/);
  });
});

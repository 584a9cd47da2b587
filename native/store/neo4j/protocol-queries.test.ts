/**
 * The query panel's k-hop / path / paths / PPR answered by a REAL Neo4j 5.26 server in Cypher
 * (protocol-queries.ts), on the movies graph whose answers are known by hand. Skipped, with the
 * reason as the suite name, only when java/mvn are missing outside CI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KHopParamsSchema, PathParamsSchema, PathsParamsSchema, PprParamsSchema } from '../../../electron/common/protocol/query';
import { Neo4jStore } from './neo4j-store';
import { neo4jGraphStatus, neo4jKHop, neo4jPath, neo4jPaths, neo4jPpr } from './protocol-queries';
import { generatedGraph, moviesBatch } from './test-data';
import { dijkstraReference } from '../../query/reference.test-util';
import { neo4jSkipReason, startNeo4j, type Neo4jTestServer } from './test-server';

const skipReason = neo4jSkipReason();
if (skipReason) console.warn(skipReason);

const khop = (p: object) => KHopParamsSchema.parse(p);
const byHop = (nodes: Array<{ id: string; hop: number }>) => Object.fromEntries(nodes.map((n) => [n.id, n.hop]));

describe.skipIf(skipReason !== null)(skipReason ?? 'query panel methods on a real Neo4j 5 server', () => {
  let server: Neo4jTestServer;
  let store: Neo4jStore;

  beforeAll(async () => {
    server = await startNeo4j();
    store = await Neo4jStore.connect({ uri: server.uri, user: server.user, password: server.password });
    const w = await store.beginImport({ files: ['movies.csv'] });
    await w.write(moviesBatch(), 'movies.csv');
    await w.commit({ missingEndpoints: 'skip' });
  });

  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  it('reports the workspace size as a loaded graph', async () => {
    expect(await neo4jGraphStatus(store)).toMatchObject({ loaded: true, nodes: 6, edges: 9, skippedEdges: 0 });
  });

  it('expands k hops with relation and node type filters, hiding an import in flight', async () => {
    const pending = await store.beginImport({ files: ['late.csv'] });
    await pending.write({ nodes: [{ id: 'neo', name: 'Neo', type: 'Person', props: {} }], edges: [{ source: 'neo', target: 'keanu', type: 'KNOWS', props: {} }], bytesRead: 0 }, 'late.csv');
    try {
      const one = await neo4jKHop(store, khop({ ids: ['keanu'], hops: 1 }));
      expect(byHop(one.nodes)).toEqual({ keanu: 0, matrix: 1, reloaded: 1, carrie: 1 });
      expect(one.nodes.find((n) => n.id === 'matrix')).toMatchObject({ name: 'The Matrix', type: 'Movie' });
      expect(one.edges.map((e) => e.id)).toContain('keanu-knows-carrie');
      expect(one.truncated).toBeUndefined();

      const two = await neo4jKHop(store, khop({ ids: ['keanu'], hops: 2 }));
      expect(byHop(two.nodes)).toEqual({ keanu: 0, matrix: 1, reloaded: 1, carrie: 1, laurence: 2, hugo: 2 });

      const knows = await neo4jKHop(store, khop({ ids: ['keanu'], hops: 3, edgeTypes: ['KNOWS'] }));
      expect(byHop(knows.nodes)).toEqual({ keanu: 0, carrie: 1 });
      expect(knows.edges.map((e) => e.type)).toEqual(['KNOWS']);

      const movies = await neo4jKHop(store, khop({ ids: ['keanu'], hops: 2, nodeTypes: ['Movie'] }));
      expect(byHop(movies.nodes)).toEqual({ keanu: 0, matrix: 1, reloaded: 1 });

      const out = await neo4jKHop(store, khop({ ids: ['matrix'], hops: 2, direction: 'out' }));
      expect(byHop(out.nodes)).toEqual({ matrix: 0 });
    } finally {
      await pending.rollback();
    }
  });

  it('says what the supernode guard and the node cap cut', async () => {
    const capped = await neo4jKHop(store, khop({ ids: ['matrix'], hops: 1, perNodeLimit: 2 }));
    expect(capped.nodes).toHaveLength(3);
    expect(capped.truncated).toMatchObject({ reason: 'perNodeLimit', cappedNodes: ['matrix'], cappedCount: 1, omitted: 2 });
    expect(capped.truncated!.message).toContain('only the first 2');

    const small = await neo4jKHop(store, khop({ ids: ['keanu'], hops: 2, maxNodes: 3 }));
    expect(small.nodes).toHaveLength(3);
    expect(small.truncated?.reasons).toContain('maxNodes');

    await expect(neo4jKHop(store, khop({ ids: ['nobody'] }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('finds a shortest path, respecting direction and types', async () => {
    const p = await neo4jPath(store, PathParamsSchema.parse({ from: 'hugo', to: 'carrie' }));
    expect(p).toMatchObject({ found: true, hops: 2 });
    expect(p.nodes[0].id).toBe('hugo');
    expect(p.nodes[2].id).toBe('carrie');
    // The edge from carrie to the movie is stored carrie -> movie whatever way the path walks it.
    expect(p.edges[1]).toMatchObject({ source: 'carrie', type: 'ACTED_IN' });
    expect(await neo4jPath(store, PathParamsSchema.parse({ from: 'hugo', to: 'carrie', direction: 'out' }))).toMatchObject({ found: false, nodes: [] });
    expect(await neo4jPath(store, PathParamsSchema.parse({ from: 'hugo', to: 'carrie', edgeTypes: ['KNOWS'] }))).toMatchObject({ found: false });
    // No edge of the movies graph has a numeric "w": the same error as on a SQLite workspace.
    await expect(neo4jPath(store, PathParamsSchema.parse({ from: 'hugo', to: 'carrie', weightProperty: 'w' }))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('lists simple paths shortest first, up to maxResults', async () => {
    const all = await neo4jPaths(store, PathsParamsSchema.parse({ from: 'keanu', to: 'carrie', maxLength: 3 }));
    expect(all.paths.map((p) => p.nodes.length)).toEqual([2, 3, 3]);
    expect(all.paths[0].edges).toEqual(['keanu-knows-carrie']);
    expect(all.truncated).toBe(false);
    expect(new Set(all.nodes.map((n) => n.id))).toEqual(new Set(['keanu', 'carrie', 'matrix', 'reloaded']));
    const two = await neo4jPaths(store, PathsParamsSchema.parse({ from: 'keanu', to: 'carrie', maxLength: 3, maxResults: 2 }));
    expect(two.paths).toHaveLength(2);
    expect(two.truncated).toBe(true);
  });

  it('ranks by personalised PageRank from seeds, the seeds excluded on request', async () => {
    const r = await neo4jPpr(store, PprParamsSchema.parse({ seeds: ['keanu'], k: 6 }));
    expect(r.nodes[0].id).toBe('keanu');
    expect(r.nodes.map((n) => n.id)).toHaveLength(6);
    const sum = r.nodes.reduce((s, n) => s + n.score, 0);
    expect(sum).toBeGreaterThan(0.99);
    expect(sum).toBeLessThan(1.01);
    // Carrie is one KNOWS hop closer to Keanu than Hugo and Laurence are.
    const score = Object.fromEntries(r.nodes.map((n) => [n.id, n.score]));
    expect(score.carrie).toBeGreaterThan(score.hugo);
    expect(r.seeds).toEqual([expect.objectContaining({ id: 'keanu', name: 'Keanu Reeves' })]);
    expect(r.iterations).toBeGreaterThan(0);
    expect(r.edges.length).toBe(9);
    const without = await neo4jPpr(store, PprParamsSchema.parse({ seeds: ['keanu'], k: 2, excludeSeeds: true, edgeTypes: ['ACTED_IN'] }));
    expect(without.nodes.map((n) => n.id).sort()).toEqual(['matrix', 'reloaded']);
  });

  it('reports PageRank iterations as progress and stops when cancelled', async () => {
    const seen: Array<[number, number]> = [];
    const r = await neo4jPpr(store, PprParamsSchema.parse({ seeds: ['keanu'], k: 3, iterations: 5, tolerance: 0 }), { onProgress: (d, t) => seen.push([d, t]) });
    expect(r.iterations).toBe(5);
    expect(seen).toEqual([[1, 5], [2, 5], [3, 5], [4, 5], [5, 5]]);
    // A loose tolerance stops the walk early.
    const loose = await neo4jPpr(store, PprParamsSchema.parse({ seeds: ['keanu'], k: 3, iterations: 50, tolerance: 0.5 }));
    expect(loose.iterations).toBeLessThan(50);

    const abort = new AbortController();
    const cancelled = neo4jPpr(store, PprParamsSchema.parse({ seeds: ['keanu'], k: 3, iterations: 50, tolerance: 0 }), {
      signal: abort.signal,
      onProgress: (d) => { if (d === 2) abort.abort(); },
    });
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('finds weighted shortest paths equal to a Dijkstra computed here', async () => {
    const g = generatedGraph('w', 60, 150); // weights (e % 10) / 10, zeros included
    const w = await store.beginImport({ files: ['weighted.csv'] });
    await w.write({ nodes: g.nodes, edges: g.edges, bytesRead: 0 }, 'weighted.csv');
    await w.commit({ missingEndpoints: 'skip' });
    const weightOf = new Map(g.edges.map((e) => [e.id!, Number(e.props!.weight)]));
    const stored = { edges: g.edges.map((e) => ({ id: e.id!, source: e.source, target: e.target, type: e.type ?? '', props: e.props ?? {} })) };
    for (const [a, b] of [['wn0', 'wn30'], ['wn5', 'wn44'], ['wn59', 'wn1'], ['wn12', 'wn13']]) {
      for (const direction of ['both', 'out'] as const) {
        const p = await neo4jPath(store, PathParamsSchema.parse({ from: a, to: b, direction, weightProperty: 'weight' }));
        const want = dijkstraReference(stored, a, b, 'weight', direction)!;
        expect(p.found).toBe(true);
        expect(p.cost).toBeCloseTo(want, 9);
        // The path is real: it runs from a to b, each edge joins its two nodes, and its weights add up to the cost.
        expect(p.nodes[0].id).toBe(a);
        expect(p.nodes[p.nodes.length - 1].id).toBe(b);
        let sum = 0;
        p.edges.forEach((e, i) => {
          expect(new Set([e.source, e.target])).toEqual(new Set([p.nodes[i].id, p.nodes[i + 1].id]));
          if (direction === 'out') expect(e.source).toBe(p.nodes[i].id);
          sum += weightOf.get(e.id)!;
        });
        expect(sum).toBeCloseTo(want, 9);
      }
    }
    // Hops and weights disagree here: the fewest-hop path costs more than the cheapest one, which takes more hops.
    const hops = await neo4jPath(store, PathParamsSchema.parse({ from: 'wn0', to: 'wn30' }));
    const cheapest = await neo4jPath(store, PathParamsSchema.parse({ from: 'wn0', to: 'wn30', weightProperty: 'weight' }));
    expect(hops.cost).toBeUndefined();
    expect(hops.edges.reduce((sum, e) => sum + weightOf.get(e.id)!, 0)).toBeGreaterThan(cheapest.cost! + 0.05);
    expect(cheapest.hops).toBeGreaterThan(hops.hops);
    const cancelled = neo4jPath(store, PathParamsSchema.parse({ from: 'wn0', to: 'wn30', weightProperty: 'weight' }), { signal: AbortSignal.abort() });
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

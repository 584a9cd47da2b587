/**
 * THE conformance suite: the same checks for every GraphStore. For each shared dataset kind it
 * imports the files with the real importer (runImport), then checks counts against SOURCES.md,
 * the probe node's properties, neighbour paging, name search, k-hop and shortest path, and finally
 * that removing the import leaves the store empty. What each store answered is recorded in
 * `observations`, so a later block can check the stores agree with each other.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GraphStats } from '../../../electron/common/model';
import type { GraphStore } from '../graph-store';
import { runImport } from '../../ingest/run-import';
import { conformanceDatasets, datasetsDir, type ConformanceDataset } from './datasets';
import type { StoreTarget } from './store-targets';

/** What one store answered for one dataset; compared across stores by `agreementSuite`. */
export interface Observation {
  stats: GraphStats;
  probeId: string;
  probeProps: Record<string, unknown>;
  /** "source|type|target" of every neighbour edge of the probe, read page by page, sorted. */
  neighbourEdges: string[];
  neighbourTotal: number;
  searchHit: boolean;
  kHop2: Array<[string, number]>;
  kHopOut1: Array<[string, number]>;
  pathLength: number | null;
}

export type Observations = Map<string, Partial<Record<StoreTarget['kind'], Observation>>>;

const PAGE = 7;

async function allNeighbourEdges(store: GraphStore, id: string): Promise<{ edges: string[]; total: number }> {
  const seen: string[] = [];
  let total: number;
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.neighbors(id, { limit: PAGE, offset, direction: 'both' });
    total = page.total;
    const fromCentre = page.edges.filter((e) => e.source === id || e.target === id);
    expect(fromCentre.length).toBe(page.edges.length); // a page holds only the centre's own edges
    seen.push(...page.edges.map((e) => `${e.source}|${e.type}|${e.target}`));
    expect(page.edges.length).toBeLessThanOrEqual(PAGE);
    if (page.edges.length < PAGE || offset + PAGE >= total) break;
  }
  return { edges: seen.sort(), total };
}

async function findByName(store: GraphStore, search: string, name: string): Promise<string | undefined> {
  const hits = await store.searchName(search, 50);
  return hits.find((h) => h.name === name)?.id;
}

/** Registers the suite for one store (the target is asked for lazily: a server may start in a beforeAll). */
export function conformanceSuite(label: string, target: () => StoreTarget, observations: Observations): void {
  describe(`GraphStore conformance: ${label}`, () => {
    for (const ds of conformanceDatasets) {
      it(`${ds.kind}: import, counts, properties, paging, search, k-hop, path, removal`, async () => {
        const t = target();
        const store = await t.fresh();
        expect(await store.stats()).toMatchObject({ nodes: 0, edges: 0 });
        const result = await runImport({ store, sources: ds.files.map((f) => ({ path: path.join(datasetsDir, f), name: f })) });
        try {
          const obs = await observe(t, store, ds);
          observations.set(ds.kind, { ...observations.get(ds.kind), [t.kind]: obs });
        } finally {
          // Removing the import whole is part of the contract: the next dataset starts empty.
          await t.cleanUp([result.importId]);
        }
        if (t.kind === 'neo4j') expect(await store.stats()).toMatchObject({ nodes: 0, edges: 0 });
      }, 300_000); // a 20K-edge import plus queries on a real server, on a shared 2-core machine
    }
  });
}

async function observe(t: StoreTarget, store: GraphStore, ds: ConformanceDataset): Promise<Observation> {
  const stats = await store.stats();
  expect({ nodes: stats.nodes, edges: stats.edges }).toEqual({ nodes: ds.nodes, edges: ds.edges });
  expect(stats.nodeTypes.reduce((s, x) => s + x.count, 0)).toBe(ds.nodes);

  const probeId = await findByName(store, ds.search, ds.probeName);
  expect(probeId, `search "${ds.search}" finds ${ds.probeName}`).toBeDefined();
  const detail = await store.node(probeId!);
  expect(detail?.node.name).toBe(ds.probeName);
  ds.checkProbe(detail!.node, detail!.passages);
  expect(await store.node('no such node id')).toBeNull();

  const { edges, total } = await allNeighbourEdges(store, probeId!);
  expect(edges.length).toBe(total);
  expect(total).toBeGreaterThan(0);

  const overview = await store.overview(5);
  expect(overview.nodes.length).toBe(Math.min(5, ds.nodes));

  const kHop2 = await t.kHop(probeId!, 2, 'both');
  expect(kHop2.get(probeId!)).toBe(0);
  for (const e of edges) {
    const [s, , d] = e.split('|');
    expect(kHop2.get(s === probeId ? d : s)).toBeLessThanOrEqual(1); // every neighbour is 1 hop away (or the probe)
  }
  const kHopOut1 = await t.kHop(probeId!, 1, 'out');
  const toId = await findByName(store, ds.pathToName.toLowerCase(), ds.pathToName);
  expect(toId, `search finds ${ds.pathToName}`).toBeDefined();
  const pathLength = await t.pathLength(probeId!, toId!, 'both');
  expect(pathLength === null || pathLength >= 1).toBe(true);

  return {
    stats,
    probeId: probeId!,
    probeProps: detail!.node.props,
    neighbourEdges: edges,
    neighbourTotal: total,
    searchHit: true,
    kHop2: [...kHop2].sort(),
    kHopOut1: [...kHopOut1].sort(),
    pathLength,
  };
}

/**
 * Two documented differences, everything else must match exactly: a record without a type (SQLite
 * keeps the empty string, Neo4j reports its fallback: 'node' for nodes, 'RELATED_TO' for
 * relationships, which need a type), and the order of types with equal counts (the interface
 * says count descending, nothing about ties), so rows are compared by (count desc, type).
 */
function untypedAsEmpty(stats: GraphStats): GraphStats {
  const byCount = (x: { type: string; count: number }, y: { type: string; count: number }) => y.count - x.count || (x.type < y.type ? -1 : x.type > y.type ? 1 : 0);
  const fix = (rows: GraphStats['nodeTypes'], fallback: string) => rows.map((r) => (r.type === fallback ? { ...r, type: '' } : r)).sort(byCount);
  return { ...stats, nodeTypes: fix(stats.nodeTypes, 'node'), edgeTypes: fix(stats.edgeTypes, 'RELATED_TO') };
}

const untypedEdge = (e: string) => e.replace(/\|RELATED_TO\|/, '||');

/** The stores answered the same for every dataset both imported. */
export function agreementSuite(observations: Observations, kinds: Array<StoreTarget['kind']>): void {
  describe(`the stores agree: ${kinds.join(' = ')}`, () => {
    for (const ds of conformanceDatasets) {
      it(ds.kind, () => {
        const byKind = observations.get(ds.kind) ?? {};
        const [a, b] = kinds.map((k) => byKind[k]);
        expect(a, `${kinds[0]} observed ${ds.kind}`).toBeDefined();
        expect(b, `${kinds[1]} observed ${ds.kind}`).toBeDefined();
        expect(untypedAsEmpty(b!.stats)).toEqual(untypedAsEmpty(a!.stats));
        expect(b!.probeId).toBe(a!.probeId);
        expect(b!.probeProps).toEqual(a!.probeProps);
        expect(b!.neighbourTotal).toBe(a!.neighbourTotal);
        expect(b!.neighbourEdges.map(untypedEdge)).toEqual(a!.neighbourEdges.map(untypedEdge));
        expect(b!.kHop2).toEqual(a!.kHop2);
        expect(b!.kHopOut1).toEqual(a!.kHopOut1);
        expect(b!.pathLength).toBe(a!.pathLength);
      });
    }
  });
}

/**
 * The bulk path (import into an empty workspace: endpoints resolved and parallel edges numbered
 * in JS as edges stream in, degrees counted in a typed array, multi-row edge inserts) must give
 * the same graph as the incremental path, also when its JS tables are full and it falls back to
 * SQLite, and must stay atomic: an error leaves the workspace empty and importable.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from './sqlite-store';
import { SqliteImportWriter } from './import-writer';
import type { BulkLimits } from './bulk-edges';
import type { GraphStore } from '../graph-store';
import { runImport } from '../../ingest/run-import';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-bulk-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const NODES = 5000;

/**
 * A GraphML file with what the bulk path must get right: edges before the nodes they name (staged
 * and joined at commit), duplicate node records (merged), parallel edges among both kinds, self
 * loops, edges to a node that never appears, and more rows than one batch / one multi-row insert.
 */
function writeGraph(file: string): void {
  const out: string[] = ['<?xml version="1.0"?>', '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '<key id="w" for="edge" attr.name="w" attr.type="int"/>', '<key id="nm" for="node" attr.name="name" attr.type="string"/>',
    '<graph edgedefault="directed">'];
  // Early edges: their endpoints come later in the file.
  for (let i = 0; i < 40; i++) out.push(`<edge source="n${i}" target="n${(i * 7) % NODES}"><data key="w">${i}</data></edge>`);
  out.push('<edge source="n1" target="n7"><data key="w">-1</data></edge>');
  for (let i = 0; i < NODES; i++) out.push(`<node id="n${i}"><data key="nm">node ${i}</data></node>`);
  for (let i = 0; i < 50; i++) out.push(`<node id="n${i * 3}"><data key="nm">renamed ${i}</data></node>`);
  for (let i = 0; i < NODES * 2 + 17; i++) {
    const s = (i * 31) % NODES;
    const t = i % 11 === 0 ? s : (i * 17 + 5) % NODES;
    out.push(`<edge source="n${s}" target="n${t}"><data key="w">${i}</data></edge>`);
    if (i % 97 === 0) out.push(`<edge source="n${s}" target="n${t}"><data key="w">${-i}</data></edge>`);
    if (i % 1000 === 0) out.push(`<edge source="n${s}" target="ghost${i}"/>`);
  }
  // Parallel to early edges n1 -> n7: mixes staged and streamed edges in one key.
  out.push('<edge source="n1" target="n7"><data key="w">-2</data></edge>');
  out.push('</graph></graphml>');
  fs.writeFileSync(file, out.join('\n'));
}

interface Snapshot {
  nodes: string[];
  edges: string[];
  badOrds: number;
}

/** The graph by source ids, independent of row ids; ords checked to be 0..k-1 within each key. */
function snapshot(dir: string, skipIds: string[] = []): Snapshot {
  const db = new Database(path.join(dir, 'graph.sqlite'), { readonly: true });
  try {
    const nodes = (db.prepare('SELECT id, name, type, props, coalesce(g.degree, 0) AS degree FROM nodes n LEFT JOIN degrees g ON g.rid = n.rid ORDER BY id').all() as Array<Record<string, unknown>>)
      .filter((n) => !skipIds.includes(n.id as string)).map((n) => JSON.stringify(n));
    const edges = (db.prepare(`SELECT s.id AS src, d.id AS dst, e.type, e.props FROM edges e JOIN nodes s ON s.rid = e.src JOIN nodes d ON d.rid = e.dst`).all() as Array<Record<string, unknown>>)
      .map((e) => JSON.stringify(e)).sort();
    const badOrds = (db.prepare(`SELECT count(*) AS c FROM (SELECT src, dst, type, count(*) AS k, max(ord) AS m, count(DISTINCT ord) AS d FROM edges GROUP BY src, dst, type) WHERE m <> k - 1 OR d <> k`).get() as { c: number }).c;
    return { nodes, edges, badOrds };
  } finally {
    db.close();
  }
}

/** A store whose import writer uses the given JS table sizes. */
function storeWithLimits(dir: string, limits: BulkLimits): { store: GraphStore; close: () => Promise<void> } {
  const store = new SqliteStore(dir);
  const limited: GraphStore = Object.assign(Object.create(store) as SqliteStore, {
    beginImport: async (meta: { files: string[] }) => new SqliteImportWriter(store.db, meta.files, undefined, limits),
  });
  return { store: limited, close: () => store.close() };
}

describe('bulk import into an empty workspace', () => {
  const file = path.join(tmp, 'g.graphml');
  writeGraph(file);
  const source = [{ path: file, name: 'g.graphml' }];

  async function incremental(missing: 'skip' | 'placeholder'): Promise<Snapshot> {
    const dir = path.join(tmp, `inc-${missing}`);
    const seed = path.join(tmp, 'seed.csv');
    fs.writeFileSync(seed, 'id,name\nzz-seed,seed\n');
    const store = new SqliteStore(dir);
    // One node first: the workspace is no longer empty, so the import takes the incremental path.
    await runImport({ store, sources: [{ path: seed, name: 'seed.csv' }] });
    await runImport({ store, sources: source, options: { missingEndpoints: missing } });
    await store.close();
    return snapshot(dir, ['zz-seed']);
  }

  for (const missing of ['skip', 'placeholder'] as const) {
    for (const [label, limits] of [['JS tables', {}], ['SQLite fallbacks', { indexedIds: 700, ordKeys: 900, jsDegreeNodes: 300 }]] as const) {
      it(`equals the incremental path (${missing}, ${label})`, async () => {
        const dir = path.join(tmp, `bulk-${missing}-${label.replace(/\W/g, '')}`);
        const { store, close } = storeWithLimits(dir, limits);
        const result = await runImport({ store, sources: source, options: { missingEndpoints: missing } });
        await close();
        const bulk = snapshot(dir);
        const inc = await incremental(missing);
        expect(bulk.nodes.length).toBe(missing === 'skip' ? NODES : NODES + 11);
        expect(bulk.badOrds).toBe(0);
        expect(inc.badOrds).toBe(0);
        expect(bulk.nodes).toEqual(inc.nodes);
        expect(bulk.edges).toEqual(inc.edges);
        const ghosts = result.warnings.find((w) => w.code === (missing === 'skip' ? 'MISSING_ENDPOINT' : 'PLACEHOLDER_NODE'));
        expect(ghosts?.count).toBe(11);
        expect(result.warnings.find((w) => w.code === 'DUPLICATE_NODE')?.count).toBe(50);

        // Re-importing the same file updates, never duplicates.
        const again = new SqliteStore(dir);
        const second = await runImport({ store: again, sources: source, options: { missingEndpoints: missing } });
        await again.close();
        expect(second.edgesAdded).toBe(0);
        expect(second.nodesAdded).toBe(0);
        expect(snapshot(dir).edges).toEqual(bulk.edges);
      });
    }
  }

  it('an error after streamed edges leaves the workspace empty, indexes in place, and importable', async () => {
    const dir = path.join(tmp, 'atomic');
    const nodes = path.join(tmp, 'atomic_nodes.csv');
    const edges = path.join(tmp, 'atomic_edges.csv');
    fs.writeFileSync(nodes, 'id,name\n' + Array.from({ length: 3000 }, (_, i) => `a${i},alpha ${i}`).join('\n') + '\n');
    const rows = Array.from({ length: 6000 }, (_, i) => `a${i % 3000},a${(i * 7) % 3000},rel`);
    fs.writeFileSync(edges, 'source,target,relation\n' + rows.join('\n') + '\na1,a2\n');
    const sources = [{ path: nodes, name: 'atomic_nodes.csv' }, { path: edges, name: 'atomic_edges.csv' }];
    const store = new SqliteStore(dir);
    await expect(runImport({ store, sources })).rejects.toMatchObject({ details: { file: 'atomic_edges.csv' } });
    expect(await store.stats()).toMatchObject({ nodes: 0, edges: 0 });
    const indexes = (store.db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') AND name LIKE '%_%' ORDER BY name`).pluck().all() as string[]);
    expect(indexes).toEqual(expect.arrayContaining(['degrees_order', 'edges_dst', 'edges_key', 'nodes_fts_ai', 'nodes_id', 'nodes_type']));

    fs.writeFileSync(edges, 'source,target,relation\n' + rows.join('\n') + '\n');
    const ok = await runImport({ store, sources });
    expect(ok).toMatchObject({ nodesAdded: 3000, edgesAdded: 6000 });
    expect((await store.searchName('alpha 1234', 5)).map((r) => r.id)).toContain('a1234');
    const degreeSum = (store.db.prepare('SELECT sum(degree) FROM degrees').pluck().get() as number);
    expect(degreeSum).toBe(12000);
    await store.close();
  });
});

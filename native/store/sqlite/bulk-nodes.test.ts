/**
 * Nodes of a bulk import are written without the unique index on the id (bulk-nodes.ts) until
 * the JS id table is full or the import commits. Duplicates, ids whose hashes collide and name
 * annotations must come out as through the upsert path, and a failed import must leave the
 * workspace (indexes included) as it was.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { SqliteStore } from './sqlite-store';
import { SqliteImportWriter } from './import-writer';
import type { BulkLimits } from './bulk-edges';
import type { ParseBatch } from '../../ingest/format';
import { runImport } from '../../ingest/run-import';
import type { GraphStore } from '../graph-store';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-bulk-nodes-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function indexNames(db: Database.Database): string[] {
  return db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
}

function batch(nodes: ParseBatch['nodes'], edges: ParseBatch['edges'] = []): ParseBatch {
  return { nodes, edges, bytesRead: 0 };
}

/** All nodes by id with what merges change, and edges by endpoint ids. */
function graph(db: Database.Database): { nodes: unknown[]; edges: string[] } {
  return {
    nodes: db.prepare('SELECT id, name, type, labels, props, text, coalesce(g.degree, 0) AS degree FROM nodes n LEFT JOIN degrees g ON g.rid = n.rid ORDER BY id').all(),
    edges: (db.prepare('SELECT s.id || \'>\' || d.id || \':\' || e.type || \'#\' || e.ord FROM edges e JOIN nodes s ON s.rid = e.src JOIN nodes d ON d.rid = e.dst').pluck().all() as string[]).sort(),
  };
}

/** Records for the writer: duplicates that rename, retype and patch props; edges among them. */
function records(): ParseBatch[] {
  const out: ParseBatch[] = [];
  const nodes: ParseBatch['nodes'] = [];
  for (let i = 0; i < 1500; i++) nodes.push({ id: `id-${i}`, name: `Node ${i}`, type: 'entity', props: { i, keep: 'x' } });
  out.push(batch(nodes));
  const dups: ParseBatch['nodes'] = [];
  for (let i = 0; i < 1500; i += 7) dups.push({ id: `id-${i}`, name: `id-${i}`, type: i % 2 ? 'event' : '', labels: ['L'], props: { i: -i, extra: true }, text: `t${i}` });
  for (let i = 1500; i < 1600; i++) dups.push({ id: `id-${i}`, props: {} });
  out.push(batch(dups, Array.from({ length: 3000 }, (_, k) => ({ source: `id-${(k * 13) % 1600}`, target: `id-${(k * 29) % 1600}`, type: 'rel', props: {} }))));
  out.push(batch([{ id: 'id-3', name: 'Three', props: { late: 1 } }], [{ source: 'id-3', target: 'id-1599', type: 'rel', props: {} }]));
  return out;
}

async function bulkWrite(dir: string, limits: BulkLimits, during: (db: Database.Database) => void): Promise<{ nodes: unknown[]; edges: string[] }> {
  const store = new SqliteStore(dir);
  try {
    const writer = new SqliteImportWriter(store.db, ['f'], undefined, limits);
    for (const b of records()) {
      writer.write(b, 'f');
      during(store.db);
    }
    await writer.commit({ missingEndpoints: 'skip' });
    return graph(store.db);
  } finally {
    await store.close();
  }
}

describe('bulk node writes without the id index', () => {
  it('merge duplicates like the upsert path, with colliding hashes and when the id table fills', async () => {
    // Reference: the incremental path (a workspace that is not empty upserts through nodes_id).
    const refDir = path.join(tmp, 'ref');
    const refStore = new SqliteStore(refDir);
    refStore.db.exec(`INSERT INTO nodes(id, name) VALUES ('zz-seed', 'seed')`);
    const ref = new SqliteImportWriter(refStore.db, ['f']);
    for (const b of records()) ref.write(b, 'f');
    await ref.commit({ missingEndpoints: 'skip' });
    refStore.db.exec(`DELETE FROM nodes WHERE id = 'zz-seed'`);
    const expected = graph(refStore.db);
    await refStore.close();
    expect(expected.nodes).toHaveLength(1600);

    const cases: Array<[string, BulkLimits]> = [
      ['JS table', {}],
      ['colliding hashes', { hashBits: 6 }],
      ['table full', { indexedIds: 500 }],
      ['colliding hashes, table full', { hashBits: 10, indexedIds: 500 }],
    ];
    for (const [label, limits] of cases) {
      const indexSeen: boolean[] = [];
      const got = await bulkWrite(path.join(tmp, label.replace(/\W/g, '')), limits, (db) => indexSeen.push(indexNames(db).includes('nodes_id')));
      expect(got, label).toEqual(expected);
      // nodes_id only exists mid-import once the id table is full (1500 ids > 500).
      expect(indexSeen, label).toEqual(limits.indexedIds ? [true, true, true] : [false, false, false]);
    }
  });

  it('name annotations land on the right nodes when ids collide', async () => {
    const triples = path.join(tmp, 'train.txt');
    const names = path.join(tmp, 'entity2text.txt');
    fs.writeFileSync(triples, Array.from({ length: 2000 }, (_, i) => `e${i}\thas\te${(i * 7 + 1) % 1200}`).join('\n') + '\n');
    // Names for every entity plus ids that are not nodes (they must not add nodes).
    fs.writeFileSync(names, Array.from({ length: 2500 }, (_, i) => `e${i}\tname_of_${i}`).join('\n') + '\n');
    const sources = [{ path: triples, name: 'train.txt' }, { path: names, name: 'entity2text.txt' }];
    const results: unknown[] = [];
    for (const limits of [{}, { hashBits: 6 }, { hashBits: 10, indexedIds: 300 }] as BulkLimits[]) {
      const store = new SqliteStore(path.join(tmp, `names-${results.length}`));
      const limited: GraphStore = Object.assign(Object.create(store) as SqliteStore, {
        beginImport: async (meta: { files: string[] }) => new SqliteImportWriter(store.db, meta.files, undefined, limits),
      });
      await runImport({ store: limited, sources });
      const nodes = store.db.prepare('SELECT id, name, props FROM nodes ORDER BY id').all() as Array<{ id: string; name: string }>;
      await store.close();
      expect(nodes).toHaveLength(2000);
      expect(nodes.find((n) => n.id === 'e42')?.name).toMatch(/^name.of.42$/);
      results.push(nodes);
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('a failed import after the id index was built mid-import leaves the workspace as it was', async () => {
    const dir = path.join(tmp, 'rollback');
    const nodes = path.join(tmp, 'rb_nodes.csv');
    const edges = path.join(tmp, 'rb_edges.csv');
    fs.writeFileSync(nodes, 'id,name\n' + Array.from({ length: 3000 }, (_, i) => `a${i},alpha ${i}`).join('\n') + '\na7,again\n');
    fs.writeFileSync(edges, 'source,target,relation\n' + Array.from({ length: 3000 }, (_, i) => `a${i},a${(i * 7) % 3000},rel`).join('\n') + '\na1,a2\n');
    const sources = [{ path: nodes, name: 'rb_nodes.csv' }, { path: edges, name: 'rb_edges.csv' }];
    const store = new SqliteStore(dir);
    const before = indexNames(store.db);
    for (const limits of [{ hashBits: 8, indexedIds: 1000 }, { hashBits: 8 }] as BulkLimits[]) {
      const limited: GraphStore = Object.assign(Object.create(store) as SqliteStore, {
        beginImport: async (meta: { files: string[] }) => new SqliteImportWriter(store.db, meta.files, undefined, limits),
      });
      await expect(runImport({ store: limited, sources })).rejects.toMatchObject({ details: { file: 'rb_edges.csv' } });
      expect(await store.stats()).toMatchObject({ nodes: 0, edges: 0 });
      expect(indexNames(store.db)).toEqual(before);
    }
    expect(before).toContain('nodes_id');
    // The unique index still refuses a second row with the same id.
    expect(() => store.db.exec(`INSERT INTO nodes(id) VALUES ('x'); INSERT INTO nodes(id) VALUES ('x')`)).toThrow(/UNIQUE/);
    store.db.exec(`DELETE FROM nodes`);
    fs.writeFileSync(edges, 'source,target,relation\n' + Array.from({ length: 3000 }, (_, i) => `a${i},a${(i * 7) % 3000},rel`).join('\n') + '\n');
    const ok = await runImport({ store, sources });
    expect(ok).toMatchObject({ nodesAdded: 3000, edgesAdded: 3000 });
    expect((await store.node('a7'))?.node.name).toBe('again');
    await store.close();
  });
});

/**
 * Node degrees live in `degrees` (schema 2): readers see 0 for nodes without a row, the overview
 * lists nodes without edges after the connected ones, and a workspace made with schema 1 (degrees
 * in a `nodes.degree` column) opens with its degrees moved over and keeps counting on re-import.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from './sqlite-store';
import { runImport } from '../../ingest/run-import';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-degrees-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The tables of schema 1 that matter here, as workspaces made before it have them. */
const SCHEMA_1 = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
INSERT INTO meta(key, value) VALUES ('schema_version', '1');
CREATE TABLE nodes (
  rid INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL DEFAULT '', type TEXT NOT NULL DEFAULT '',
  labels TEXT, props TEXT, text TEXT, degree INTEGER NOT NULL DEFAULT 0, file_id INTEGER, line INTEGER
);
CREATE UNIQUE INDEX nodes_id ON nodes(id);
CREATE INDEX nodes_degree ON nodes(degree DESC);
CREATE TABLE edges (
  rid INTEGER PRIMARY KEY, src INTEGER NOT NULL, dst INTEGER NOT NULL, type TEXT NOT NULL DEFAULT '',
  ord INTEGER NOT NULL DEFAULT 0, eid TEXT, props TEXT, file_id INTEGER, line INTEGER
);
CREATE VIRTUAL TABLE nodes_fts USING fts5(name, content='nodes', content_rowid='rid', tokenize='unicode61 remove_diacritics 2');
INSERT INTO nodes(rid, id, name, degree) VALUES (1, 'a', 'alpha', 2), (2, 'b', 'beta', 1), (3, 'c', 'gamma', 1), (4, 'd', 'delta', 0);
INSERT INTO edges(src, dst, type) VALUES (1, 2, 'r'), (1, 3, 'r');
INSERT INTO nodes_fts(nodes_fts) VALUES ('rebuild');
`;

function degreesById(store: SqliteStore): Record<string, number> {
  const rows = store.db.prepare('SELECT n.id, coalesce(g.degree, 0) AS degree FROM nodes n LEFT JOIN degrees g ON g.rid = n.rid').all() as Array<{ id: string; degree: number }>;
  return Object.fromEntries(rows.map((r) => [r.id, r.degree]));
}

describe('degrees', () => {
  it('a bulk import writes rows only for nodes with edges; the overview lists the others after them', async () => {
    const nodes = path.join(tmp, 'few_nodes.csv');
    const edges = path.join(tmp, 'few_edges.csv');
    fs.writeFileSync(nodes, 'id,name\nn1,one\nn2,two\nn3,three\nn4,four\nn5,five\n');
    fs.writeFileSync(edges, 'source,target\nn2,n4\nn4,n4\nn5,n2\n');
    const store = new SqliteStore(path.join(tmp, 'bulk'));
    await runImport({ store, sources: [{ path: nodes, name: 'few_nodes.csv' }, { path: edges, name: 'few_edges.csv' }] });
    expect(store.db.prepare('SELECT count(*) FROM degrees').pluck().get()).toBe(3);
    expect(degreesById(store)).toEqual({ n1: 0, n2: 2, n3: 0, n4: 3, n5: 1 });
    const overview = await store.overview(10);
    expect(overview.nodes.map((n) => [n.id, n.degree])).toEqual([['n4', 3], ['n2', 2], ['n5', 1], ['n1', 0], ['n3', 0]]);
    expect((await store.overview(2)).nodes.map((n) => n.id)).toEqual(['n4', 'n2']);
    expect((await store.overview(4)).nodes.map((n) => n.id)).toEqual(['n4', 'n2', 'n5', 'n1']);
    expect((await store.node('n3'))?.node.degree).toBe(0);
    expect((await store.neighbors('n2', { limit: 10, offset: 0, direction: 'both' })).nodes.map((n) => [n.id, n.degree]).sort())
      .toEqual([['n2', 2], ['n4', 3], ['n5', 1]]);
    expect(await store.searchName('four', 5)).toEqual([{ id: 'n4', name: 'four', type: 'few', degree: 3 }]);
    // The overview walks the degree index, not a sort of every node.
    const plan = store.db.prepare('EXPLAIN QUERY PLAN SELECT g.rid FROM degrees g JOIN nodes n ON n.rid = g.rid ORDER BY g.degree DESC, g.rid LIMIT 5').all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('; ')).toMatch(/USING (COVERING )?INDEX degrees_order/);
    expect(plan.map((p) => p.detail).join('; ')).not.toMatch(/TEMP B-TREE/);
    await store.close();
  });

  it('a schema 1 workspace opens with its degrees moved to the table and keeps them right on re-import', async () => {
    const dir = path.join(tmp, 'old');
    fs.mkdirSync(dir);
    const old = new Database(path.join(dir, 'graph.sqlite'));
    old.exec(SCHEMA_1);
    old.close();

    const store = new SqliteStore(dir);
    expect(store.db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe('2');
    expect(store.db.prepare("SELECT name FROM sqlite_schema WHERE name IN ('nodes_degree', 'degrees_order')").pluck().all()).toEqual(['degrees_order']);
    expect(degreesById(store)).toEqual({ a: 2, b: 1, c: 1, d: 0 });
    expect((await store.overview(10)).nodes.map((n) => [n.id, n.degree])).toEqual([['a', 2], ['b', 1], ['c', 1], ['d', 0]]);
    expect((await store.searchName('delta', 5))[0]).toMatchObject({ id: 'd', degree: 0 });

    // Not empty: the incremental path adds to the moved degrees.
    const more = path.join(tmp, 'more.csv');
    fs.writeFileSync(more, 'source,target\nb,c\nd,e\n');
    await runImport({ store, sources: [{ path: more, name: 'more.csv' }], options: { missingEndpoints: 'placeholder' } });
    expect(degreesById(store)).toEqual({ a: 2, b: 2, c: 2, d: 1, e: 1 });
    await store.close();

    // Opening again moves nothing twice.
    const again = new SqliteStore(dir);
    expect(degreesById(again)).toEqual({ a: 2, b: 2, c: 2, d: 1, e: 1 });
    await again.close();
  });
});

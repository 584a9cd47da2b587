/**
 * A bulk load into an empty workspace gives every edge ord 0 and numbers parallel edges only when
 * the unique key refuses; the result must equal the incremental path's: parallel edges kept,
 * re-import updates instead of duplicating.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from './sqlite-store';
import { runImport } from '../../ingest/run-import';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-parallel-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const graphml = `<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="w" for="edge" attr.name="weight" attr.type="double"/>
<graph edgedefault="directed">
<node id="a"/><node id="b"/><node id="c"/>
<edge source="a" target="b"><data key="w">1</data></edge>
<edge source="a" target="b"><data key="w">2</data></edge>
<edge source="a" target="b"><data key="w">3</data></edge>
<edge source="b" target="c"><data key="w">4</data></edge>
<edge source="c" target="c"><data key="w">5</data></edge>
</graph></graphml>`;

describe('parallel edges', () => {
  it('degrees add up when a second import adds edges (incremental path)', async () => {
    const dir = path.join(tmp, 'ws-inc');
    const first = path.join(tmp, 'first.csv');
    const second = path.join(tmp, 'second.csv');
    fs.writeFileSync(first, 'source,target\nx,y\n');
    fs.writeFileSync(second, 'source,target\ny,z\nx,z\n');
    const store = new SqliteStore(dir);
    await runImport({ store, sources: [{ path: first, name: 'first.csv' }], options: { missingEndpoints: 'placeholder' } });
    await runImport({ store, sources: [{ path: second, name: 'second.csv' }], options: { missingEndpoints: 'placeholder' } });
    await store.close();
    const db = new Database(path.join(dir, 'graph.sqlite'), { readonly: true });
    const degrees = Object.fromEntries((db.prepare('SELECT id, coalesce(g.degree, 0) AS degree FROM nodes n LEFT JOIN degrees g ON g.rid = n.rid').all() as Array<{ id: string; degree: number }>).map((r) => [r.id, r.degree]));
    db.close();
    expect(degrees).toEqual({ x: 2, y: 2, z: 2 });
  });

  it('survive a bulk load and a re-import does not duplicate them', async () => {
    const file = path.join(tmp, 'parallel.graphml');
    fs.writeFileSync(file, graphml);
    const store = new SqliteStore(path.join(tmp, 'ws'));
    const first = await runImport({ store, sources: [{ path: file, name: 'parallel.graphml' }] });
    expect(first.edgesAdded).toBe(5);
    expect((await store.stats()).edges).toBe(5);
    const again = await runImport({ store, sources: [{ path: file, name: 'parallel.graphml' }] });
    expect(again.edgesAdded).toBe(0);
    const stats = await store.stats();
    expect(stats).toMatchObject({ nodes: 3, edges: 5 });
    // Degree counts both ends; the self loop counts twice (bulk path, then unchanged by the re-import).
    await store.close();
    const db = new Database(path.join(tmp, 'ws', 'graph.sqlite'), { readonly: true });
    const degrees = Object.fromEntries((db.prepare('SELECT id, coalesce(g.degree, 0) AS degree FROM nodes n LEFT JOIN degrees g ON g.rid = n.rid').all() as Array<{ id: string; degree: number }>).map((r) => [r.id, r.degree]));
    db.close();
    expect(degrees).toEqual({ a: 3, b: 4, c: 3 });
  });
});

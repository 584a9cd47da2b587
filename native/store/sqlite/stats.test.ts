/**
 * A bulk import leaves the stats behind (edge types counted while streaming, stats.ts); they must
 * equal what the tables give, also with edges resolved by the staged join (an endpoint that comes
 * later), merged duplicate nodes, placeholders, and after an incremental import.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from './sqlite-store';
import { runImport } from '../../ingest/run-import';
import { computeStats, readCachedStats } from './stats';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-stats-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function file(name: string, text: string): { path: string; name: string } {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, text);
  return { path: p, name };
}

describe('stats left by an import', () => {
  it('a bulk import writes stats equal to the tables: direct and staged edges, merged nodes, placeholders', async () => {
    // Edges come first (all staged: no node is known yet), then nodes with a duplicate id whose
    // second record changes the type, then a second edge file written directly.
    const early = file('early_edges.csv', 'source,target,relation\nb,a,likes\nc,zz,likes\na,b,knows\n');
    const nodes = file('stat_nodes.csv', 'id,name,label\na,A,person\nb,B,person\nc,C,city\nb,B2,robot\n');
    const late = file('late_edges.csv', 'source,target,relation\na,c,lives in\nb,c,lives in\nc,a,likes\na,a,knows\n');
    const store = new SqliteStore(path.join(tmp, 'bulk'));
    const result = await runImport({
      store,
      sources: [early, nodes, late],
      options: { missingEndpoints: 'placeholder', columns: { 'early_edges.csv': { kind: 'edges' }, 'late_edges.csv': { kind: 'edges' }, 'stat_nodes.csv': { kind: 'nodes' } } },
    });
    expect(result.stages.map((s) => s.name)).toContain('stats');
    const left = readCachedStats(store.db);
    expect(left).toBeDefined();
    const fromTables = computeStats(store.db);
    expect(left).toEqual(fromTables);
    // Independently: 7 edge rows, 'zz' became a placeholder node.
    expect(fromTables.edges).toBe(7);
    expect(fromTables.nodes).toBe(4);
    expect(fromTables.edgeTypes).toEqual([{ type: 'likes', count: 3 }, { type: 'knows', count: 2 }, { type: 'lives in', count: 2 }]);
    expect(await store.stats()).toEqual(fromTables);
    store.close();
  });

  it('an import into a non-empty workspace clears them; the next read computes them again', async () => {
    const store = new SqliteStore(path.join(tmp, 'incremental'));
    const first = file('first.csv', 'source,target,relation\nx,y,r1\n');
    await runImport({ store, sources: [first], options: { missingEndpoints: 'placeholder' } });
    expect(readCachedStats(store.db)?.edges).toBe(1);
    const second = file('second.csv', 'source,target,relation\ny,z,r2\nx,y,r1\nx,y,r1\n');
    await runImport({ store, sources: [second], options: { missingEndpoints: 'placeholder' } });
    expect(readCachedStats(store.db)).toBeUndefined();
    const stats = await store.stats();
    expect(stats).toEqual(computeStats(store.db));
    expect(stats.edgeTypes.find((t) => t.type === 'r2')?.count).toBe(1);
    expect(readCachedStats(store.db)).toEqual(stats);
    store.close();
  });
});

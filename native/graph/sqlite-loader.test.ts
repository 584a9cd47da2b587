/** Loading adjacency from a real (in-memory) better-sqlite3 database with the store's edge/node columns. */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { generateGraph } from './generate-graph';
import { GraphEngine } from './graph-engine';
import { loadGraphFromSqlite, loadGraphFromSqliteAsync, type LoadProgress } from './sqlite-loader';

const SCHEMA = `
CREATE TABLE nodes (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL DEFAULT '', type TEXT NOT NULL DEFAULT '');
CREATE TABLE edges (rid INTEGER PRIMARY KEY, src INTEGER NOT NULL, dst INTEGER NOT NULL, type TEXT NOT NULL DEFAULT '', props TEXT, eid TEXT);
`;

const open: Database.Database[] = [];
function database(): Database.Database {
  const db = new Database(':memory:');
  db.exec(SCHEMA);
  open.push(db);
  return db;
}
afterEach(() => {
  while (open.length) open.pop()!.close();
});

describe('loadGraphFromSqlite', () => {
  it('maps rowids to dense indices, interns types, skips dangling edges and reads weights', () => {
    const db = database();
    const node = db.prepare('INSERT INTO nodes (rid, id, name, type) VALUES (?, ?, ?, ?)');
    node.run(10, 'alice', 'Alice', 'person');
    node.run(11, 'acme', 'ACME', 'org');
    node.run(15, 'bob', 'Bob', 'person');
    node.run(40, 'paris', 'Paris', 'place');
    const edge = db.prepare('INSERT INTO edges (rid, src, dst, type, props) VALUES (?, ?, ?, ?, ?)');
    edge.run(100, 10, 11, 'works_at', JSON.stringify({ weight: 2.5 }));
    edge.run(101, 15, 11, 'works_at', null);
    edge.run(105, 10, 15, 'knows', JSON.stringify({ weight: 'heavy' }));
    edge.run(106, 11, 40, 'located_in', JSON.stringify({ weight: 4 }));
    edge.run(107, 15, 999, 'knows', null); // endpoint row missing

    const g = loadGraphFromSqlite(db, { weightPath: '$.weight' });
    expect([...g.nodeRids]).toEqual([10, 11, 15, 40]);
    expect(g.nodeTypes.names).toEqual(['person', 'org', 'place']);
    expect([...g.csr.nodeType]).toEqual([0, 1, 0, 2]);
    expect(g.edgeTypes.names).toEqual(['works_at', 'knows', 'located_in']);
    expect(g.skippedEdges).toBe(1);
    expect([...g.edgeRids]).toEqual([100, 101, 105, 106]);
    expect([...g.csr.src]).toEqual([0, 2, 0, 1]);
    expect([...g.csr.dst]).toEqual([1, 1, 2, 3]);
    expect([...g.csr.etype]).toEqual([0, 0, 1, 2]);
    expect([...g.weights!]).toEqual([2.5, 1, 1, 4]);
    expect(g.indexOfRid(15)).toBe(2);
    expect(g.indexOfRid(12)).toBe(-1);

    const engine = new GraphEngine(g.csr);
    const knowsOnly = new Set([g.edgeTypes.get('knows')!]);
    const r = engine.kHop([g.indexOfRid(10)], { hops: 2, direction: 'out', edgeTypes: knowsOnly });
    expect([...r.nodes].map((i) => g.nodeRids[i])).toEqual([10, 15]);
    const path = engine.weightedShortestPath(g.indexOfRid(10), g.indexOfRid(40), g.weights!)!;
    expect([...path.edges].map((e) => g.edgeRids[e])).toEqual([105, 101, 106]);
    expect(path.cost).toBe(6);
  });

  it('uses a map for sparse rowids, reads in chunks and matches a CSR built from the same edges', () => {
    const db = database();
    const gen = generateGraph({ nodes: 3000, degree: 5, seed: 8, edgeTypes: 4, nodeTypes: 2 });
    const ridOf = (i: number) => 1_000_000 + i * 7919; // far from dense
    const insertNode = db.prepare('INSERT INTO nodes (rid, id, type) VALUES (?, ?, ?)');
    const insertEdge = db.prepare('INSERT INTO edges (src, dst, type) VALUES (?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < gen.nodeCount; i++) insertNode.run(ridOf(i), `n${i}`, `type${gen.nodeType[i]}`);
      for (let e = 0; e < gen.src.length; e++) insertEdge.run(ridOf(gen.src[e]), ridOf(gen.dst[e]), `rel${gen.etype[e]}`);
    })();
    const loaded = loadGraphFromSqlite(db, { chunkRows: 1000 }); // many chunks per table
    expect(loaded.csr.nodeCount).toBe(gen.nodeCount);
    expect(loaded.csr.edgeCount).toBe(gen.src.length);
    expect(loaded.weights).toBeUndefined();
    expect([...loaded.edgeRids]).toEqual(Array.from({ length: gen.src.length }, (_, e) => e + 1));
    expect([...loaded.nodeRids]).toEqual(Array.from({ length: gen.nodeCount }, (_, i) => ridOf(i)));
    expect([...loaded.csr.src].map((i) => loaded.nodeRids[i])).toEqual([...gen.src].map(ridOf));
    const direct = new GraphEngine(gen);
    const fromDb = new GraphEngine(loaded.csr);
    const relId = (t: number) => loaded.edgeTypes.get(`rel${t}`)!;
    for (const seed of [0, 17, 2999]) {
      const a = direct.kHop([seed], { hops: 3, direction: 'both', edgeTypes: new Set([1, 2]) });
      const b = fromDb.kHop([loaded.indexOfRid(ridOf(seed))], { hops: 3, direction: 'both', edgeTypes: new Set([relId(1), relId(2)]) });
      expect([...b.nodes].map((i) => (loaded.nodeRids[i] - 1_000_000) / 7919).sort((x, y) => x - y)).toEqual([...a.nodes].sort((x, y) => x - y));
    }
  });

  it('loads an empty store', () => {
    const g = loadGraphFromSqlite(database());
    expect(g.csr.nodeCount).toBe(0);
    expect(g.csr.edgeCount).toBe(0);
  });

  it('async load with labels equals the sync load, across chunks with and without rowid gaps', async () => {
    const db = database();
    const gen = generateGraph({ nodes: 500, degree: 4, seed: 3, edgeTypes: 3 });
    const insertNode = db.prepare('INSERT INTO nodes (rid, id, name, type) VALUES (?, ?, ?, ?)');
    const insertEdge = db.prepare('INSERT INTO edges (rid, src, dst, type, eid) VALUES (?, ?, ?, ?, ?)');
    // Edge rowids: dense for the first 700 edges, then every third rowid (gaps), a few source ids.
    const edgeRid = (e: number) => (e < 700 ? e + 1 : 700 + (e - 699) * 3);
    db.transaction(() => {
      for (let i = 0; i < gen.nodeCount; i++) insertNode.run(i + 1, `n${i}`, i % 7 === 0 ? '' : `Name ${i}`, 't');
      for (let e = 0; e < gen.src.length; e++) insertEdge.run(edgeRid(e), gen.src[e] + 1, gen.dst[e] + 1, `r${gen.etype[e]}`, e % 5 === 0 ? `edge-${e}` : null);
    })();
    const progress: LoadProgress[] = [];
    const a = await loadGraphFromSqliteAsync(db, { chunkRows: 256, labels: true, onProgress: (p) => progress.push(p) });
    const b = loadGraphFromSqlite(db, { chunkRows: 256 });
    expect([...a.edgeRids]).toEqual(Array.from(gen.src, (_, e) => edgeRid(e)));
    expect([...a.edgeRids]).toEqual([...b.edgeRids]);
    expect([...a.csr.src]).toEqual([...gen.src]);
    expect([...a.csr.dst]).toEqual([...gen.dst]);
    expect([...a.csr.etype].map((t) => a.edgeTypes.names[t])).toEqual([...gen.etype].map((t) => `r${t}`));
    expect(b.labels).toBeUndefined();
    expect(a.labels!.nodeIds.slice(0, 3)).toEqual(['n0', 'n1', 'n2']);
    expect(a.labels!.nodeNames[0]).toBe('n0'); // empty name: the id
    expect(a.labels!.nodeNames[1]).toBe('Name 1');
    expect(a.labels!.edgeIds.size).toBe(Math.ceil(gen.src.length / 5));
    expect(a.labels!.edgeIds.get(705)).toBe('edge-705');
    expect(a.labels!.edgeIds.has(1)).toBe(false);
    expect(progress.filter((p) => p.stage === 'edges').at(-1)).toEqual({ stage: 'edges', done: gen.src.length, total: gen.src.length });
    expect(progress.at(-1)!.stage).toBe('index');
  });

  it('reads weights on the gap-free range path too', () => {
    const db = database();
    const node = db.prepare('INSERT INTO nodes (rid, id) VALUES (?, ?)');
    for (let i = 1; i <= 3; i++) node.run(i, `n${i}`);
    const edge = db.prepare('INSERT INTO edges (rid, src, dst, type, props) VALUES (?, ?, ?, ?, ?)');
    edge.run(1, 1, 2, 'a', JSON.stringify({ w: 0.5 }));
    edge.run(2, 2, 3, 'a', JSON.stringify({ w: -1 })); // negative: default 1
    edge.run(3, 3, 1, 'b', JSON.stringify({ w: 7 }));
    const g = loadGraphFromSqlite(db, { chunkRows: 2, weightPath: '$.w' });
    expect([...g.weights!]).toEqual([0.5, 1, 7]);
    expect([...g.edgeRids]).toEqual([1, 2, 3]);
    expect([...g.csr.src]).toEqual([0, 1, 2]);
    expect(g.edgeTypes.names).toEqual(['a', 'b']);
  });

  it('async load stops with CANCELLED when its signal is aborted between chunks', async () => {
    const db = database();
    const node = db.prepare('INSERT INTO nodes (rid, id) VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 1; i <= 2000; i++) node.run(i, `n${i}`);
    })();
    const abort = new AbortController();
    const seen: LoadProgress[] = [];
    const load = loadGraphFromSqliteAsync(db, {
      chunkRows: 100,
      signal: abort.signal,
      onProgress: (p) => {
        seen.push(p);
        if (seen.length === 3) abort.abort();
      },
    });
    await expect(load).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(seen.length).toBe(3);
    expect(db.inTransaction).toBe(false);
  });
});

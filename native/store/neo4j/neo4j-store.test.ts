/**
 * Neo4jStore against a REAL Neo4j 5.26 server (in-process harness started by startNeo4j, auth on).
 * Skipped, with the reason in the suite name, only when java/mvn are missing outside CI.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Neo4jStore } from './neo4j-store';
import { generatedGraph, inBatches, moviesBatch } from './test-data';
import { neo4jSkipReason, startNeo4j, type Neo4jTestServer } from './test-server';

const skipReason = neo4jSkipReason();
if (skipReason) console.warn(skipReason);

describe.skipIf(skipReason !== null)(skipReason ?? 'Neo4jStore on a real Neo4j 5 server', () => {
  let server: Neo4jTestServer;
  let store: Neo4jStore;
  let moviesImport: number;

  /** Raw Cypher for checks the GraphStore API does not expose (leftover staging rows etc.). */
  async function count(cypher: string, params: Record<string, unknown> = {}): Promise<number> {
    const res = await store.conn.run<{ c: number }>(cypher, params, 'test check');
    return res.records[0].get('c');
  }

  async function leftovers(): Promise<number> {
    return count(`CALL { MATCH (s:KgwStaged) RETURN count(s) AS a }
                  CALL { MATCH (s:KgwEdgeStage) RETURN count(s) AS b }
                  CALL { MATCH (n:Node) WHERE n._touched IS NOT NULL RETURN count(n) AS d }
                  CALL { MATCH (i:KgwImport) WHERE i.state <> 'committed' RETURN count(i) AS e }
                  CALL { MATCH (t:KgwTouch) RETURN count(t) AS f }
                  RETURN a + b + d + e + f AS c`);
  }

  beforeAll(async () => {
    server = await startNeo4j();
    store = await Neo4jStore.connect({ uri: server.uri, user: server.user, password: server.password });
  });

  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  it('imports the movies graph: 6 nodes, 9 edges, types, nothing visible before commit', async () => {
    const w = await store.beginImport({ files: ['movies.csv'] });
    await w.write(moviesBatch(), 'movies.csv');
    expect((await store.stats()).nodes).toBe(0);
    const counts = await w.commit({ missingEndpoints: 'skip' });
    moviesImport = w.importId;
    expect(counts).toMatchObject({ nodesAdded: 6, nodesMerged: 0, edgesAdded: 9, edgesSkipped: 0, placeholders: 0 });
    const stats = await store.stats();
    expect(stats.nodes).toBe(6);
    expect(stats.edges).toBe(9);
    expect(stats.nodeTypes).toEqual([{ type: 'Person', count: 4 }, { type: 'Movie', count: 2 }]);
    expect(stats.edgeTypes).toEqual([{ type: 'ACTED_IN', count: 8 }, { type: 'KNOWS', count: 1 }]);
    expect(await leftovers()).toBe(0);
    expect(await count('MATCH (n:Node:Person) RETURN count(n) AS c')).toBe(4);
  });

  it('round-trips props (ints, floats, lists, nested objects as JSON) and provenance', async () => {
    const got = await store.node('matrix');
    expect(got).not.toBeNull();
    const n = got!.node;
    expect(n).toMatchObject({ id: 'matrix', name: 'The Matrix', type: 'Movie', labels: ['Movie'], degree: 4 });
    expect(n.props).toEqual({ released: 1999, tagline: 'Welcome to the Real World', rating: 8.7, genres: ['sci-fi', 'action'], meta: { studio: 'Warner', crew: { size: 300 } } });
    expect(n.provenance).toEqual({ importId: moviesImport, file: 'movies.csv', line: 6 });
    expect(await count("MATCH (n:Node {id: 'matrix'}) RETURN CASE WHEN valueType(n.released) STARTS WITH 'INTEGER' THEN 1 ELSE 0 END AS c")).toBe(1);
    expect(await store.node('no-such-node')).toBeNull();
  });

  it('pages neighbours with a total, per direction', async () => {
    const p1 = await store.neighbors('keanu', { limit: 2, offset: 0, direction: 'both' });
    const p2 = await store.neighbors('keanu', { limit: 2, offset: 2, direction: 'both' });
    expect(p1.total).toBe(3);
    expect(p2.total).toBe(3);
    expect(p1.edges).toHaveLength(2);
    expect(p2.edges).toHaveLength(1);
    expect(new Set([...p1.edges, ...p2.edges].map((e) => e.id))).toEqual(new Set(['keanu-matrix', 'keanu-reloaded', 'keanu-knows-carrie']));
    expect(p1.nodes.map((n) => n.id)).toContain('keanu');
    const knows = [...p1.edges, ...p2.edges].find((e) => e.type === 'KNOWS')!;
    expect(knows).toMatchObject({ source: 'keanu', target: 'carrie', props: { since: 1998 } });
    expect((await store.neighbors('keanu', { limit: 10, offset: 0, direction: 'in' })).total).toBe(0);
    expect((await store.neighbors('matrix', { limit: 10, offset: 0, direction: 'in' })).total).toBe(4);
    const carrieIn = await store.neighbors('carrie', { limit: 10, offset: 0, direction: 'in' });
    expect(carrieIn.edges.map((e) => e.id)).toEqual(['keanu-knows-carrie']);
  });

  it('searches names through the full-text index', async () => {
    const kea = await store.searchName('kea', 5);
    expect(kea[0]).toMatchObject({ id: 'keanu', name: 'Keanu Reeves', type: 'Person', degree: 3 });
    const matrix = await store.searchName('matrix', 5);
    expect(matrix.map((m) => m.id).sort()).toEqual(['matrix', 'reloaded']);
    expect((await store.searchName('the matrix relo', 5)).map((m) => m.id)).toEqual(['reloaded']);
    expect(await store.searchName('  ', 5)).toEqual([]);
    expect(await store.searchName('a:b" OR (x', 5)).toEqual([]); // Lucene syntax is escaped, not an error
  });

  it('runs k-hop, shortest path and personalised PageRank in Cypher', async () => {
    const one = await store.kHop(['hugo'], 1);
    expect(one.nodes.map((n) => n.id).sort()).toEqual(['hugo', 'matrix', 'reloaded']);
    expect(one.hops).toEqual({ hugo: 0, matrix: 1, reloaded: 1 });
    expect(one.edges).toHaveLength(2);
    const two = await store.kHop(['hugo'], 2);
    expect(two.nodes).toHaveLength(6);
    expect(two.edges).toHaveLength(9);
    const capped = await store.kHop(['hugo'], 2, 'both', { maxNodes: 4 });
    expect(capped.nodes).toHaveLength(4);
    expect(capped.truncated).toMatchObject({ omitted: 2 });
    expect((await store.kHop(['keanu'], 1, 'out')).nodes).toHaveLength(4);

    const path = await store.shortestPath('hugo', 'carrie');
    expect(path!.nodes.map((n) => n.id)[0]).toBe('hugo');
    expect(path!.nodes.at(-1)!.id).toBe('carrie');
    expect(path!.edges).toHaveLength(2);
    const direct = await store.shortestPath('keanu', 'carrie', { direction: 'out' });
    expect(direct!.edges.map((e) => e.id)).toEqual(['keanu-knows-carrie']);
    expect(await store.shortestPath('carrie', 'keanu', { direction: 'out', maxHops: 3 })).toBeNull();

    const ranked = await store.ppr(['hugo'], 3);
    expect(ranked[0].id).toBe('hugo');
    expect(ranked.slice(1).map((r) => r.id).sort()).toEqual(['matrix', 'reloaded']);
    expect(ranked[0].score).toBeGreaterThan(ranked[1].score);
  });

  it('imports a generated graph in batches; edges written before their nodes resolve at commit', async () => {
    const { nodes, edges } = generatedGraph('g', 300, 600);
    const w = await store.beginImport({ files: ['gen.jsonl'] });
    // Half the edges arrive before any node: they are staged and resolved at commit.
    for (const b of inBatches([], edges.slice(0, 300), 128)) await w.write(b, 'gen.jsonl');
    for (const b of inBatches(nodes, edges.slice(300), 128)) await w.write(b, 'gen.jsonl');
    await w.write({ nodes: [], edges: [{ source: 'gn1', target: 'nowhere', type: 'causes', props: {}, line: 999 }, { source: 'nobody', target: 'gn2', props: {}, line: 1000 }], bytesRead: 0 }, 'gen.jsonl');
    expect((await store.stats()).nodes).toBe(6);
    const counts = await w.commit({ missingEndpoints: 'skip' });
    expect(counts).toMatchObject({ nodesAdded: 300, edgesAdded: 600, edgesSkipped: 2, placeholders: 0 });
    expect(counts.missingExamples).toEqual([
      { file: 'gen.jsonl', line: 999, value: 'nowhere' },
      { file: 'gen.jsonl', line: 1000, value: 'nobody' },
    ]);
    const stats = await store.stats();
    expect(stats.nodes).toBe(306);
    expect(stats.edges).toBe(609);
    expect(stats.edgeTypes.find((t) => t.type === 'part of')?.count).toBe(200);
    const page = await store.neighbors('gn0', { limit: 100, offset: 0, direction: 'out' });
    expect(page.total).toBe(2);
    expect(page.edges.map((e) => e.target).sort()).toEqual(['gn1', 'gn2']);
    expect(await leftovers()).toBe(0);
  });

  it('creates placeholder nodes for missing endpoints on request', async () => {
    const w = await store.beginImport({ files: ['ph.csv'] });
    await w.write({ nodes: [], edges: [{ source: 'keanu', target: 'ph-target', type: 'LIKES', props: {} }], bytesRead: 0 }, 'ph.csv');
    const counts = await w.commit({ missingEndpoints: 'placeholder' });
    expect(counts).toMatchObject({ nodesAdded: 0, placeholders: 1, edgesAdded: 1, edgesSkipped: 0 });
    expect((await store.node('ph-target'))!.node).toMatchObject({ type: 'placeholder', name: 'ph-target' });
    await store.removeImport(w.importId);
    expect(await store.node('ph-target')).toBeNull();
    expect((await store.neighbors('keanu', { limit: 10, offset: 0, direction: 'out' })).total).toBe(3);
  });

  it('merges updates into nodes of earlier imports only at commit, keeping their provenance', async () => {
    const w = await store.beginImport({ files: ['update.csv', 'names.tsv'] });
    await w.write({ nodes: [{ id: 'keanu', name: 'Keanu C. Reeves', type: 'Person', props: { born: 1964, awards: { count: 3 } } }], edges: [], bytesRead: 0 }, 'update.csv');
    await w.write({ nodes: [], edges: [], annotations: [{ id: 'carrie', name: 'Carrie-Anne Moss (Trinity)' }, { id: 'not-there', name: 'ignored' }], bytesRead: 0 }, 'names.tsv');
    expect((await store.node('keanu'))!.node.name).toBe('Keanu Reeves');
    const counts = await w.commit({ missingEndpoints: 'skip' });
    expect(counts).toMatchObject({ nodesAdded: 0, nodesMerged: 1 });
    const keanu = (await store.node('keanu'))!.node;
    expect(keanu).toMatchObject({ name: 'Keanu C. Reeves', props: { born: 1964, awards: { count: 3 } } });
    expect(keanu.provenance?.importId).toBe(moviesImport);
    expect((await store.node('carrie'))!.node.name).toBe('Carrie-Anne Moss (Trinity)');
    expect(await store.node('not-there')).toBeNull();
    expect(await leftovers()).toBe(0);
  });

  it('spills updates of earlier nodes to the database past the memory limit, same result', async () => {
    const spilling = await Neo4jStore.connect({ uri: server.uri, user: server.user, password: server.password, memoryStageLimit: 2 });
    try {
      const w = await spilling.beginImport({ files: ['spill.csv'] });
      await w.write({
        nodes: [
          { id: 'gn10', name: 'ten', type: 'entity', labels: ['Spilled'], props: { extra: { deep: true } } },
          { id: 'gn11', name: 'eleven', props: { rank: -11 } },
          { id: 'gn12', type: 'event', props: { note: 'in memory' } },
        ],
        edges: [],
        bytesRead: 0,
      }, 'spill.csv');
      expect(await count('MATCH (s:KgwStaged) RETURN count(s) AS c')).toBe(2); // spilled at the limit
      expect((await store.node('gn10'))!.node.name).toBe('g item 10');
      await w.commit({ missingEndpoints: 'skip' });
      const ten = (await store.node('gn10'))!.node;
      expect(ten).toMatchObject({ name: 'ten', type: 'entity', props: { rank: 10, extra: { deep: true } } });
      expect(ten.labels).toEqual(['Spilled']);
      expect(await count("MATCH (n:Node:Spilled {id: 'gn10'}) RETURN count(n) AS c")).toBe(1);
      expect((await store.node('gn11'))!.node).toMatchObject({ name: 'eleven', type: 'concept', props: { rank: -11 } });
      expect((await store.node('gn12'))!.node).toMatchObject({ name: 'g item 12', props: { note: 'in memory', rank: 12 } });
      expect(await leftovers()).toBe(0);
    } finally {
      await spilling.close();
    }
  });

  it('rollback leaves the store exactly as it was', async () => {
    const before = await store.stats();
    const keanuBefore = await store.node('keanu');
    const allBefore = await count('MATCH (n) RETURN count(n) AS c');
    const w = await store.beginImport({ files: ['bad.csv'] });
    const { nodes, edges } = generatedGraph('rb', 50, 120);
    for (const b of inBatches(nodes, edges, 40)) await w.write(b, 'bad.csv');
    await w.write({
      nodes: [{ id: 'keanu', name: 'Changed', props: { born: 1 } }],
      edges: [{ source: 'hugo', target: 'carrie', type: 'KNOWS', props: {} }, { source: 'rbn1', target: 'not-yet', props: {} }],
      annotations: [{ id: 'laurence', name: 'Changed too' }],
      bytesRead: 0,
    }, 'bad.csv');
    await w.rollback();
    expect(await store.stats()).toEqual(before);
    expect(await store.node('keanu')).toEqual(keanuBefore);
    expect((await store.node('laurence'))!.node.name).toBe('Laurence Fishburne');
    expect(await count('MATCH (n) RETURN count(n) AS c')).toBe(allBefore);
    expect(await leftovers()).toBe(0);
    await expect(w.commit({ missingEndpoints: 'skip' })).rejects.toMatchObject({ code: 'STORE_ERROR' });
  });

  it('keeps an abandoned import invisible and rolls it back by id', async () => {
    const before = await store.stats();
    const w = await store.beginImport({ files: ['crash.csv'] });
    await w.write(moviesBatchWithPrefix('x'), 'crash.csv');
    // The app "crashes": neither commit nor rollback. Readers must not see the half import.
    expect(await store.stats()).toEqual(before);
    expect(await store.searchName('xkeanu', 5)).toEqual([]);
    expect(await store.abandonedImports()).toContain(w.importId);
    await store.rollbackImport(w.importId);
    expect(await store.abandonedImports()).not.toContain(w.importId);
    expect(await leftovers()).toBe(0);
    expect(await store.stats()).toEqual(before);
  });

  it('stores injection-looking types verbatim and safely', async () => {
    const evil = ['X`]->(m) DETACH DELETE m //', 'Foo`:Bar', 'a\\u0060b} RETURN 1', 'new\nline', '`'];
    const before = await store.stats();
    const w = await store.beginImport({ files: ['evil.csv'] });
    await w.write({
      nodes: evil.map((t, i) => ({ id: `evil${i}`, name: `evil ${i}`, type: t, labels: [t, 'Node', 'Extra`)'], props: { [t]: t } })),
      edges: evil.map((t, i) => ({ source: `evil${i}`, target: 'keanu', type: t, props: {} })),
      bytesRead: 0,
    }, 'evil.csv');
    const counts = await w.commit({ missingEndpoints: 'skip' });
    expect(counts).toMatchObject({ nodesAdded: evil.length, edgesAdded: evil.length });
    const after = await store.stats();
    expect(after.nodes).toBe(before.nodes + evil.length);
    expect(after.edges).toBe(before.edges + evil.length);
    for (const [i, t] of evil.entries()) {
      const n = (await store.node(`evil${i}`))!.node;
      expect(n.type).toBe(t);
      expect(n.props).toEqual({ [t]: t });
      const e = await store.neighbors(`evil${i}`, { limit: 5, offset: 0, direction: 'out' });
      expect(e.edges[0].type).toBe(t);
    }
    expect(await count('MATCH (n:Node) WHERE n:`Foo``:Bar` RETURN count(n) AS c')).toBe(1);
    expect(await count("MATCH ()-[r:`X``]->(m) DETACH DELETE m //`]->() RETURN count(r) AS c")).toBe(1);
    await store.removeImport(w.importId);
    expect(await store.stats()).toEqual(before);
  });

  it('reports bad credentials as NEO4J_AUTH without echoing them', async () => {
    const wrong = 'definitely-wrong-' + Date.now();
    const err = await Neo4jStore.connect({ uri: server.uri, user: 'neo4j', password: wrong }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NEO4J_AUTH' });
    expect(JSON.stringify(err) + String((err as Error).message)).not.toContain(wrong);
  });

  it('reports an unreachable server as NEO4J_UNAVAILABLE', async () => {
    const port = await closedPort();
    const err = await Neo4jStore.connect({ uri: `bolt://127.0.0.1:${port}`, user: 'neo4j', password: 'x', connectTimeoutMs: 2000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NEO4J_UNAVAILABLE' });
  });
});

function moviesBatchWithPrefix(prefix: string) {
  const b = moviesBatch();
  return {
    ...b,
    nodes: b.nodes.map((n) => ({ ...n, id: prefix + n.id, name: prefix + n.id })),
    edges: b.edges.map((e) => ({ ...e, id: prefix + e.id, source: prefix + e.source, target: prefix + e.target })),
  };
}

/** A loopback port nothing listens on (bound then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A Neo4j server that goes away in the middle of an import: the writer reports NEO4J_UNAVAILABLE
 * (not a generic error), and so does the rollback attempt. The data already written stays hidden
 * (its import is still 'pending'); neo4j-store.test.ts shows such an import is invisible and
 * removed by rollbackImport(id) once the server is reachable again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Neo4jStore } from './neo4j-store';
import { generatedGraph, moviesBatch } from './test-data';
import { neo4jSkipReason, startNeo4j, type Neo4jTestServer } from './test-server';

const skipReason = neo4jSkipReason();
if (skipReason) console.warn(skipReason);

describe.skipIf(skipReason !== null)(skipReason ?? 'Neo4j server lost mid-import', () => {
  let server: Neo4jTestServer;
  let store: Neo4jStore;

  beforeAll(async () => {
    server = await startNeo4j({ heap: '512m' });
    // Short retries: the server will not come back, so waiting out the default 5 s per call is pointless.
    store = await Neo4jStore.connect({ uri: server.uri, user: server.user, password: server.password, retryTimeMs: 500, connectTimeoutMs: 2000 });
  });

  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  it('reports NEO4J_UNAVAILABLE for the next write and for the rollback', { timeout: 120_000 }, async () => {
    const w = await store.beginImport({ files: ['movies.csv'] });
    await w.write(moviesBatch(), 'movies.csv');
    expect((await store.stats()).nodes).toBe(0); // written but hidden until commit
    await server.stop();
    const { nodes, edges } = generatedGraph('late', 20, 40);
    const writeErr = await Promise.resolve(w.write({ nodes, edges, bytesRead: 0 }, 'late.csv')).catch((e: unknown) => e);
    expect(writeErr).toMatchObject({ code: 'NEO4J_UNAVAILABLE' });
    expect((writeErr as Error).message).toMatch(/not reachable while .* of late\.csv/);
    const rollbackErr = await Promise.resolve(w.rollback()).catch((e: unknown) => e);
    expect(rollbackErr).toMatchObject({ code: 'NEO4J_UNAVAILABLE' });
    await expect(store.stats()).rejects.toMatchObject({ code: 'NEO4J_UNAVAILABLE' });
  });
});

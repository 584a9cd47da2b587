/**
 * Similarity and retrieval on a workspace stored in a REAL Neo4j 5.26 server (startNeo4j) with the
 * real model: the AutoSchemaKG "Operation: Dulce" chunk from the shared datasets is imported into
 * Neo4j, embedded from there into the local side file, searched by phrase and by node, and spread
 * over with Cypher PPR to its source passage. Skipped, with the reason as the suite name, only when
 * java/mvn are missing outside CI.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpreadParamsSchema } from '../../electron/common/protocol/query';
import { SentenceEmbedder } from '../embed/sentence-embedder';
import { ensureTestModel } from '../embed/test-model';
import { runImport, sourceFromPath } from '../ingest/run-import';
import { nodesByIds } from '../store/neo4j/multihop';
import { Neo4jStore } from '../store/neo4j/neo4j-store';
import { nodesAfter } from '../store/neo4j/retrieval-reads';
import { neo4jSpread } from '../store/neo4j/spread';
import { neo4jSkipReason, startNeo4j, type Neo4jTestServer } from '../store/neo4j/test-server';
import { runNeo4jEmbedJob, type Neo4jNodeSource } from './neo4j-embed-job';
import { openNeo4jSide, type Neo4jSide } from './neo4j-side';
import { SimilarityService } from './similarity-service';

const skipReason = neo4jSkipReason();
if (skipReason) console.warn(skipReason);

const datasets = path.resolve(__dirname, '../../../shared/datasets');
const dulce = ['triple_nodes_with_emb', 'triple_edges_with_concept_with_emb', 'text_nodes_with_emb', 'text_edges'].map((f) =>
  path.join(datasets, `csv_autoschemakg_dulce1chunk_${f}.csv`),
);

describe.skipIf(skipReason !== null)(skipReason ?? 'similarity and retrieval on a real Neo4j 5 workspace', () => {
  let server: Neo4jTestServer;
  let store: Neo4jStore;
  let embedder: SentenceEmbedder;
  let side: Neo4jSide;
  let source: Neo4jNodeSource;
  let nodeCount: number;
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-neo4j-similarity-'));

  beforeAll(async () => {
    [server, embedder] = await Promise.all([startNeo4j(), ensureTestModel().then((dir) => SentenceEmbedder.load(dir, { threads: 2 }))]);
    store = await Neo4jStore.connect({ uri: server.uri, user: server.user, password: server.password });
    await runImport({ store, sources: dulce.map(sourceFromPath) });
    nodeCount = (await store.stats()).nodes;
    side = openNeo4jSide(ws, { uri: server.uri });
    source = { count: async () => (await store.stats()).nodes, nodesAfter: (after, limit) => nodesAfter(store.conn, after, limit) };
  }, 300_000);

  afterAll(async () => {
    side?.db.close();
    await store?.close();
    await server?.stop();
    await embedder?.release();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('embeds every Neo4j node once, resuming a cancelled run where it stopped', async () => {
    expect(nodeCount).toBeGreaterThan(30);
    const stop = new AbortController();
    const first = await runNeo4jEmbedJob({ db: side.db, source, embedder, pageSize: 8, onEmbedded: () => stop.abort(), signal: stop.signal });
    expect(first).toMatchObject({ cancelled: true, nodes: nodeCount, dim: 384 });
    expect(first.embedded + first.fromData).toBe(8); // the first page, then the cancel
    const rest = await runNeo4jEmbedJob({ db: side.db, source, embedder, pageSize: 16 });
    expect(rest).toMatchObject({ alreadyDone: 8, cancelled: false });
    expect(rest.embedded + rest.fromData).toBe(nodeCount - 8);
    const again = await runNeo4jEmbedJob({ db: side.db, source, embedder });
    expect(again).toMatchObject({ embedded: 0, fromData: 0, alreadyDone: nodeCount });

    // The *_with_emb files' 384-d vectors were kept by the Neo4j import and used as they are.
    const shipped = (await store.conn.read<{ c: number }>('MATCH (n:Node) WHERE n._vec IS NOT NULL AND size(n._vec) = 384 RETURN count(n) AS c', {}, 'test')).records[0].get('c');
    expect(shipped).toBeGreaterThan(10);
    expect(first.fromData + rest.fromData).toBe(shipped);
    expect(side.db.prepare("SELECT count(*) AS c FROM embeddings WHERE source = 'data'").get()).toEqual({ c: shipped });
    const alex = side.db.prepare("SELECT e.vec FROM embeddings e JOIN nodes n ON n.rid = e.rid WHERE n.id = 'Alex Mercer'").get() as { vec: Buffer };
    const alexVec = new Float32Array(alex.vec.buffer, alex.vec.byteOffset, alex.vec.byteLength / 4);
    // First values of its `embedding` cell in csv_autoschemakg_dulce1chunk_triple_nodes_with_emb.csv.
    expect(Array.from(alexVec.subarray(0, 3))).toEqual([Math.fround(-0.04881995916366577), Math.fround(-0.03081677109003067), Math.fround(0.034453023225069046)]);
    // One stable label per Neo4j node id.
    const labels = side.db.prepare('SELECT count(*) AS c, count(DISTINCT id) AS d FROM nodes').get() as { c: number; d: number };
    expect(labels).toEqual({ c: nodeCount, d: nodeCount });
  }, 300_000);

  it('a phrase finds the matching Neo4j nodes, by their Neo4j ids', async () => {
    const service = new SimilarityService(side.db, side.dir);
    const hits = service.searchVector(await embedder.embed(['the elite paranormal military unit']), embedder.modelId, { k: 5 });
    expect(hits).toHaveLength(5);
    expect(hits[0].name).toBe("Paranormal Military Squad's elite");
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1].score).toBeGreaterThanOrEqual(hits[i].score);
    const inNeo4j = await nodesByIds(store.conn, hits.map((h) => h.id));
    expect(new Set(inNeo4j.map((n) => n.id))).toEqual(new Set(hits.map((h) => h.id)));

    const voice = service.searchVector(await embedder.embed(['Taylor Cruz speaks sharply']), embedder.modelId, { k: 3 });
    expect(voice.map((h) => h.name).join(' | ')).toMatch(/Taylor Cruz/);
    // The index was saved under the side folder, not beside a SQLite workspace's own vectors.
    service.flush();
    expect(fs.existsSync(path.join(side.dir, 'vectors'))).toBe(true);
    expect(fs.existsSync(path.join(ws, 'vectors'))).toBe(false);
  });

  it('"Find similar" on a Neo4j node leaves it out and ranks people near a person', () => {
    const service = new SimilarityService(side.db, side.dir);
    const similar = service.similarTo('Jordan Hayes', { k: 5 });
    expect(similar.map((h) => h.id)).not.toContain('Jordan Hayes');
    expect(similar.slice(0, 3).map((h) => h.name)).toEqual(expect.arrayContaining(['Sam Rivera']));
  });

  it('spreads from the search seeds with Cypher PPR and returns the source passage', async () => {
    const service = new SimilarityService(side.db, side.dir);
    const seeds = service.searchVector(await embedder.embed(['Alex Mercer scanning the projectors']), embedder.modelId, { k: 3 });
    const result = await neo4jSpread(store, SpreadParamsSchema.parse({ seeds: seeds.map((h) => ({ id: h.id, score: h.score })), k: 10, passages: 3 }));
    expect(result.seeds.map((s) => s.id)).toEqual(seeds.map((h) => h.id));
    expect(result.iterations).toBeGreaterThan(0);
    // The walk stays around the scene asked about: the projectors and the agent who scanned them.
    expect(result.answers.slice(0, 5).map((a) => a.name)).toEqual(expect.arrayContaining(['projectors']));
    expect(result.passages.length).toBeGreaterThan(0);
    const top = result.passages[0];
    expect(top.text).toMatch(/Operation: Dulce/);
    expect(top.text.length).toBeLessThanOrEqual(600);
    expect(top.linked.length).toBeGreaterThan(0);
    expect(result.answers.some((a) => a.passages.includes(top.id))).toBe(true);
    for (let i = 1; i < result.spread.length; i++) expect(result.spread[i - 1].score).toBeGreaterThanOrEqual(result.spread[i].score);
    expect(result.edges.length).toBeGreaterThan(0);
  }, 120_000);

  it('a node removed on the server is dropped from the side file by the next complete run', async () => {
    const w = await store.beginImport({ files: ['extra.csv'] });
    await w.write({ nodes: [{ id: 'area-51', name: 'Area 51 underground base', type: 'entity', props: {}, line: 2 }], edges: [], bytesRead: 0 }, 'extra.csv');
    await w.commit({ missingEndpoints: 'skip' });
    expect(await runNeo4jEmbedJob({ db: side.db, source, embedder })).toMatchObject({ embedded: 1, alreadyDone: nodeCount });
    const query = await embedder.embed(['secret underground base']);
    expect(new SimilarityService(side.db, side.dir).searchVector(query, embedder.modelId, { k: 1 })[0].id).toBe('area-51');

    await store.removeImport(w.importId);
    expect(await runNeo4jEmbedJob({ db: side.db, source, embedder })).toMatchObject({ embedded: 0, nodes: nodeCount });
    expect(side.db.prepare('SELECT count(*) AS c FROM nodes').get()).toEqual({ c: nodeCount });
    expect(side.db.prepare('SELECT count(*) AS c FROM embeddings').get()).toEqual({ c: nodeCount });
    // A fresh service (the next open of the workspace) rebuilds its index without the node.
    const hits = new SimilarityService(side.db, side.dir).searchVector(query, embedder.modelId, { k: 5 });
    expect(hits.map((h) => h.id)).not.toContain('area-51');
    expect(hits).toHaveLength(5);
  }, 120_000);
});

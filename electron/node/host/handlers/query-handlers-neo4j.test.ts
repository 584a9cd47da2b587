/**
 * Semantic search, "Find similar" and query.retrieve on a workspace stored in a REAL Neo4j 5.26
 * server, through the host and its real workers (dist/workers, built by scripts/build.mjs) with the
 * real model: an AutoSchemaKG chunk is imported into Neo4j, embedded by itself afterwards (vectors
 * in the workspace folder's side file), then searched and retrieved over. Skipped, with the reason
 * as the suite name, only when java/mvn are missing outside CI.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Host } from '../host';
import { NodeWorkerLauncher } from '../node-launcher';
import { ensureTestModel } from '../../../../native/embed/test-model';
import { neo4jSkipReason, startNeo4j, type Neo4jTestServer } from '../../../../native/store/neo4j/test-server';
import type { EmbedResult, EmbedStatus, SimilarityHit } from '../../../common/protocol/similarity';
import type { RetrieveResult } from '../../../common/protocol/query';

const skipReason = neo4jSkipReason();
if (skipReason) console.warn(skipReason);

const datasets = path.resolve(__dirname, '../../../../../shared/datasets');
const dulce = ['triple_nodes_with_emb', 'triple_edges_with_concept_with_emb', 'text_nodes_with_emb', 'text_edges'].map((f) => ({
  path: path.join(datasets, `csv_autoschemakg_dulce1chunk_${f}.csv`),
}));

describe.skipIf(skipReason !== null)(skipReason ?? 'similarity and retrieval through the host on a real Neo4j 5 workspace', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-host-neo4j-sim-'));
  const saved = { ...process.env };
  let neo: Neo4jTestServer;
  let host: Host;

  beforeAll(async () => {
    neo = await startNeo4j();
    // Workers inherit the environment: the test model, an app cache of our own, the server to use.
    Object.assign(process.env, {
      KGW_MODEL_DIR: await ensureTestModel(),
      XDG_CACHE_HOME: path.join(tmp, 'cache'),
      NEO4J_URI: neo.uri, NEO4J_USER: neo.user, NEO4J_PASSWORD: neo.password,
    });
    host = new Host({ dataDir: path.join(tmp, 'data'), launcher: new NodeWorkerLauncher(), trustClientPaths: false, allowedRoots: [tmp, datasets], defaultStore: 'neo4j' });
    const ws = (await host.handle('workspace.open', { path: path.join(tmp, 'data', 'ws') })) as { store: string };
    expect(ws.store).toBe('neo4j');
  }, 300_000);

  afterAll(async () => {
    host?.stop();
    await neo?.stop();
    for (const k of ['KGW_MODEL_DIR', 'XDG_CACHE_HOME', 'NEO4J_URI', 'NEO4J_USER', 'NEO4J_PASSWORD']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('embeds the Neo4j nodes after the import, then answers search, similar and retrieve with Neo4j ids', async () => {
    await host.runJob('import.start', { files: dulce });
    let job: { jobId: string } | undefined;
    for (let i = 0; i < 600 && !job; i++) {
      job = host.jobList().find((j) => j.method === 'embed.start');
      if (!job) await new Promise((r) => setTimeout(r, 100));
    }
    expect(job).toBeDefined();
    const embedded = (await host.waitForJob(job!.jobId)) as EmbedResult;
    expect(embedded).toMatchObject({ cancelled: false, alreadyDone: 0 });
    // The *_with_emb files' vectors are used as they are; the model embeds the rest.
    expect(embedded.fromData).toBeGreaterThan(10);
    expect(embedded.embedded + embedded.fromData).toBe(embedded.nodes);
    expect(embedded.nodes).toBeGreaterThan(30);
    const status = (await host.handle('embed.status', {})) as EmbedStatus;
    expect(status).toMatchObject({ nodes: embedded.nodes, embedded: embedded.nodes, modelId: embedded.modelId });
    // The vectors stay local: in the workspace folder, beside (not in) its own SQLite data.
    expect(fs.existsSync(path.join(tmp, 'data', 'ws', 'neo4j-similarity'))).toBe(true);

    const hits = (await host.handle('similarity.search', { text: 'the elite paranormal military unit', k: 5 })) as SimilarityHit[];
    expect(hits[0]).toMatchObject({ id: "Paranormal Military Squad's elite", name: "Paranormal Military Squad's elite" });
    const similar = (await host.handle('similarity.similar', { id: 'Jordan Hayes', k: 3 })) as SimilarityHit[];
    expect(similar.map((h) => h.id)).not.toContain('Jordan Hayes');
    expect(similar.map((h) => h.name)).toContain('Sam Rivera');

    const r = (await host.handle('query.retrieve', { text: 'Who scanned the projectors?', k: 10, seedK: 3, passages: 3 })) as RetrieveResult;
    expect(r.seeds).toHaveLength(3);
    expect(r.answers.length).toBeGreaterThan(0);
    expect(r.passages.length).toBeGreaterThan(0);
    expect(r.passages[0].text).toMatch(/Operation: Dulce/);
    expect(r.passages[0].linked.length).toBeGreaterThan(0);
    expect(r.timings.totalMs).toBeGreaterThanOrEqual(r.timings.searchMs);
  }, 300_000);

  it('switching the workspace back to SQLite and to Neo4j again keeps each side its own vectors', async () => {
    expect(((await host.handle('neo4j.disconnect', {})) as { store: string }).store).toBe('sqlite');
    // The workspace's own SQLite file holds no nodes: nothing to search there (not the Neo4j vectors).
    await expect(host.handle('similarity.search', { text: 'the elite paranormal military unit', k: 5 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(((await host.handle('neo4j.connect', {})) as { store: string }).store).toBe('neo4j');
    const hits = (await host.handle('similarity.search', { text: 'the elite paranormal military unit', k: 5 })) as SimilarityHit[];
    expect(hits[0].id).toBe("Paranormal Military Squad's elite");
  }, 120_000);
});

/**
 * Similarity end to end on real data with the real model: FB15k-237 triples and names from the
 * shared datasets are imported into a temp workspace, embedded, searched; the saved index is
 * reopened; a second import adds nodes incrementally; an embedding run is cancelled and resumed;
 * vectors that came with AutoSchemaKG data are used as they are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import { runImport, sourceFromPath } from '../ingest/run-import';
import { SentenceEmbedder } from '../embed/sentence-embedder';
import { ensureTestModel } from '../embed/test-model';
import { runEmbedJob } from './embed-job';
import { SimilarityService, type SimilarityHit } from './similarity-service';
import { WorkspaceIndex, indexDirFor } from './workspace-index';
import { embeddingCounts } from './embedding-table';

const datasets = path.resolve(__dirname, '../../../shared/datasets');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-similarity-'));
const names = path.join(datasets, 'triples_fb15k237_mid2name.txt');

/** The FB15k-237 test triples of some relations, as a file of their own (places and films, then people). */
function fbSubset(file: string, relations: RegExp): string {
  const lines = fs.readFileSync(path.join(datasets, 'triples_fb15k237_test.txt'), 'utf8').split('\n');
  const out = path.join(tmp, file);
  fs.writeFileSync(out, lines.filter((l) => relations.test(l.split('\t')[1] ?? '')).join('\n') + '\n');
  return out;
}

async function importInto(store: SqliteStore, files: string[], nameFile?: string): Promise<void> {
  const formats: Record<string, string> = {};
  if (nameFile) formats[path.basename(nameFile)] = 'names';
  await runImport({ store, sources: [...files, ...(nameFile ? [nameFile] : [])].map(sourceFromPath), options: { formats } });
}

const namesOf = (hits: SimilarityHit[]) => hits.map((h) => h.name);

let embedder: SentenceEmbedder;
const ws = path.join(tmp, 'fb');
let store: SqliteStore;

beforeAll(async () => {
  embedder = await SentenceEmbedder.load(await ensureTestModel(), { threads: 2 });
  store = new SqliteStore(ws);
  await importInto(store, [fbSubset('places-films.txt', /^\/location\/location\/contains$|^\/film\/film\/genre$/)], names);
}, 120_000);

afterAll(async () => {
  await store?.close();
  await embedder?.release();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('similarity on FB15k-237 places and films', () => {
  it('embeds every node once and keeps the vectors in the workspace', async () => {
    const nodes = (await store.stats()).nodes;
    const result = await runEmbedJob({ db: store.db, embedder });
    expect(result).toMatchObject({ embedded: nodes, fromData: 0, alreadyDone: 0, nodes, cancelled: false, dim: 384 });
    const again = await runEmbedJob({ db: store.db, embedder });
    expect(again).toMatchObject({ embedded: 0, alreadyDone: nodes });
  }, 300_000);

  it('"a city in France" finds France and a French-speaking city, not the horror films', async () => {
    const service = new SimilarityService(store.db, ws);
    const query = await embedder.embed(['a city in France']);
    const hits = service.searchVector(query, embedder.modelId, { k: 10 });
    expect(hits).toHaveLength(10);
    expect(hits[0].name).toBe('France');
    expect(namesOf(hits.slice(0, 5))).toContain('Quebec City');
    expect(namesOf(hits).some((n) => /Scary Movie/.test(n))).toBe(false);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1].score).toBeGreaterThanOrEqual(hits[i].score);
    const strict = service.searchVector(query, embedder.modelId, { k: 10, threshold: 0.6 });
    expect(strict.length).toBeGreaterThan(0);
    expect(strict.every((h) => h.score >= 0.6)).toBe(true);
    expect(strict.length).toBeLessThan(10);
  });

  it('Boston is nearer Massachusetts and other cities than any film', () => {
    const service = new SimilarityService(store.db, ws);
    const hits = service.similarTo('/m/01cx_', { k: 100 }); // Boston
    expect(namesOf(hits)).not.toContain('Boston');
    expect(namesOf(hits.slice(0, 3))).toContain('Massachusetts');
    expect(namesOf(hits.slice(0, 10))).toContain('Los Angeles');
    expect(namesOf(hits)).toContain('London');
    expect(namesOf(hits)).not.toContain('Avatar');
    expect(() => service.similarTo('/m/not-there', { k: 5 })).toThrow(/No node with id/);
  });

  it('the saved index is loaded again (not rebuilt) and gives the same answers', async () => {
    const query = await embedder.embed(['jazz and blues music']);
    const first = new SimilarityService(store.db, ws);
    const before = first.searchVector(query, embedder.modelId, { k: 10 });
    first.flush();
    expect(fs.existsSync(path.join(indexDirFor(ws, embedder.modelId), 'vector-index.json'))).toBe(true);

    const reopenedStore = new SqliteStore(ws);
    try {
      const idx = new WorkspaceIndex(reopenedStore.db, ws, embedder.modelId, 384);
      expect(idx.refresh()).toMatchObject({ rebuilt: false, added: 0 });
      expect(idx.size).toBe((await reopenedStore.stats()).nodes);
      const after = new SimilarityService(reopenedStore.db, ws).searchVector(query, embedder.modelId, { k: 10 });
      expect(after).toEqual(before);
    } finally {
      await reopenedStore.close();
    }
  });

  it('a second import is embedded after a cancel and a resume, and added to the saved index incrementally', async () => {
    const nodesBefore = (await store.stats()).nodes;
    await importInto(store, [fbSubset('people.txt', /^\/people\/person\/nationality$/)], names);
    const added = (await store.stats()).nodes - nodesBefore;
    expect(added).toBeGreaterThan(200);

    const abort = new AbortController();
    const cancelled = await runEmbedJob({ db: store.db, embedder, pageSize: 64, signal: abort.signal, onEmbedded: () => abort.abort() });
    expect(cancelled).toMatchObject({ cancelled: true, embedded: 64 });
    expect(embeddingCounts(store.db, embedder.modelId).embedded).toBe(nodesBefore + 64);

    const resumed = await runEmbedJob({ db: store.db, embedder });
    expect(resumed).toMatchObject({ cancelled: false, embedded: added - 64, alreadyDone: nodesBefore + 64 });

    const idx = new WorkspaceIndex(store.db, ws, embedder.modelId, 384);
    expect(idx.refresh()).toMatchObject({ rebuilt: false, added });
    expect(idx.size).toBe(nodesBefore + added);

    // A person imported second is found by name among everything.
    const row = store.db.prepare("SELECT name FROM nodes WHERE rid > (SELECT max(rid) - 10 FROM nodes) AND name <> '' LIMIT 1").get() as { name: string };
    const hits = new SimilarityService(store.db, ws).searchVector(await embedder.embed([row.name]), embedder.modelId, { k: 3 });
    expect(namesOf(hits)).toContain(row.name);
  }, 300_000);
});

describe('vectors that came with the data', () => {
  it('AutoSchemaKG 384-d embeddings are used as they are, nothing is re-embedded', async () => {
    const dulce = new SqliteStore(path.join(tmp, 'dulce'));
    try {
      const files = ['triple_nodes_with_emb', 'triple_edges_with_concept_with_emb', 'text_nodes_with_emb', 'text_edges'].map((f) =>
        path.join(datasets, `csv_autoschemakg_dulce1chunk_${f}.csv`),
      );
      await importInto(dulce, files);
      const withData = (dulce.db.prepare('SELECT count(*) AS c FROM vectors WHERE dim = 384').get() as { c: number }).c;
      expect(withData).toBeGreaterThan(0);
      const result = await runEmbedJob({ db: dulce.db, embedder });
      expect(result.fromData).toBe(withData);
      expect(result.embedded).toBe(result.nodes - withData);
      // The data's vectors come from the same model family: a node is its own nearest neighbour by its name.
      const entities = dulce.db.prepare("SELECT n.name FROM nodes n JOIN vectors v ON v.rid = n.rid WHERE n.type = 'entity' ORDER BY n.rid").all() as Array<{ name: string }>;
      expect(entities.length).toBe(15);
      const service = new SimilarityService(dulce.db, path.join(tmp, 'dulce'));
      let found = 0;
      for (const { name } of entities) {
        if (namesOf(service.searchVector(await embedder.embed([name]), embedder.modelId, { k: 3 })).includes(name)) found++;
      }
      // Our model's query vector against the data's stored vectors: nearly every entity finds itself.
      expect(found).toBeGreaterThanOrEqual(12);
    } finally {
      await dulce.close();
    }
  }, 120_000);
});

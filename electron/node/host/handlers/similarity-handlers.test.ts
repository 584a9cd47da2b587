/**
 * Similarity through the host and its real workers (dist/workers, built by scripts/build.mjs):
 * embedding starts by itself after an import, search and similar are routed embed -> vector,
 * a cancelled embedding is resumed, auto-embed can be turned off, and a model folder outside the
 * allowed roots is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Host } from '../host';
import { NodeWorkerLauncher } from '../node-launcher';
import { ensureTestModel } from '../../../../native/embed/test-model';
import type { EmbedResult, EmbedStatus, ModelInfo, SimilarityHit } from '../../../common/protocol/similarity';

const datasets = path.resolve(__dirname, '../../../../../shared/datasets');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-host-sim-'));
let host: Host;

function fbSubset(file: string, relations: RegExp): string {
  const lines = fs.readFileSync(path.join(datasets, 'triples_fb15k237_test.txt'), 'utf8').split('\n');
  const out = path.join(tmp, file);
  fs.writeFileSync(out, lines.filter((l) => relations.test(l.split('\t')[1] ?? '')).join('\n') + '\n');
  return out;
}

const names = path.join(datasets, 'triples_fb15k237_mid2name.txt');
const importParams = (file: string) => ({ files: [{ path: file }, { path: names }], options: { formats: { [path.basename(names)]: 'names' } } });

/** The embed job the host started on its own (after an import), once it has ended. */
async function autoEmbedJob(): Promise<EmbedResult> {
  for (let i = 0; i < 600; i++) {
    const job = host.jobList().find((j) => j.method === 'embed.start');
    if (job) return (await host.waitForJob(job.jobId)) as EmbedResult;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no embed.start job was started after the import');
}

beforeAll(async () => {
  // Workers inherit the environment: the test model, and an app cache of our own.
  process.env.KGW_MODEL_DIR = await ensureTestModel();
  process.env.XDG_CACHE_HOME = path.join(tmp, 'cache');
  host = new Host({ dataDir: path.join(tmp, 'data'), launcher: new NodeWorkerLauncher(), trustClientPaths: false, allowedRoots: [tmp, datasets] });
  await host.handle('workspace.open', { path: path.join(tmp, 'data', 'ws') });
}, 120_000);

afterAll(() => {
  host?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('similarity through the host', () => {
  it('embeds after an import by itself, then answers search and similar', async () => {
    await host.runJob('import.start', importParams(fbSubset('places-films.txt', /^\/location\/location\/contains$|^\/film\/film\/genre$/)));
    const embedded = await autoEmbedJob();
    expect(embedded).toMatchObject({ cancelled: false, fromData: 0, alreadyDone: 0 });
    expect(embedded.embedded).toBe(embedded.nodes);

    const status = (await host.handle('embed.status', {})) as EmbedStatus;
    expect(status).toMatchObject({ nodes: embedded.nodes, embedded: embedded.nodes, modelId: embedded.modelId });
    const model = (await host.handle('model.info', {})) as ModelInfo;
    expect(model).toMatchObject({ available: true, modelId: embedded.modelId, dim: 384 });

    const hits = (await host.handle('similarity.search', { text: 'a city in France', k: 5 })) as SimilarityHit[];
    expect(hits.map((h) => h.name)).toEqual(expect.arrayContaining(['France', 'Quebec City']));
    const similar = (await host.handle('similarity.similar', { id: '/m/01cx_', k: 3 })) as SimilarityHit[]; // Boston
    expect(similar.map((h) => h.name)).toContain('Massachusetts');
  }, 300_000);

  it('a cancelled embedding keeps what it wrote and the next run finishes the rest', async () => {
    await host.handle('similarity.setSettings', { autoEmbed: false });
    expect(await host.handle('similarity.getSettings', {})).toEqual({ autoEmbed: false });
    await host.runJob('import.start', importParams(fbSubset('people.txt', /^\/people\/person\/nationality$/)));
    await new Promise((r) => setTimeout(r, 500));
    expect(host.jobList().filter((j) => j.method === 'embed.start')).toHaveLength(1); // only the first import's

    const before = (await host.handle('embed.status', {})) as EmbedStatus;
    expect(before.embedded).toBeLessThan(before.nodes);
    const { jobId } = (await host.handle('embed.start', { pageSize: 32 })) as { jobId: string };
    // Cancel once the first page is written.
    for (let i = 0; i < 600 && !(host.jobs.get(jobId)?.progress?.done ?? 0); i++) await new Promise((r) => setTimeout(r, 50));
    await host.handle('job.cancel', { jobId });
    await expect(host.waitForJob(jobId)).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(host.jobs.get(jobId)?.state).toBe('cancelled');

    const partial = (await host.handle('embed.status', {})) as EmbedStatus;
    expect(partial.embedded).toBeGreaterThan(before.embedded);
    expect(partial.embedded).toBeLessThan(before.nodes);
    const rest = (await host.runJob('embed.start', {})) as EmbedResult;
    expect(rest).toMatchObject({ cancelled: false, alreadyDone: partial.embedded, embedded: before.nodes - partial.embedded });

    // The vector worker picks the rows of the second import up: a person from it is found by name.
    const mid = fs.readFileSync(path.join(tmp, 'people.txt'), 'utf8').split('\t')[0];
    const name = fs.readFileSync(names, 'utf8').split('\n').find((l) => l.startsWith(`${mid}\t`))!.split('\t')[1].replace(/_/g, ' ');
    const person = (await host.handle('similarity.search', { text: name, k: 3 })) as SimilarityHit[];
    expect(person.map((h) => h.id)).toContain(mid);
  }, 300_000);

  it('downloads the model from a Hugging Face-style server into the app cache, with progress', async () => {
    const src = process.env.KGW_MODEL_DIR!;
    // What the Hub serves under <repo>/resolve/main/: onnx/model.onnx and the tokenizer files.
    const server = http.createServer((req, res) => {
      const rel = decodeURIComponent((req.url ?? '').replace(/^\/org\/model\/resolve\/main\//, ''));
      const file = path.join(src, rel === 'onnx/model.onnx' ? 'model.onnx' : rel);
      if (!rel || rel.includes('..') || !fs.existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-length': fs.statSync(file).size });
      fs.createReadStream(file).pipe(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const progress: number[] = [];
    const off = host.subscribe((event, payload) => {
      if (event === 'job.progress' && (payload as { method: string }).method === 'model.download') progress.push((payload as { done: number }).done);
    });
    try {
      const { port } = server.address() as { port: number };
      const info = (await host.runJob('model.download', { baseUrl: `http://127.0.0.1:${port}/org/model` })) as ModelInfo;
      const dest = path.join(tmp, 'cache', 'kg-workbench', 'models', 'all-MiniLM-L6-v2');
      expect(fs.statSync(path.join(dest, 'onnx', 'model.onnx')).size).toBe(fs.statSync(path.join(src, 'model.onnx')).size);
      expect(fs.existsSync(path.join(dest, 'tokenizer.json'))).toBe(true);
      expect(progress.length).toBeGreaterThan(0);
      // KGW_MODEL_DIR still wins over the cache, and the answer says so.
      expect(info).toMatchObject({ available: true, dir: src });
      expect(info.problem).toMatch(/Downloaded to .* but .* is in use/);
    } finally {
      off();
      server.close();
    }
  }, 120_000);

  it('refuses a model folder outside the allowed folders, accepts a valid one inside', async () => {
    await expect(host.handle('model.useFolder', { path: '/etc' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const copy = path.join(tmp, 'my-model');
    fs.cpSync(process.env.KGW_MODEL_DIR!, copy, { recursive: true });
    const info = (await host.handle('model.useFolder', { path: copy })) as ModelInfo;
    expect(info).toMatchObject({ available: true, dir: copy });
    await expect(host.handle('model.useFolder', { path: tmp })).rejects.toMatchObject({ code: 'MODEL_MISSING' });
  }, 120_000);

  it('closing the workspace stops its embedding at a page boundary; reopening continues it', async () => {
    const ws2 = path.join(tmp, 'data', 'ws2');
    await host.handle('workspace.open', { path: ws2 });
    await host.runJob('import.start', importParams(path.join(tmp, 'people.txt')));
    const { jobId } = (await host.handle('embed.start', { pageSize: 16 })) as { jobId: string };
    for (let i = 0; i < 600 && !(host.jobs.get(jobId)?.progress?.done ?? 0); i++) await new Promise((r) => setTimeout(r, 50));
    await host.handle('workspace.open', { path: path.join(tmp, 'data', 'ws3') });
    await expect(host.waitForJob(jobId)).rejects.toThrow(/workspace was closed/);

    await host.handle('workspace.open', { path: ws2 });
    const status = (await host.handle('embed.status', {})) as EmbedStatus;
    expect(status.embedded).toBeGreaterThan(0);
    const rest = (await host.runJob('embed.start', {})) as EmbedResult;
    expect(rest).toMatchObject({ cancelled: false, alreadyDone: status.embedded, embedded: status.nodes - status.embedded });
  }, 300_000);
});

/**
 * The parser thread path, run for real: the parser-thread entry is bundled with esbuild (a worker
 * thread cannot load TypeScript sources), and imports through it must equal inline imports, keep
 * errors' file and line, and leave the workspace unchanged on an error or a cancel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import { runImport, type RunImportArgs } from './run-import';
import { generateAutoSchemaKgCsv } from './csv/generate-csv';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-thread-'));
// Inside the repo so the bundle resolves better-sqlite3 from node_modules.
const bundleDir = path.resolve(__dirname, '../../node_modules/.cache/kgw-tests');
const entry = path.join(bundleDir, `ingest-thread-${process.pid}.js`);
let files: { nodesFile: string; edgesFile: string };
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(entry, { force: true });
});

beforeAll(async () => {
  buildSync({
    entryPoints: [path.resolve(__dirname, '../worker/parse-thread-worker.ts')],
    bundle: true, platform: 'node', format: 'cjs', outfile: entry, logLevel: 'error',
    external: ['better-sqlite3', 'hnswlib-node', 'onnxruntime-node', 'electron', 'neo4j-driver'],
  });
  files = await generateAutoSchemaKgCsv(path.join(tmp, 'gen'), 3000, 5000);
}, 60_000);

let n = 0;
async function importWith(sources: string[], extra: Partial<RunImportArgs> = {}) {
  const store = new SqliteStore(path.join(tmp, `ws${n++}`));
  const result = await runImport({ store, sources: sources.map((p) => ({ path: p, name: path.basename(p) })), ...extra });
  const stats = await store.stats();
  await store.close();
  return { result, stats };
}

const threaded = (): Partial<RunImportArgs> => ({ parseThreadEntry: entry, parseThreadMinBytes: 1 });

describe('parsing in a worker thread', () => {
  it('imports the same graph as inline parsing', async () => {
    const inline = await importWith([files.edgesFile, files.nodesFile]);
    const inThread = await importWith([files.edgesFile, files.nodesFile], threaded());
    expect(inThread.stats.nodes).toBe(3000);
    expect(inThread.stats.nodes).toBe(inline.stats.nodes);
    expect(inThread.stats.edges).toBe(inline.stats.edges);
    expect(inThread.result.files).toEqual(inline.result.files);
    expect(inThread.result.warnings).toEqual(inline.result.warnings);
  });

  it('a broken file fails with its file and line and leaves the workspace as it was', async () => {
    const bad = path.join(tmp, 'bad_nodes.csv');
    const rows = Array.from({ length: 20_000 }, (_, i) => `n${i},"name ${i}"`).join('\n');
    fs.writeFileSync(bad, `id,name\n${rows}\nlast,"open\n`);
    const wsDir = path.join(tmp, 'ws-bad');
    const store = new SqliteStore(wsDir);
    await runImport({ store, sources: [{ path: files.nodesFile, name: 'first_nodes.csv' }] });
    const before = await store.stats();
    const err = await runImport({ store, sources: [{ path: bad, name: 'bad_nodes.csv' }], ...threaded() }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PARSE_ERROR', details: { file: 'bad_nodes.csv', line: 20_002 } });
    expect(await store.stats()).toEqual(before);
    await store.close();
  });

  it('cancel while the thread parses rolls back', async () => {
    const store = new SqliteStore(path.join(tmp, 'ws-cancel'));
    const abort = new AbortController();
    const err = await runImport({
      store, sources: [{ path: files.nodesFile, name: 'n.csv' }, { path: files.edgesFile, name: 'e.csv' }], signal: abort.signal, ...threaded(),
      onProgress: () => abort.abort(),
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CANCELLED' });
    expect((await store.stats()).nodes).toBe(0);
    await store.close();
  });
});

/**
 * The model download against a local HTTP server on 127.0.0.1 that serves the real model files
 * in the Hugging Face layout (`/resolve/main/onnx/model.onnx`), with Range support, the Hub's
 * `x-linked-etag` for the ONNX file, and failure modes switched on per test.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../electron/common/errors';
import { downloadModel, type DownloadProgress, validateModelDir } from './model-manager';
import { SentenceEmbedder } from './sentence-embedder';
import { ensureTestModel } from './test-model';

interface ServerMode {
  /** Drop the connection after this many body bytes of model.onnx, for the next N requests. */
  dropAfterBytes: number;
  dropsLeft: number;
  /** Serve model.onnx with one byte flipped (its x-linked-etag stays the true sha256). */
  corrupt: boolean;
  /** Answer model.onnx requests slowly, so an abort lands mid-body. */
  slow: boolean;
}

let modelDir: string;
let files: Map<string, Buffer>;
let modelSha: string;
let server: http.Server;
let base: string;
let mode: ServerMode;
const requests: Array<{ path: string; range?: string }> = [];
const tmpDirs: string[] = [];

function freshDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'kgw-dl-test-'));
  tmpDirs.push(d);
  return d;
}

beforeAll(async () => {
  modelDir = await ensureTestModel();
  files = new Map([
    ['config.json', readFileSync(path.join(modelDir, 'config.json'))],
    ['tokenizer.json', readFileSync(path.join(modelDir, 'tokenizer.json'))],
    ['tokenizer_config.json', readFileSync(path.join(modelDir, 'tokenizer_config.json'))],
    ['onnx/model.onnx', readFileSync(path.join(modelDir, 'model.onnx'))],
  ]);
  modelSha = createHash('sha256').update(files.get('onnx/model.onnx')!).digest('hex');

  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const prefix = '/org/model/resolve/main/';
    const rel = decodeURIComponent(url.pathname.slice(prefix.length));
    requests.push({ path: rel, range: req.headers.range });
    let body = url.pathname.startsWith(prefix) ? files.get(rel) : undefined;
    if (!body) {
      res.writeHead(404).end('not found');
      return;
    }
    const isModel = rel === 'onnx/model.onnx';
    if (isModel && mode.corrupt) {
      body = Buffer.from(body);
      body[1000] ^= 0xff;
    }
    // The Hub: LFS files carry their sha256 in x-linked-etag; small files a git blob sha1 ETag.
    const headers: http.OutgoingHttpHeaders = isModel
      ? { 'x-linked-etag': `"${modelSha}"`, etag: `"${modelSha}"` }
      : { etag: `"${createHash('sha1').update(body).digest('hex')}"` };
    let start = 0;
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (m) {
      start = Number(m[1]);
      if (start >= body.length) {
        res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
        return;
      }
      res.writeHead(206, { ...headers, 'content-length': body.length - start, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` });
    } else {
      res.writeHead(200, { ...headers, 'content-length': body.length });
    }
    const slice = body.subarray(start);
    if (isModel && mode.dropsLeft > 0) {
      mode.dropsLeft--;
      res.write(slice.subarray(0, mode.dropAfterBytes), () => res.destroy());
      return;
    }
    if (isModel && mode.slow) {
      // 64 KiB every 5 ms: about 1.8 s for the whole file, long enough to abort in between.
      let off = 0;
      const timer = setInterval(() => {
        if (res.destroyed || off >= slice.length) {
          clearInterval(timer);
          if (!res.destroyed) res.end();
          return;
        }
        res.write(slice.subarray(off, off + 65536));
        off += 65536;
      }, 5);
      res.on('close', () => clearInterval(timer));
      return;
    }
    res.end(slice);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/org/model`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
});

beforeEach(() => {
  mode = { dropAfterBytes: 0, dropsLeft: 0, corrupt: false, slow: false };
  requests.length = 0;
});

describe('downloadModel', () => {
  it('reports each placed file with its sha256 and whether it was checked (model.onnx: Hub ETag)', async () => {
    const dest = freshDir();
    const done: Array<{ file: string; sha256: string; verified: boolean }> = [];
    await downloadModel(base, dest, { onFileDone: (f) => done.push(f) });
    const byFile = new Map(done.map((f) => [f.file, f]));
    expect([...byFile.keys()].sort()).toEqual(['config.json', 'onnx/model.onnx', 'tokenizer.json', 'tokenizer_config.json']);
    expect(byFile.get('onnx/model.onnx')).toEqual({ file: 'onnx/model.onnx', sha256: modelSha, verified: true });
    // Small files carry a git sha1 ETag only: placed, hashed, but nothing to check against.
    expect(byFile.get('config.json')).toMatchObject({ verified: false, sha256: createHash('sha256').update(files.get('config.json')!).digest('hex') });
  });

  it('downloads a usable model folder with progress, and it embeds like the original', async () => {
    const dest = freshDir();
    const progress: DownloadProgress[] = [];
    const written = await downloadModel(base, dest, { onProgress: (p) => progress.push(p) });
    // special_tokens_map.json is optional and the server has none: skipped.
    expect(written.map((f) => path.relative(dest, f)).sort()).toEqual(
      ['config.json', 'onnx/model.onnx', 'tokenizer.json', 'tokenizer_config.json'].map((f) => path.normalize(f)).sort(),
    );
    const last = progress.filter((p) => p.file === 'onnx/model.onnx').at(-1)!;
    expect(last.bytes).toBe(files.get('onnx/model.onnx')!.length);
    expect(last.total).toBe(files.get('onnx/model.onnx')!.length);
    expect(progress.every((p) => p.fileCount === 5)).toBe(true);

    const folder = validateModelDir(dest);
    expect(folder.modelFile).toBe(path.join(dest, 'onnx', 'model.onnx'));
    expect(folder.hiddenSize).toBe(384);
    const [a, b] = await Promise.all([SentenceEmbedder.load(dest, { threads: 1 }), SentenceEmbedder.load(modelDir, { threads: 1 })]);
    try {
      expect(a.modelId.split('@')[1]).toBe(b.modelId.split('@')[1]);
      expect(Array.from(await a.embed(['knowledge graph']))).toEqual(Array.from(await b.embed(['knowledge graph'])));
    } finally {
      await Promise.all([a.release(), b.release()]);
    }
  });

  it('resumes with a Range request after the connection drops mid-body', async () => {
    const dest = freshDir();
    mode.dropsLeft = 1;
    mode.dropAfterBytes = 5_000_000;
    await downloadModel(base, dest);
    const modelRequests = requests.filter((r) => r.path === 'onnx/model.onnx');
    expect(modelRequests.length).toBe(2);
    expect(modelRequests[0].range).toBeUndefined();
    // The retry asks for the rest: at least what was sent before the drop may have arrived.
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(modelRequests[1].range ?? '')?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(5_000_000);
    const got = readFileSync(path.join(dest, 'onnx', 'model.onnx'));
    expect(createHash('sha256').update(got).digest('hex')).toBe(modelSha);
    expect(readdirSync(path.join(dest, 'onnx'))).toEqual(['model.onnx']); // no .part left behind
  });

  it('keeps the .part when a download fails for good, and a later call resumes from it', async () => {
    const dest = freshDir();
    mode.dropsLeft = 1;
    mode.dropAfterBytes = 3_000_000;
    const err = await downloadModel(base, dest, { retries: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkbenchError);
    expect((err as WorkbenchError).code).toBe('IO_ERROR');
    const part = path.join(dest, 'onnx', 'model.onnx.part');
    expect(statSync(part).size).toBeGreaterThan(0);

    requests.length = 0;
    await downloadModel(base, dest, { retries: 0 });
    const modelRequests = requests.filter((r) => r.path === 'onnx/model.onnx');
    expect(modelRequests).toHaveLength(1);
    expect(modelRequests[0].range).toMatch(/^bytes=[1-9]\d*-$/);
    expect(existsSync(part)).toBe(false);
    expect(validateModelDir(dest).hiddenSize).toBe(384);
  });

  it('rejects a corrupt file by the server-sent sha256 and leaves nothing to resume', async () => {
    const dest = freshDir();
    mode.corrupt = true;
    const err = await downloadModel(base, dest).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkbenchError);
    expect((err as WorkbenchError).code).toBe('IO_ERROR');
    expect((err as WorkbenchError).message).toMatch(/Checksum mismatch for model\.onnx/);
    expect((err as WorkbenchError).details?.expected).toBe(modelSha);
    expect(existsSync(path.join(dest, 'onnx', 'model.onnx'))).toBe(false);
    expect(existsSync(path.join(dest, 'onnx', 'model.onnx.part'))).toBe(false);
  });

  it('checks a given sha256 first, for small files too', async () => {
    const dest = freshDir();
    const err = await downloadModel(base, dest, {
      files: [{ remote: 'config.json', sha256: '0'.repeat(64) }],
    }).catch((e: unknown) => e);
    expect((err as WorkbenchError).code).toBe('IO_ERROR');
    expect((err as WorkbenchError).details?.value).toBe(createHash('sha256').update(files.get('config.json')!).digest('hex'));
    expect(existsSync(path.join(dest, 'config.json'))).toBe(false);
  });

  it('reports a missing required file with the HTTP status', async () => {
    const err = await downloadModel(base, freshDir(), { files: [{ remote: 'vocab.txt' }] }).catch((e: unknown) => e);
    expect((err as WorkbenchError).code).toBe('IO_ERROR');
    expect((err as WorkbenchError).message).toMatch(/404/);
  });

  it('stops on abort with CANCELLED and keeps the bytes for the next try', async () => {
    const dest = freshDir();
    mode.slow = true;
    const controller = new AbortController();
    const run = downloadModel(base, dest, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.file === 'onnx/model.onnx' && p.bytes > 1_000_000) controller.abort();
      },
    });
    const err = await run.catch((e: unknown) => e);
    expect((err as WorkbenchError).code).toBe('CANCELLED');
    expect(statSync(path.join(dest, 'onnx', 'model.onnx.part')).size).toBeGreaterThan(1_000_000);
  });
});

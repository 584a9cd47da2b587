/**
 * What the model manager panel shows about a folder: files, size, checksum status (on the real
 * model and copies of it), and bytes left by an interrupted download.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateModelDir } from './model-manager';
import { describeModelFiles, partialDownload, PINNED_MODEL_SHA256, writeDownloadManifest } from './model-files';
import { ensureTestModel } from './test-model';

let modelDir: string;
let tmp: string;
beforeAll(async () => {
  modelDir = await ensureTestModel();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'kgw-mf-test-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function copyModel(name: string): string {
  const d = path.join(tmp, name);
  mkdirSync(path.join(d, 'onnx'), { recursive: true });
  copyFileSync(path.join(modelDir, 'model.onnx'), path.join(d, 'onnx', 'model.onnx'));
  for (const f of ['tokenizer.json', 'config.json']) copyFileSync(path.join(modelDir, f), path.join(d, f));
  return d;
}

describe('describeModelFiles', () => {
  it('lists the files the embedder reads and recognises the pinned int8 build', async () => {
    const r = await describeModelFiles(validateModelDir(modelDir));
    expect(r.files.map((f) => f.name)).toEqual(['model.onnx', 'tokenizer.json', 'tokenizer_config.json', 'config.json']);
    expect(r.files[0].bytes).toBe(22_928_619);
    expect(r.sizeBytes).toBe(r.files.reduce((s, f) => s + f.bytes, 0));
    expect(PINNED_MODEL_SHA256[r.sha256]).toMatch(/int8/);
    expect(r.checksum).toBe('pinned');
  });

  it('says verified after a checked download, mismatch once the file changed, unverified without a check', async () => {
    const d = copyModel('downloaded');
    const real = await describeModelFiles(validateModelDir(d));
    writeDownloadManifest(d, 'http://127.0.0.1:1/org/model', [{ file: 'onnx/model.onnx', sha256: real.sha256, verified: true }]);
    expect((await describeModelFiles(validateModelDir(d))).checksum).toBe('verified');

    writeDownloadManifest(d, 'http://127.0.0.1:1/org/model', [{ file: 'onnx/model.onnx', sha256: 'ab'.repeat(32), verified: true }]);
    const changed = await describeModelFiles(validateModelDir(d));
    expect(changed.checksum).toBe('mismatch');
    expect(changed.checksumNote).toMatch(/changed since it was downloaded/);

    // A model this app does not know, downloaded from a server that gave no sha256.
    const other = copyModel('other');
    writeFileSync(path.join(other, 'onnx', 'model.onnx'), 'not the pinned bytes');
    writeDownloadManifest(other, 'http://x', [{ file: 'onnx/model.onnx', sha256: 'cd'.repeat(32), verified: false }]);
    // (the sha256 recorded differs from the file: a mismatch wins over "unverified")
    expect((await describeModelFiles(validateModelDir(other))).checksum).toBe('mismatch');
    const otherSha = (await describeModelFiles(validateModelDir(other))).sha256;
    writeDownloadManifest(other, 'http://x', [{ file: 'onnx/model.onnx', sha256: otherSha, verified: false }]);
    expect((await describeModelFiles(validateModelDir(other))).checksum).toBe('unverified');
  });
});

describe('partialDownload', () => {
  it('finds .part files an interrupted download left, in the folder and onnx/', () => {
    const d = path.join(tmp, 'partial');
    mkdirSync(path.join(d, 'onnx'), { recursive: true });
    expect(partialDownload(d)).toBeNull();
    expect(partialDownload(path.join(tmp, 'missing'))).toBeNull();
    writeFileSync(path.join(d, 'onnx', 'model.onnx.part'), Buffer.alloc(1234));
    writeFileSync(path.join(d, 'config.json'), '{}');
    expect(partialDownload(d)).toEqual({ bytes: 1234, files: [path.join('onnx', 'model.onnx')] });
  });
});

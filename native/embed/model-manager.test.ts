/**
 * Model folder validation and resolution order, on the real model folder and on broken copies.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../electron/common/errors';
import { cachedModelDir, defaultAppCacheDir, resolveModelDir, validateModelDir } from './model-manager';
import { ensureTestModel } from './test-model';

let modelDir: string;
let tmp: string;

beforeAll(async () => {
  modelDir = await ensureTestModel();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'kgw-mm-test-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A folder holding the named files: copied from the real model folder, or the given content. */
function folderWith(name: string, files: Record<string, string | 'copy'>): string {
  const d = path.join(tmp, name);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(d, rel)), { recursive: true });
    if (content === 'copy') copyFileSync(path.join(modelDir, path.basename(rel)), path.join(d, rel));
    else writeFileSync(path.join(d, rel), content);
  }
  return d;
}

function codeAndMessage(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WorkbenchError);
    return { code: (err as WorkbenchError).code, message: (err as WorkbenchError).message };
  }
  throw new Error('expected an error');
}

describe('validateModelDir', () => {
  it('accepts the fetched model folder and reads hidden_size', () => {
    const f = validateModelDir(modelDir);
    expect(f).toMatchObject({ hiddenSize: 384, maxPositionEmbeddings: 512, modelType: 'bert', modelName: 'all-MiniLM-L6-v2' });
    expect(f.modelFile).toBe(path.join(modelDir, 'model.onnx'));
    expect(f.tokenizerConfigFile).toBe(path.join(modelDir, 'tokenizer_config.json'));
  });

  it('accepts the Hugging Face layout onnx/model.onnx', () => {
    const d = folderWith('hf-layout', { 'onnx/model.onnx': 'copy', 'tokenizer.json': 'copy', 'config.json': 'copy' });
    expect(validateModelDir(d).modelFile).toBe(path.join(d, 'onnx', 'model.onnx'));
    expect(validateModelDir(d).tokenizerConfigFile).toBeUndefined();
  });

  it('says which file is missing or wrong', () => {
    expect(codeAndMessage(() => validateModelDir(path.join(tmp, 'nope')))).toMatchObject({ code: 'MODEL_MISSING', message: expect.stringMatching(/does not exist/) });
    const noOnnx = folderWith('no-onnx', { 'tokenizer.json': 'copy', 'config.json': 'copy' });
    expect(codeAndMessage(() => validateModelDir(noOnnx)).message).toMatch(/No model\.onnx/);
    const noTok = folderWith('no-tok', { 'model.onnx': 'copy', 'config.json': 'copy' });
    expect(codeAndMessage(() => validateModelDir(noTok)).message).toMatch(/No tokenizer\.json/);
    const noSize = folderWith('no-size', { 'model.onnx': 'copy', 'tokenizer.json': 'copy', 'config.json': '{"model_type":"bert"}' });
    expect(codeAndMessage(() => validateModelDir(noSize)).message).toMatch(/hidden_size/);
    const badJson = folderWith('bad-json', { 'model.onnx': 'copy', 'tokenizer.json': 'copy', 'config.json': '{hidden_size: 384' });
    expect(codeAndMessage(() => validateModelDir(badJson)).message).toMatch(/not valid JSON/);
  });
});

describe('resolveModelDir', () => {
  it('prefers the user folder, then KGW_MODEL_DIR, then the app cache', () => {
    const cache = path.join(tmp, 'app-cache');
    const cached = cachedModelDir(cache);
    expect(cached).toBe(path.join(cache, 'models', 'all-MiniLM-L6-v2'));
    for (const f of ['model.onnx', 'tokenizer.json', 'config.json']) {
      mkdirSync(cached, { recursive: true });
      copyFileSync(path.join(modelDir, f), path.join(cached, f));
    }
    const user = folderWith('user-pick', { 'model.onnx': 'copy', 'tokenizer.json': 'copy', 'config.json': 'copy' });
    expect(resolveModelDir({ userDir: user, appCacheDir: cache, env: { KGW_MODEL_DIR: modelDir } }).dir).toBe(user);
    expect(resolveModelDir({ appCacheDir: cache, env: { KGW_MODEL_DIR: modelDir } }).dir).toBe(path.resolve(modelDir));
    expect(resolveModelDir({ appCacheDir: cache, env: {} }).dir).toBe(cached);
    // A broken user folder falls through to the next candidate.
    expect(resolveModelDir({ userDir: path.join(tmp, 'nope'), appCacheDir: cache, env: {} }).dir).toBe(cached);
  });

  it('lists every place tried when none holds a model', () => {
    const r = codeAndMessage(() => resolveModelDir({ appCacheDir: path.join(tmp, 'empty-cache'), env: { KGW_MODEL_DIR: path.join(tmp, 'env-nope') } }));
    expect(r.code).toBe('MODEL_MISSING');
    expect(r.message).toContain(path.join(tmp, 'env-nope'));
    expect(r.message).toContain(path.join(tmp, 'empty-cache', 'models', 'all-MiniLM-L6-v2'));
  });

  it('picks a per-platform app cache', () => {
    expect(defaultAppCacheDir({ XDG_CACHE_HOME: '/x/cache' }, 'linux')).toBe(path.join('/x/cache', 'kg-workbench'));
    expect(defaultAppCacheDir({}, 'darwin')).toBe(path.join(os.homedir(), 'Library', 'Caches', 'kg-workbench'));
    expect(defaultAppCacheDir({ LOCALAPPDATA: 'C:/Users/u/AppData/Local' }, 'win32')).toBe(path.join('C:/Users/u/AppData/Local', 'kg-workbench', 'Cache'));
  });
});

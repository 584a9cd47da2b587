/**
 * The default int8 compute path on the real int8 all-MiniLM-L6-v2: the rewrite finds every weight
 * MatMul, the result stays batch-invariant and close to the default (fp32 compute) output.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEntityNames } from './bench-embed';
import { rewriteWeightOnlyInt8MatMuls } from './onnx-int8-matmul';
import { SentenceEmbedder } from './sentence-embedder';
import { ensureTestModel } from './test-model';

let modelDir: string;
let exact: SentenceEmbedder;
let fast: SentenceEmbedder;

beforeAll(async () => {
  modelDir = await ensureTestModel();
  [exact, fast] = await Promise.all([
    SentenceEmbedder.load(modelDir, { threads: 1, int8MatMul: false }),
    SentenceEmbedder.load(modelDir, { threads: 1 }), // the default
  ]);
});
afterAll(async () => {
  await Promise.all([exact?.release(), fast?.release()]);
});

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i], 0);

describe('rewriteWeightOnlyInt8MatMuls', () => {
  it('rewrites the weight MatMuls of the 6 layers (Q, K, O, FFN up, FFN down), V kept in fp32 unless asked', () => {
    const model = readFileSync(path.join(modelDir, 'model.onnx'));
    expect(rewriteWeightOnlyInt8MatMuls(model)).toMatchObject({ rewritten: 30, keptFloat: 6 });
    expect(rewriteWeightOnlyInt8MatMuls(model, { keepAttentionValueFloat: false })).toMatchObject({ rewritten: 36, keptFloat: 0 });
    expect(rewriteWeightOnlyInt8MatMuls(model, { include: (w) => w[0] === 1536 }).rewritten).toBe(6);
    expect(fast.int8MatMuls).toBe(30);
    expect(exact.int8MatMuls).toBe(0);
    expect(fast.modelId).toBe(`${exact.modelId}+q8act`);
  });

  it('leaves a model without the pattern unchanged', () => {
    const notAModel = new Uint8Array([0x08, 0x07]); // ModelProto with only ir_version = 7
    const r = rewriteWeightOnlyInt8MatMuls(notAModel);
    expect(r.rewritten).toBe(0);
    expect(r.model).toBe(notAModel);
  });

  it('stays close to the exact output and independent of the batch', async () => {
    const texts = [...generateEntityNames(200, 11), 'This is an example sentence', '', 'The Godfather Part II'];
    const [a, b] = [await exact.embed(texts), await fast.embed(texts)];
    const cos = texts.map((_, i) => dot(a.subarray(i * 384, (i + 1) * 384), b.subarray(i * 384, (i + 1) * 384))).sort((x, y) => x - y);
    // Measured: min 0.9937 (the empty text), median 0.999.
    expect(cos[0]).toBeGreaterThan(0.99);
    expect(cos[cos.length >> 1]).toBeGreaterThan(0.998);
    // Per-token scales: the same text alone gives the same vector as inside the batch.
    for (const i of [0, 57, texts.length - 1]) {
      expect(dot(await fast.embed([texts[i]]), b.subarray(i * 384, (i + 1) * 384))).toBeGreaterThan(0.9999);
    }
  });
});

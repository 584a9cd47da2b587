/**
 * Both compute paths against full fp32 sentence-transformers vectors (fp32-reference.ts): the
 * issue asks for cosine >= 0.99 with the fp32 reference; the default int8-GEMM path must keep it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosinesToReferences, loadFp32References, type Fp32Reference } from './fp32-reference';
import { SentenceEmbedder } from './sentence-embedder';
import { ensureTestModel } from './test-model';

let refs: Fp32Reference[];
let gemm: SentenceEmbedder;
let exact: SentenceEmbedder;

beforeAll(async () => {
  refs = loadFp32References();
  const dir = await ensureTestModel();
  [gemm, exact] = await Promise.all([SentenceEmbedder.load(dir, { threads: 1 }), SentenceEmbedder.load(dir, { threads: 1, int8MatMul: false })]);
});
afterAll(async () => {
  await Promise.all([gemm?.release(), exact?.release()]);
});

describe('fp32 reference vectors (AutoSchemaKG all-MiniLM-L6-v2 export)', () => {
  it('holds 84 distinct texts with 384-d vectors', () => {
    expect(refs.length).toBe(84);
    expect(new Set(refs.map((r) => r.text)).size).toBeGreaterThan(80);
    expect(refs.every((r) => r.vector.length === 384)).toBe(true);
  });

  it('default (int8 GEMM) path: every text at cosine >= 0.995 to fp32 (the issue asks 0.99)', async () => {
    expect(gemm.int8MatMuls).toBe(30);
    const cos = cosinesToReferences(await gemm.embed(refs.map((r) => r.text)), refs);
    const worst = Math.min(...cos);
    // Measured: min 0.9961, mean 0.998 (V in int8 too: min 0.9914).
    expect(worst, refs[cos.indexOf(worst)].text).toBeGreaterThanOrEqual(0.995);
    expect(cos.reduce((a, b) => a + b) / cos.length).toBeGreaterThan(0.997);
  });

  it('exact path (opt-out): every text at cosine >= 0.999 to fp32', async () => {
    expect(exact.int8MatMuls).toBe(0);
    const cos = cosinesToReferences(await exact.embed(refs.map((r) => r.text)), refs);
    expect(Math.min(...cos)).toBeGreaterThanOrEqual(0.999);
  });
});

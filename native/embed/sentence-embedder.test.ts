/**
 * The embedder on the real int8 all-MiniLM-L6-v2 (fetched by scripts/fetch-model.mjs).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../electron/common/errors';
import { SentenceEmbedder } from './sentence-embedder';
import { SentenceTokenizer } from './sentence-tokenizer';
import { ensureTestModel } from './test-model';

/**
 * Published outputs of the fp32 model through sentence-transformers
 * (SentenceTransformer('all-MiniLM-L6-v2').encode(..., normalize_embeddings=True)), first six
 * components, with the word-piece ids the reference tokenizer gives (0 = padding in a batch of 4).
 * int8 weights move components by a few thousandths, so they are compared within 0.01.
 *
 * shared/models/all-MiniLM-L6-v2/SOURCE.md lists other numbers for the first sentence
 * (0.0459, 0.0733, 0.0540): those come from the Transformers.js docs, whose pipeline loaded a
 * quantised model by default, so they are not the fp32 output; ours is 0.021 off them on the
 * first component. They are checked below only as far as that defends: same sign, same size.
 */
const FP32_REFERENCE = [
  {
    text: 'This is an example sentence',
    ids: [101, 2023, 2003, 2019, 2742, 6251, 102],
    prefix: [0.06765693, 0.06349593, 0.04871314, 0.07930495, 0.03744806, 0.00265273],
  },
  {
    text: 'Each sentence is converted.',
    ids: [101, 2169, 6251, 2003, 4991, 1012, 102],
    prefix: [0.07853645, 0.08856265, -0.0020927, -0.00717247, -0.01252624, 0.01881747],
  },
  { text: '', ids: [101, 102], prefix: [-0.11883835, 0.04829856, -0.00254805, -0.01101118, 0.0519507, 0.01029179] },
  {
    text: 'Café déjà vu — 東京',
    ids: [101, 7668, 2139, 3900, 24728, 1517, 1879, 1755, 102],
    prefix: [0.05083271, 0.00967685, 0.09635572, -0.00997369, -0.01987603, 0.01692343],
  },
];
const SOURCE_MD_FIRST3 = [0.04592696577310562, 0.07328180968761444, 0.05400655046105385];

const DATASETS = path.resolve(__dirname, '../../../shared/datasets');

let embedder: SentenceEmbedder;
let modelDir: string;

beforeAll(async () => {
  modelDir = await ensureTestModel();
  embedder = await SentenceEmbedder.load(modelDir);
});
afterAll(async () => {
  await embedder?.release();
});

function row(v: Float32Array, i: number, dim: number): Float32Array {
  return v.subarray(i * dim, (i + 1) * dim);
}
function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

describe('SentenceEmbedder on all-MiniLM-L6-v2 int8 (default path: int8 GEMMs)', () => {
  it('reads the model shape from the folder', () => {
    expect(embedder.dim).toBe(384);
    expect(embedder.maxTokens).toBe(256);
    expect(embedder.modelId).toBe('all-MiniLM-L6-v2@8199be6f699a+q8act');
  });

  it('tokenizes like the reference BERT tokenizer', () => {
    const ids = FP32_REFERENCE.map((r) => r.text);
    const tok = SentenceTokenizer.fromFiles(path.join(modelDir, 'tokenizer.json'), path.join(modelDir, 'tokenizer_config.json'), 256);
    expect(ids.map((t) => tok.encode(t))).toEqual(FP32_REFERENCE.map((r) => r.ids));
  });

  // int8 weights alone (exact path) move components by < 0.01; quantized activations (default
  // path) by up to 0.014 (the empty text); full-vector cosines are in fp32-reference.test.ts.
  it.each([
    ['default (int8 GEMM)', true, 0.015],
    ['exact', false, 0.01],
  ] as const)('%s path matches the fp32 sentence-transformers vectors within int8 error, unit norm', async (_label, int8MatMul, tolerance) => {
    const e = int8MatMul ? embedder : await SentenceEmbedder.load(modelDir, { threads: 1, int8MatMul });
    try {
      const v = await e.embed(FP32_REFERENCE.map((r) => r.text));
      expect(v.length).toBe(FP32_REFERENCE.length * 384);
      FP32_REFERENCE.forEach((ref, i) => {
        const r = row(v, i, 384);
        expect(Math.sqrt(dot(r, r))).toBeCloseTo(1, 5);
        ref.prefix.forEach((x, j) => expect(Math.abs(r[j] - x), `${JSON.stringify(ref.text)}[${j}]`).toBeLessThan(tolerance));
      });
    } finally {
      if (e !== embedder) await e.release();
    }
  });

  it('agrees with SOURCE.md only in sign and size (those numbers are not an fp32 output)', async () => {
    const r = await embedder.embed(['This is an example sentence']);
    SOURCE_MD_FIRST3.forEach((x, j) => {
      expect(Math.sign(r[j])).toBe(Math.sign(x));
      expect(Math.abs(r[j] - x)).toBeLessThan(0.03);
    });
  });

  it('gives the same vector for a text alone and inside a mixed-length batch (order kept)', async () => {
    const texts = [
      'a rather long sentence about the history of the city of Paris and its many bridges over the Seine',
      'Paris',
      '',
      'guitarist',
      'The Godfather Part II',
      'x',
    ];
    const batch = await embedder.embed(texts);
    for (let i = 0; i < texts.length; i++) {
      const single = await embedder.embed([texts[i]]);
      // Padding changes float summation order inside the model a little, nothing more.
      expect(dot(row(batch, i, 384), single)).toBeGreaterThan(0.9999);
    }
  });

  it('truncates at 256 word pieces instead of failing on long passages', async () => {
    const long = 'knowledge graph '.repeat(400);
    expect(embedder.tokenCounts([long])[0]).toBe(256);
    const [a, b] = [await embedder.embed([long]), await embedder.embed([long + ' and then something else entirely'])];
    expect(dot(a, b)).toBeGreaterThan(0.99999); // the tail beyond 256 pieces is not seen
    expect(Math.sqrt(dot(a, a))).toBeCloseTo(1, 5);
  });

  it('returns an empty array for no texts', async () => {
    expect((await embedder.embed([])).length).toBe(0);
  });

  it('places FB15k-237 names by meaning', async () => {
    // Names as the dataset has them: underscores for spaces and a "-GB" suffix on some.
    const byMid = new Map(
      readFileSync(path.join(DATASETS, 'triples_fb15k237_mid2name.txt'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t') as [string, string]),
    );
    const name = (mid: string): string => {
      const raw = byMid.get(mid);
      if (!raw) throw new Error(`${mid} not in the dataset`);
      return raw.replace(/-GB$/, '').replace(/_/g, ' ');
    };
    const mids = {
      paris: '/m/05qtj', london: '/m/04jpl', godfather: '/m/07g1sm', godfather2: '/m/0jsf6',
      guitarist: '/m/039v1', bassist: '/m/0gbbt', physician: '/m/05t4q', surgeon: '/m/02y_93f',
      baseball: '/m/018jz', basketball: '/m/018w8', lawyer: '/m/04gc2', piano: '/m/05r5c', pianist: '/m/05vyk',
    };
    const keys = Object.keys(mids) as Array<keyof typeof mids>;
    const names = keys.map((k) => name(mids[k]));
    expect(names).toContain('Guitarist');
    const v = await embedder.embed(names);
    const vec = (k: keyof typeof mids): Float32Array => row(v, keys.indexOf(k), 384);
    const cos = (a: keyof typeof mids, b: keyof typeof mids): number => dot(vec(a), vec(b));

    expect(cos('paris', 'london')).toBeGreaterThan(cos('paris', 'godfather'));
    expect(cos('guitarist', 'bassist')).toBeGreaterThan(cos('guitarist', 'physician'));
    expect(cos('physician', 'surgeon')).toBeGreaterThan(cos('physician', 'basketball'));
    expect(cos('baseball', 'basketball')).toBeGreaterThan(cos('baseball', 'lawyer'));
    expect(cos('piano', 'pianist')).toBeGreaterThan(cos('piano', 'surgeon'));
    // Nearest neighbour of "The Godfather Part II" among all the others is "The Godfather".
    const others = keys.filter((k) => k !== 'godfather2');
    const nearest = others.reduce((best, k) => (cos('godfather2', k) > cos('godfather2', best) ? k : best));
    expect(nearest).toBe('godfather');
  });

  it('counts where the time goes', async () => {
    embedder.resetStats();
    await embedder.embed(['one', 'two words', 'three words here']);
    expect(embedder.stats.texts).toBe(3);
    expect(embedder.stats.batches).toBe(1);
    expect(embedder.stats.tokens).toBe(3 + 4 + 5);
    expect(embedder.stats.paddedTokens).toBe(3 * 5);
  });

  it('refuses a folder whose model.onnx is not a model, naming the file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kgw-bad-model-'));
    try {
      for (const f of ['tokenizer.json', 'tokenizer_config.json', 'config.json']) copyFileSync(path.join(modelDir, f), path.join(dir, f));
      writeFileSync(path.join(dir, 'model.onnx'), 'this is not an ONNX file');
      const err = await SentenceEmbedder.load(dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WorkbenchError);
      expect((err as WorkbenchError).code).toBe('MODEL_MISSING');
      expect((err as WorkbenchError).details?.file).toBe(path.join(dir, 'model.onnx'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so when config.json disagrees with the vectors the model outputs', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kgw-bad-config-'));
    try {
      for (const f of ['model.onnx', 'tokenizer.json', 'tokenizer_config.json']) copyFileSync(path.join(modelDir, f), path.join(dir, f));
      const config = JSON.parse(readFileSync(path.join(modelDir, 'config.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ ...config, hidden_size: 768 }));
      const wrong = await SentenceEmbedder.load(dir, { threads: 1 });
      try {
        const err = await wrong.embed(['hello']).catch((e: unknown) => e);
        expect((err as WorkbenchError).code).toBe('MODEL_MISSING');
        expect((err as WorkbenchError).message).toMatch(/384 values but config\.json says hidden_size 768/);
      } finally {
        await wrong.release();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

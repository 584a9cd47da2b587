/**
 * Sentence embeddings with an ONNX sentence-transformers export on onnxruntime-node:
 * tokenize, bucket by length, run, mean-pool over the attention mask, L2-normalise.
 *
 * Why buckets: texts are sorted by token count and batched, so each batch is padded only to its
 * own longest text; a graph's names (2-10 pieces) never pay for a 256-piece passage.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import * as ort from 'onnxruntime-node';
import { WorkbenchError } from '../../electron/common/errors';
import { validateModelDir, type ModelFolder } from './model-manager';
import { rewriteWeightOnlyInt8MatMuls } from './onnx-int8-matmul';
import { SentenceTokenizer } from './sentence-tokenizer';

export interface EmbedderOptions {
  /** intraOpNumThreads; default: the number of cores. */
  threads?: number;
  /** Texts per inference call at most. */
  batchSize?: number;
  /** Padded tokens per inference call at most (batch rows x longest row), bounds memory for passages. */
  maxBatchTokens?: number;
  /** Word pieces kept per text, special tokens included (sentence-transformers uses 256). */
  maxTokens?: number;
  /** Default: 'basic' for a graph with int8 GEMMs (level 'all' fuses them into kernels measured
   *  10-15% more CPU here, README.md), 'all' otherwise. */
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
  executionMode?: 'sequential' | 'parallel';
  /** onnxruntime's CPU memory arena (default on: batches of varying shape reuse its blocks). */
  memArena?: boolean;
  /** Let idle intra-op threads spin for work (onnxruntime's own default). Default false here:
   *  measured on 2 busy cores (1K names, 2 threads) spinning cost 2.8 s CPU against 1.9 s without,
   *  CPU the ingest and store workers running beside the embedder need. */
  allowSpinning?: boolean;
  /** Run weight-only int8 MatMuls as int8 GEMMs with per-token activation quantization
   *  (onnx-int8-matmul.ts). Default true (models without the pattern are unaffected); false gives
   *  the exact path (int8 weights, fp32 compute). Measured on all-MiniLM-L6-v2 int8 (README.md):
   *  ~1.8x less inference CPU, batch-invariant, cosine to the fp32 sentence-transformers vectors
   *  min 0.991 on 84 references (exact path: 0.9992), same neighbour tests.
   *  The modelId then ends in `+q8act`, so an index never mixes the two silently. */
  int8MatMul?: boolean;
  /** Overrides the id vectors are tagged with; default `<model name>@<sha256 prefix of model.onnx>`, so
   *  int8 and fp32 exports of one model never share vectors. */
  modelId?: string;
}

/** Milliseconds spent per stage since load (or the last resetStats). */
export interface EmbedderStats {
  texts: number;
  batches: number;
  tokens: number;
  paddedTokens: number;
  tokenizeMs: number;
  /** Building the BigInt64 input tensors. */
  tensorMs: number;
  inferenceMs: number;
  /** Mean pooling, normalisation and the copy into the result. */
  poolMs: number;
}

type PoolMode = { kind: 'tokens'; output: string } | { kind: 'pooled'; output: string };

export class SentenceEmbedder {
  readonly stats: EmbedderStats = emptyStats();

  private constructor(
    private readonly session: ort.InferenceSession,
    /** MatMuls running as int8 GEMMs (0 when the model is float or int8MatMul is off). */
    readonly int8MatMuls: number,
    private readonly tokenizer: SentenceTokenizer,
    private readonly hasTokenTypeIds: boolean,
    private readonly pool: PoolMode,
    readonly dim: number,
    readonly modelId: string,
    readonly folder: ModelFolder,
    private readonly batchSize: number,
    private readonly maxBatchTokens: number,
  ) {}

  static async load(modelDir: string, options: EmbedderOptions = {}): Promise<SentenceEmbedder> {
    const folder = validateModelDir(modelDir);
    const maxTokens = Math.min(options.maxTokens ?? 256, folder.maxPositionEmbeddings ?? Infinity);
    const tokenizer = SentenceTokenizer.fromFiles(folder.tokenizerFile, folder.tokenizerConfigFile, maxTokens);
    const threads = Math.max(1, options.threads ?? os.availableParallelism());
    let modelBytes: Uint8Array;
    let int8: { model: Uint8Array; rewritten: number };
    let session: ort.InferenceSession;
    try {
      modelBytes = await readFile(folder.modelFile);
      int8 = (options.int8MatMul ?? true) ? rewriteWeightOnlyInt8MatMuls(modelBytes) : { model: modelBytes, rewritten: 0 };
      session = await ort.InferenceSession.create(int8.model, {
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        executionMode: options.executionMode ?? 'sequential',
        enableCpuMemArena: options.memArena ?? true,
        graphOptimizationLevel: options.graphOptimizationLevel ?? (int8.rewritten ? 'basic' : 'all'),
        extra: { session: { intra_op: { allow_spinning: options.allowSpinning ? '1' : '0' } } },
      });
    } catch (err) {
      throw new WorkbenchError('MODEL_MISSING', `onnxruntime cannot load ${folder.modelFile}: ${(err as Error).message}`, {
        file: folder.modelFile,
      });
    }
    for (const name of ['input_ids', 'attention_mask']) {
      if (!session.inputNames.includes(name)) {
        await session.release();
        throw new WorkbenchError('MODEL_MISSING', `The ONNX model has no "${name}" input (inputs: ${session.inputNames.join(', ')}).`, {
          file: folder.modelFile,
          expected: name,
        });
      }
    }
    const pool = choosePoolMode(session.outputNames);
    const modelId =
      options.modelId ?? `${folder.modelName}@${createHash('sha256').update(modelBytes).digest('hex').slice(0, 12)}${int8.rewritten ? '+q8act' : ''}`;
    return new SentenceEmbedder(
      session,
      int8.rewritten,
      tokenizer,
      session.inputNames.includes('token_type_ids'),
      pool,
      folder.hiddenSize,
      modelId,
      folder,
      Math.max(1, options.batchSize ?? 64),
      Math.max(maxTokens, options.maxBatchTokens ?? 16_384),
    );
  }

  get maxTokens(): number {
    return this.tokenizer.maxTokens;
  }

  /** Unit vectors, row-major `texts.length x dim`, in the order of `texts`. */
  async embed(texts: readonly string[]): Promise<Float32Array> {
    const dim = this.dim;
    const out = new Float32Array(texts.length * dim);
    if (texts.length === 0) return out;

    let t0 = performance.now();
    const ids = texts.map((t) => this.tokenizer.encode(typeof t === 'string' ? t : String(t ?? '')));
    this.stats.tokenizeMs += performance.now() - t0;

    // Shortest first; the index array carries each text back to its original row.
    const order = Array.from(ids.keys()).sort((a, b) => ids[a].length - ids[b].length);
    let start = 0;
    while (start < order.length) {
      // Grow the batch while it stays within both the row and the padded-token budget.
      let end = start + 1;
      while (end < order.length && end - start < this.batchSize && ids[order[end]].length * (end - start + 1) <= this.maxBatchTokens) end++;
      const rows = order.slice(start, end);
      const seqLen = ids[rows[rows.length - 1]].length;

      t0 = performance.now();
      const feeds = this.buildFeeds(rows.map((r) => ids[r]), seqLen);
      this.stats.tensorMs += performance.now() - t0;

      t0 = performance.now();
      const result = await this.session.run(feeds);
      this.stats.inferenceMs += performance.now() - t0;

      t0 = performance.now();
      const hidden = result[this.pool.output];
      if (hidden.dims[hidden.dims.length - 1] !== dim) {
        throw new WorkbenchError('MODEL_MISSING', `The model outputs vectors of ${hidden.dims.at(-1)} values but config.json says hidden_size ${dim}.`, {
          file: this.folder.configFile,
          value: String(hidden.dims.at(-1)),
          expected: String(dim),
        });
      }
      if (this.pool.kind === 'tokens') meanPoolInto(out, hidden.data as Float32Array, rows, ids, seqLen, dim);
      else copyPooledInto(out, hidden.data as Float32Array, rows, dim);
      for (const r of rows) normaliseRow(out, r, dim);
      for (const t of Object.values(result)) t.dispose?.();
      this.stats.poolMs += performance.now() - t0;

      this.stats.batches++;
      this.stats.paddedTokens += rows.length * seqLen;
      start = end;
    }
    this.stats.texts += texts.length;
    for (const row of ids) this.stats.tokens += row.length;
    return out;
  }

  /** Token count per text after truncation (special tokens included). */
  tokenCounts(texts: readonly string[]): number[] {
    return texts.map((t) => this.tokenizer.encode(t).length);
  }

  resetStats(): void {
    Object.assign(this.stats, emptyStats());
  }

  async release(): Promise<void> {
    await this.session.release();
  }

  private buildFeeds(batch: number[][], seqLen: number): Record<string, ort.Tensor> {
    const n = batch.length;
    const inputIds = new BigInt64Array(n * seqLen);
    const mask = new BigInt64Array(n * seqLen);
    const pad = BigInt(this.tokenizer.padId);
    for (let b = 0; b < n; b++) {
      const row = batch[b];
      const base = b * seqLen;
      for (let i = 0; i < seqLen; i++) {
        if (i < row.length) {
          inputIds[base + i] = BigInt(row[i]);
          mask[base + i] = 1n;
        } else {
          inputIds[base + i] = pad;
        }
      }
    }
    const dims = [n, seqLen];
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', inputIds, dims),
      attention_mask: new ort.Tensor('int64', mask, dims),
    };
    // All zeros: single-sentence input is segment A.
    if (this.hasTokenTypeIds) feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(n * seqLen), dims);
    return feeds;
  }
}

function choosePoolMode(outputs: readonly string[]): PoolMode {
  // Prefer token states and pool here: that is the sentence-transformers definition and it is
  // what every plain export has. An export with pooling baked in names its output sentence_embedding.
  for (const name of ['last_hidden_state', 'token_embeddings']) if (outputs.includes(name)) return { kind: 'tokens', output: name };
  if (outputs.includes('sentence_embedding')) return { kind: 'pooled', output: 'sentence_embedding' };
  return { kind: 'tokens', output: outputs[0] };
}

/** Mean over the real (unpadded) tokens; padded positions are skipped instead of multiplied by 0. */
function meanPoolInto(out: Float32Array, hidden: Float32Array, rows: number[], ids: number[][], seqLen: number, dim: number): void {
  for (let b = 0; b < rows.length; b++) {
    const len = ids[rows[b]].length;
    const dst = rows[b] * dim;
    const src = b * seqLen * dim;
    for (let t = 0; t < len; t++) {
      const off = src + t * dim;
      for (let j = 0; j < dim; j++) out[dst + j] += hidden[off + j];
    }
    const inv = 1 / len;
    for (let j = 0; j < dim; j++) out[dst + j] *= inv;
  }
}

function copyPooledInto(out: Float32Array, pooled: Float32Array, rows: number[], dim: number): void {
  for (let b = 0; b < rows.length; b++) out.set(pooled.subarray(b * dim, (b + 1) * dim), rows[b] * dim);
}

function normaliseRow(out: Float32Array, row: number, dim: number): void {
  const base = row * dim;
  let sum = 0;
  for (let j = 0; j < dim; j++) sum += out[base + j] * out[base + j];
  // sentence-transformers' Normalize clamps the norm at 1e-12 the same way.
  const inv = 1 / Math.max(Math.sqrt(sum), 1e-12);
  for (let j = 0; j < dim; j++) out[base + j] *= inv;
}

function emptyStats(): EmbedderStats {
  return { texts: 0, batches: 0, tokens: 0, paddedTokens: 0, tokenizeMs: 0, tensorMs: 0, inferenceMs: 0, poolMs: 0 };
}

/**
 * Embedding throughput on n generated entity-like names (2-6 words, deterministic), with the time
 * split by stage so a regression says where it is. Budget (2 cores): 1K texts <= 2 s, 10K <= 20 s.
 *
 * Measured numbers and where the time goes: native/embed/README.md.
 */
import { seededRandom } from '../../electron/common/seeded-random';
import os from 'node:os';
import type { EmbedderOptions } from './sentence-embedder';
import { SentenceEmbedder } from './sentence-embedder';
import { ensureTestModel } from './test-model';

export interface EmbedBenchResult {
  n: number;
  /** Wall time of embed() for all n texts (model load excluded, see loadMs). */
  ms: number;
  textsPerSec: number;
  tokenizeMs: number;
  /** Building input tensors (BigInt64 copies). */
  tensorMs: number;
  inferenceMs: number;
  /** Mean pooling, normalisation and copy into the result. */
  poolMs: number;
  loadMs: number;
  /** CPU time of the process during embed() (all threads): on a shared machine, ms / cpuMs says
   *  how much of the wall time was spent waiting for a core. */
  cpuMs: number;
  batches: number;
  tokens: number;
  /** Padded tokens / real tokens: what length bucketing saves shows here. */
  paddingOverhead: number;
  threads: number;
}

const WORDS = {
  first: ['John', 'Maria', 'Akira', 'Fatima', 'Lars', 'Chen', 'Olga', 'Pedro', 'Amara', 'Ravi', 'Elena', 'Tomasz', 'Grace', 'Omar', 'Ingrid', 'Kofi'],
  last: ['Smith', 'Garcia', 'Tanaka', 'Haddad', 'Nilsson', 'Wei', 'Petrova', 'Alvarez', 'Okafor', 'Sharma', 'Rossi', 'Kowalski', 'Murray', 'Farouk'],
  adj: ['Northern', 'Royal', 'National', 'Grand', 'Old', 'New', 'Central', 'Eastern', 'Golden', 'Silent', 'Red', 'United', 'Lost', 'Great'],
  noun: ['River', 'University', 'Railway', 'Orchestra', 'Museum', 'Bridge', 'Festival', 'Company', 'Library', 'Valley', 'Harbor', 'Theatre', 'Council', 'Mountain'],
  place: ['Lyon', 'Osaka', 'Nairobi', 'Toronto', 'Krakow', 'Lima', 'Bergen', 'Pune', 'Adelaide', 'Tbilisi', 'Porto', 'Hanoi', 'Quito', 'Leeds'],
  thing: ['Symphony No. 5', 'protein kinase', 'jazz fusion', 'civil war', 'bass guitar', 'space probe', 'film score', 'trade agreement'],
};


/** n entity-like names of 2-6 words: people, organisations, places, topics. */
export function generateEntityNames(n: number, seed = 42): string[] {
  const rnd = seededRandom(seed);
  const pick = (list: string[]): string => list[Math.floor(rnd() * list.length)];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const shape = Math.floor(rnd() * 5);
    let s: string;
    if (shape === 0) s = `${pick(WORDS.first)} ${pick(WORDS.last)}`;
    else if (shape === 1) s = `${pick(WORDS.first)} ${pick(WORDS.first)} ${pick(WORDS.last)}`;
    else if (shape === 2) s = `${pick(WORDS.adj)} ${pick(WORDS.noun)} of ${pick(WORDS.place)}`;
    else if (shape === 3) s = `${pick(WORDS.place)} ${pick(WORDS.noun)}`;
    else s = `${pick(WORDS.thing)} in ${pick(WORDS.adj)} ${pick(WORDS.place)}`;
    out.push(s);
  }
  return out;
}

export async function benchEmbed(n: number, options: EmbedderOptions = {}): Promise<EmbedBenchResult> {
  const texts = generateEntityNames(n);
  const modelDir = await ensureTestModel();
  let t0 = performance.now();
  const embedder = await SentenceEmbedder.load(modelDir, options);
  const loadMs = performance.now() - t0;
  try {
    await embedder.embed(texts.slice(0, 64)); // warm-up: first runs allocate the arena
    embedder.resetStats();
    const cpu0 = process.cpuUsage();
    t0 = performance.now();
    const vectors = await embedder.embed(texts);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (vectors.length !== n * embedder.dim) throw new Error('embed returned the wrong number of values');
    const s = embedder.stats;
    return {
      n,
      ms,
      textsPerSec: (n / ms) * 1000,
      tokenizeMs: s.tokenizeMs,
      tensorMs: s.tensorMs,
      inferenceMs: s.inferenceMs,
      poolMs: s.poolMs,
      loadMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      batches: s.batches,
      tokens: s.tokens,
      paddingOverhead: s.paddedTokens / Math.max(1, s.tokens),
      threads: options.threads ?? os.availableParallelism(),
    };
  } finally {
    await embedder.release();
  }
}

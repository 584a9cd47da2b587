/**
 * Embedding throughput with the real model (all-MiniLM-L6-v2 int8, `.cache/models` or
 * KGW_MODEL_DIR) on generated entity-like names, as the embed worker runs it: the default int8
 * GEMMs (onnx-int8-matmul.ts; attention V kept in fp32; cosine >= 0.996 to fp32 references) and
 * the exact path users get with KGW_EMBED_INT8_GEMM=0 (int8 weights, fp32 compute). CPU time is
 * reported beside wall time: on a shared machine the wall time includes waiting for a core.
 */
import { benchEmbed } from '../../../../native/embed/bench-embed';
import type { EmbedderOptions } from '../../../../native/embed/sentence-embedder';
import type { Scenario, ScenarioResult } from '../scenario';

async function run(n: number, options: EmbedderOptions): Promise<ScenarioResult> {
  const r = await benchEmbed(n, { threads: 2, ...options });
  const mb = Math.round(process.memoryUsage().rss / 2 ** 20);
  return {
    ms: r.ms,
    peakRssMB: { bench: mb },
    extra: {
      cpuMs: Math.round(r.cpuMs),
      'texts/s': Math.round(r.textsPerSec),
      tokenizeMs: Math.round(r.tokenizeMs),
      tensorMs: Math.round(r.tensorMs),
      inferenceMs: Math.round(r.inferenceMs),
      poolMs: Math.round(r.poolMs),
      loadMs: Math.round(r.loadMs),
      paddingOverhead: Number(r.paddingOverhead.toFixed(2)),
      threads: r.threads,
    },
  };
}

const sizes = [
  { n: 1_000, label: '1K', seed: { text: '2.1 s', ms: 2_100 }, target: { text: '<= 2 s', ms: 2_000 }, quick: true },
  { n: 10_000, label: '10K', seed: { text: '21 s', ms: 21_000 }, target: { text: '<= 20 s', ms: 20_000 }, quick: false },
];

export const scenarios: Scenario[] = sizes.flatMap((s) => [
  {
    group: 'embed' as const,
    name: `Embed ${s.label} short texts`,
    size: `${s.label} names, 384-d`,
    seed: s.seed,
    target: s.target,
    quick: s.quick,
    run: () => run(s.n, {}),
  },
  {
    group: 'embed' as const,
    name: `Embed ${s.label} short texts (exact, KGW_EMBED_INT8_GEMM=0)`,
    size: `${s.label} names, 384-d`,
    seed: s.seed,
    target: s.target,
    quick: s.quick,
    run: () => run(s.n, { int8MatMul: false }),
  },
]);

/**
 * 100 top-10 queries over n clustered 384-d vectors in the HNSW index (native/vector, the index
 * the vector worker holds), recall@10 against exact search on the same vectors, build time, build
 * CPU and RSS. The headline is the wall time of 100 single queries (best of 5 passes); CPU time
 * is beside it because the 2-core machine is shared.
 */
import { benchVector } from '../../../../native/vector/bench-vector';
import type { Scenario, ScenarioResult } from '../scenario';

async function run(n: number, recallTarget: number): Promise<ScenarioResult> {
  global.gc?.();
  const r = await benchVector(n);
  return {
    ms: r.queryMsTotalFor100,
    peakRssMB: { bench: r.buildRssMB },
    extra: {
      'recall@10': r.recallAt10,
      recallTarget,
      recallMet: r.recallAt10 >= recallTarget ? 'yes' : 'no',
      queryCpuMsFor100: r.queryCpuMsFor100,
      buildMs: r.buildMs,
      buildCpuMs: r.buildCpuMs,
      indexRssDeltaMB: r.indexRssDeltaMB,
      saveMs: r.saveMs,
      loadMs: r.loadMs,
      M: r.M,
      efConstruction: r.efConstruction,
      ef: r.ef,
    },
  };
}

export const scenarios: Scenario[] = [
  {
    group: 'vector',
    name: '100 queries, 10K x 384',
    size: '10K vectors',
    seed: { text: '12 ms @ recall 0.95', ms: 12 },
    target: { text: '<= 5 ms @ recall@10 >= 0.97', ms: 5 },
    quick: true,
    run: () => run(10_000, 0.97),
  },
  {
    group: 'vector',
    name: '100 queries, 100K x 384',
    size: '100K vectors',
    seed: { text: '28 ms @ 0.93', ms: 28 },
    target: { text: '<= 15 ms @ recall@10 >= 0.95', ms: 15 },
    quick: true,
    run: () => run(100_000, 0.95),
  },
  {
    group: 'vector',
    name: '100 queries, 1M x 384',
    size: '1M vectors',
    seed: { text: '95 ms @ 0.91', ms: 95 },
    target: { text: '<= 50 ms @ recall@10 >= 0.93', ms: 50 },
    quick: false,
    run: () => run(1_000_000, 0.93),
  },
];

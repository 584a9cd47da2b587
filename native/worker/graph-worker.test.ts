/**
 * The graph worker as the host runs it (dist/workers/graph.js, built by scripts/build.mjs, started
 * by the host's supervisor): a long personalised PageRank posts progress and stops when the host
 * cancels the call, and the worker answers the next query right after.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Supervisor } from '../../electron/node/host/supervisor';
import { NodeWorkerLauncher } from '../../electron/node/host/node-launcher';
import type { JobProgress, WorkerContext } from '../../electron/common/protocol';
import type { PprResult } from '../../electron/common/protocol/query';
import { generateGraph } from '../graph/generate-graph';
import { writeWorkspace } from '../query/bench-query';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-graph-worker-'));
const dir = path.join(tmp, 'ws');
const ctx: WorkerContext = { workspace: dir, store: 'sqlite' };
let supervisor: Supervisor;

beforeAll(() => {
  // 60K nodes, 480K edges: 200 float64 iterations take a few hundred ms, long enough to cancel.
  writeWorkspace(dir, generateGraph({ nodes: 60_000, degree: 8, seed: 5, edgeTypes: 2 }));
  supervisor = new Supervisor(new NodeWorkerLauncher(), path.resolve(__dirname, '../../dist/workers'), { onSample: () => {}, onRestart: () => {} });
}, 120_000);

afterAll(() => {
  supervisor?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('graph worker', () => {
  it('cancels a running PageRank between iterations, after progress, and keeps serving', async () => {
    // Loads the graph first, so the PPR below spends its time iterating.
    await supervisor.call('graph', 'query.load', {}, ctx).promise;
    const params = { seeds: ['n1', 'n2'], iterations: 200, tolerance: 0, direction: 'both' };
    const progress: Array<Omit<JobProgress, 'jobId' | 'method'>> = [];
    const call = supervisor.call('graph', 'query.ppr', params, ctx, (p) => {
      progress.push(p);
      if (progress.length === 1) supervisor.cancel('graph', call.id);
    });
    await expect(call.promise).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(progress[0]).toMatchObject({ stage: 'pagerank', total: 200, unit: 'iterations' });
    expect(progress[0].done).toBeGreaterThan(0);
    expect(progress[0].done).toBeLessThan(200);

    const r = (await supervisor.call('graph', 'query.ppr', { ...params, iterations: 5 }, ctx).promise) as PprResult;
    expect(r.iterations).toBe(5);
    expect(r.seeds.map((s) => s.id).sort()).toEqual(['n1', 'n2']);
  }, 60_000);
});

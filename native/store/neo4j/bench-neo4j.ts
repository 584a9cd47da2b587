/**
 * Insert benchmark of the Neo4j store (not a test): times whole imports, beginImport to commit.
 *  - nodes1k:   1,000 new nodes
 *  - edges10k:  10,000 edges between 1,000 existing nodes
 *  - update5k:  5,000 property updates to committed nodes (the staged-merge path)
 * The seed's figures were 0.45 s / 1.8 s / 2.6 s; targets <= 0.2 s / <= 1 s / <= 1 s.
 * One warm-up round on separate ids runs first, so the numbers show steady state rather than
 * the JVM's first-query compilation; the warm-up times are returned too.
 *
 * Run: `node scripts/neo4j/bench.mjs` (starts its own server) or call benchNeo4j(uri, user, password).
 */
import type { NodeRecord } from '../../../electron/common/model';
import { Neo4jStore } from './neo4j-store';
import { generatedGraph } from './test-data';

export interface Neo4jBenchResult {
  serverVersion: string;
  nodes1kSeconds: number;
  edges10kSeconds: number;
  update5kSeconds: number;
  warmup: { nodes1kSeconds: number; edges10kSeconds: number; update5kSeconds: number };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return Number(((performance.now() - t0) / 1000).toFixed(3));
}

async function importOnce(store: Neo4jStore, batch: { nodes?: NodeRecord[]; edges?: ReturnType<typeof generatedGraph>['edges'] }): Promise<void> {
  const w = await store.beginImport({ files: ['bench'] });
  await w.write({ nodes: batch.nodes ?? [], edges: batch.edges ?? [], bytesRead: 0 }, 'bench');
  await w.commit({ missingEndpoints: 'skip' });
}

async function round(store: Neo4jStore, prefix: string): Promise<{ nodes1kSeconds: number; edges10kSeconds: number; update5kSeconds: number }> {
  const small = generatedGraph(`${prefix}a`, 1000, 10_000);
  const nodes1kSeconds = await timed(() => importOnce(store, { nodes: small.nodes }));
  const edges10kSeconds = await timed(() => importOnce(store, { edges: small.edges }));
  const big = generatedGraph(`${prefix}b`, 5000, 0);
  await importOnce(store, { nodes: big.nodes });
  const updates = big.nodes.map((n) => ({ ...n, name: `${n.name} (updated)`, props: { ...n.props, rank: -1, updated: true } }));
  const update5kSeconds = await timed(() => importOnce(store, { nodes: updates }));
  return { nodes1kSeconds, edges10kSeconds, update5kSeconds };
}

export async function benchNeo4j(uri: string, user: string, password: string): Promise<Neo4jBenchResult> {
  const store = await Neo4jStore.connect({ uri, user, password });
  try {
    // Schema first, outside the timings (a real workspace creates it once).
    await (await store.beginImport({ files: [] })).rollback();
    const stamp = Date.now().toString(36);
    const warmup = await round(store, `w${stamp}`);
    const result = await round(store, `m${stamp}`);
    return { serverVersion: store.serverVersion, ...result, warmup };
  } finally {
    await store.close();
  }
}

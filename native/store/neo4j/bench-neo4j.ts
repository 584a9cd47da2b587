/**
 * Insert benchmark of the Neo4j store (not a test): times whole imports, beginImport to commit.
 *  - nodes1k:   1,000 new nodes
 *  - edges10k:  10,000 edges between 1,000 existing nodes
 *  - update5k:  5,000 property updates to committed nodes (the staged-merge path)
 * The seed's figures were 0.45 s / 1.8 s / 2.6 s; targets <= 0.2 s / <= 1 s / <= 1 s.
 * Warm-up rounds (default 8) on separate ids run first, so the numbers show steady state (a user's
 * server is warm) rather than the JVMs' compilation (server and driver): after 3 rounds the
 * server still spent ~3x the CPU per round of a long-running one (0.86 vs 0.25-0.3 s for
 * edges10k); then
 * `measuredRounds` (default 5) rounds are timed and each figure is their median (wall and server
 * CPU separately), with every round's figures kept beside it. The first warm-up round is returned too.
 *
 * Run: `node scripts/neo4j/bench.mjs` (starts its own server) or call benchNeo4j(uri, user, password).
 */
import fs from 'node:fs';
import type { NodeRecord } from '../../../electron/common/model';
import { Neo4jStore } from './neo4j-store';
import { generatedGraph } from './test-data';

/** Wall seconds, and CPU seconds of this process (client) and of the server when its pid is known. */
export interface Timing {
  seconds: number;
  clientCpuSeconds: number;
  serverCpuSeconds?: number;
}

interface RoundResult {
  nodes1k: Timing;
  edges10k: Timing;
  update5k: Timing;
}

export interface Neo4jBenchResult extends RoundResult {
  serverVersion: string;
  /** Every measured round (the figures above are their medians). */
  rounds: RoundResult[];
  warmup: RoundResult;
}

/** utime+stime of a process from /proc (Linux), in seconds; undefined elsewhere. */
function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command: state is field 3, utime 14, stime 15 (1-based) -> indexes 11 and 12 here.
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

const round3 = (x: number) => Number(x.toFixed(3));

function timer(serverPid?: number) {
  return async (fn: () => Promise<unknown>): Promise<Timing> => {
    const s0 = processCpuSeconds(serverPid);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    const seconds = round3((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    const s1 = processCpuSeconds(serverPid);
    return {
      seconds,
      clientCpuSeconds: round3((c.user + c.system) / 1e6),
      serverCpuSeconds: s0 !== undefined && s1 !== undefined ? round3(s1 - s0) : undefined,
    };
  };
}

async function importOnce(store: Neo4jStore, batch: { nodes?: NodeRecord[]; edges?: ReturnType<typeof generatedGraph>['edges'] }): Promise<void> {
  const w = await store.beginImport({ files: ['bench'] });
  await w.write({ nodes: batch.nodes ?? [], edges: batch.edges ?? [], bytesRead: 0 }, 'bench');
  await w.commit({ missingEndpoints: 'skip' });
}

async function round(store: Neo4jStore, prefix: string, serverPid?: number): Promise<RoundResult> {
  const timed = timer(serverPid);
  const small = generatedGraph(`${prefix}a`, 1000, 10_000);
  const nodes1k = await timed(() => importOnce(store, { nodes: small.nodes }));
  const edges10k = await timed(() => importOnce(store, { edges: small.edges }));
  const big = generatedGraph(`${prefix}b`, 5000, 0);
  await importOnce(store, { nodes: big.nodes });
  const updates = big.nodes.map((n) => ({ ...n, name: `${n.name} (updated)`, props: { ...n.props, rank: -1, updated: true } }));
  const update5k = await timed(() => importOnce(store, { nodes: updates }));
  return { nodes1k, edges10k, update5k };
}

/** `serverPid`: the server's process id on this machine, to report its CPU time per phase. */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : round3((s[s.length / 2 - 1] + s[s.length / 2]) / 2);
}

function medianTiming(ts: Timing[]): Timing {
  const server = ts.map((t) => t.serverCpuSeconds).filter((x): x is number => x !== undefined);
  return {
    seconds: median(ts.map((t) => t.seconds)),
    clientCpuSeconds: median(ts.map((t) => t.clientCpuSeconds)),
    serverCpuSeconds: server.length === ts.length ? median(server) : undefined,
  };
}

export async function benchNeo4j(
  uri: string,
  user: string,
  password: string,
  opts: { serverPid?: number; warmupRounds?: number; measuredRounds?: number } = {},
): Promise<Neo4jBenchResult> {
  const store = await Neo4jStore.connect({ uri, user, password });
  try {
    // Schema first, outside the timings (a real workspace creates it once).
    await (await store.beginImport({ files: [] })).rollback();
    const stamp = Date.now().toString(36);
    const warmup = await round(store, `w0${stamp}`, opts.serverPid);
    for (let i = 1; i < (opts.warmupRounds ?? 8); i++) await round(store, `w${i}${stamp}`, opts.serverPid);
    const rounds: RoundResult[] = [];
    for (let i = 0; i < Math.max(1, opts.measuredRounds ?? 5); i++) rounds.push(await round(store, `m${i}${stamp}`, opts.serverPid));
    return {
      serverVersion: store.serverVersion,
      nodes1k: medianTiming(rounds.map((r) => r.nodes1k)),
      edges10k: medianTiming(rounds.map((r) => r.edges10k)),
      update5k: medianTiming(rounds.map((r) => r.update5k)),
      rounds,
      warmup,
    };
  } finally {
    await store.close();
  }
}

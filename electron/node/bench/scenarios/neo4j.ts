/**
 * Neo4j store scenarios (`npm run bench -- neo4j`) against a real Neo4j 5.26 started here
 * (startNeo4j, the same server the tests use; tmpfs store). The three insert rows come from ONE
 * run of benchNeo4j (warm-up rounds first, then five measured rounds whose median is the figure),
 * so both JVMs (server, driver) are warm and the server is started once. The 3-hop row imports a 100K-node / 300K-edge random graph and times
 * k-hop queries from several start nodes. Every row reports client and server CPU time beside the
 * wall time: on a shared 2-core machine the wall time alone says little.
 */
import fs from 'node:fs';
import os from 'node:os';
import type { EdgeRecord, NodeRecord } from '../../../common/model';
import type { Scenario, ScenarioResult } from '../scenario';
import { benchNeo4j, type Neo4jBenchResult, type Timing } from '../../../../native/store/neo4j/bench-neo4j';
import { startNeo4j, type Neo4jTestServer } from '../../../../native/store/neo4j/test-server';
import { Neo4jStore } from '../../../../native/store/neo4j/neo4j-store';

let server: Promise<Neo4jTestServer> | undefined;
let inserts: Promise<Neo4jBenchResult> | undefined;

function theServer(): Promise<Neo4jTestServer> {
  if (!server) {
    server = startNeo4j({ heap: '2g' });
    let stopped = false;
    // Stop it when the bench has nothing left to do (the launcher also stops if we die).
    process.on('beforeExit', () => {
      if (stopped) return;
      stopped = true;
      void server!.then((s) => s.stop()).catch(() => undefined);
    });
  }
  return server;
}

/** Peak resident memory of a process (VmHWM), MB; undefined off Linux. */
function peakRssMB(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/** utime + stime of a process, seconds (Linux /proc; USER_HZ 100). */
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

async function insertRow(pick: (r: Neo4jBenchResult) => Timing, which: string): Promise<ScenarioResult> {
  const s = await theServer();
  inserts ??= benchNeo4j(s.uri, s.user, s.password, { serverPid: s.pid, warmupRounds: 8, measuredRounds: 5 });
  const r = await inserts;
  const t = pick(r);
  const cold = pick(r.warmup as Neo4jBenchResult);
  const walls = r.rounds.map((x) => pick(x as Neo4jBenchResult).seconds * 1000).sort((a, b) => a - b);
  const rss = peakRssMB(s.pid);
  return {
    ms: t.seconds * 1000,
    peakRssMB: rss !== undefined ? { neo4j: rss } : undefined,
    extra: {
      clientCpuMs: Math.round(t.clientCpuSeconds * 1000),
      serverCpuMs: t.serverCpuSeconds !== undefined ? Math.round(t.serverCpuSeconds * 1000) : 'n/a',
      medianOf: walls.length,
      minMs: Math.round(walls[0]),
      maxMs: Math.round(walls[walls.length - 1]),
      firstRoundMs: Math.round(cold.seconds * 1000),
      server: `Neo4j ${r.serverVersion}`,
      load1m: os.loadavg()[0].toFixed(1),
      what: which,
    },
  };
}

/** Deterministic random graph: n nodes, m edges (mulberry32), three node and three edge types. */
function randomGraph(n: number, m: number): { nodes: NodeRecord[]; edges: EdgeRecord[] } {
  let a = 0x9e3779b9;
  const rnd = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const types = ['entity', 'event', 'concept'];
  const nodes: NodeRecord[] = Array.from({ length: n }, (_, i) => ({ id: `h${i}`, name: `hop node ${i}`, type: types[i % 3], props: { rank: i } }));
  const edges: EdgeRecord[] = Array.from({ length: m }, (_, e) => ({
    id: `he${e}`,
    source: `h${Math.floor(rnd() * n)}`,
    target: `h${Math.floor(rnd() * n)}`,
    type: ['relates_to', 'causes', 'part_of'][e % 3],
    props: {},
  }));
  return { nodes, edges };
}

async function threeHop(): Promise<ScenarioResult> {
  const s = await theServer();
  const store = await Neo4jStore.connect({ uri: s.uri, user: s.user, password: s.password });
  try {
    const n = 100_000;
    const g = randomGraph(n, 300_000);
    const t0 = performance.now();
    const w = await store.beginImport({ files: ['hop-graph'] });
    for (let i = 0; i < g.nodes.length; i += 10_000) await w.write({ nodes: g.nodes.slice(i, i + 10_000), edges: [], bytesRead: 0 }, 'hop-graph');
    for (let i = 0; i < g.edges.length; i += 10_000) await w.write({ nodes: [], edges: g.edges.slice(i, i + 10_000), bytesRead: 0 }, 'hop-graph');
    await w.commit({ missingEndpoints: 'skip' });
    const importMs = performance.now() - t0;
    await store.kHop(['h0'], 3, 'both', { maxNodes: 100_000 }); // warm-up: query plans compiled once
    const times: number[] = [];
    let reached = 0;
    const c0 = process.cpuUsage();
    const s0 = cpuSeconds(s.pid);
    for (const start of ['h1', 'h1001', 'h20002', 'h50003', 'h99004']) {
      const t = performance.now();
      const r = await store.kHop([start], 3, 'both', { maxNodes: 100_000 });
      times.push(performance.now() - t);
      reached += r.nodes.length;
    }
    const c = process.cpuUsage(c0);
    const serverCpuMs = Math.round((cpuSeconds(s.pid) - s0) * 1000);
    times.sort((x, y) => x - y);
    const rss = peakRssMB(s.pid);
    return {
      ms: times[2],
      peakRssMB: rss !== undefined ? { neo4j: rss } : undefined,
      extra: {
        medianOf: 5,
        minMs: Math.round(times[0]),
        maxMs: Math.round(times[4]),
        avgNodesReached: Math.round(reached / 5),
        clientCpuMsPerQuery: Math.round((c.user + c.system) / 1000 / 5),
        serverCpuMsPerQuery: Math.round(serverCpuMs / 5),
        importMs: Math.round(importMs),
        load1m: os.loadavg()[0].toFixed(1),
      },
    };
  } finally {
    await store.close();
  }
}

export const scenarios: Scenario[] = [
  {
    group: 'neo4j',
    name: 'Insert 1K nodes',
    size: '1K nodes',
    seed: { text: '0.45 s', ms: 450 },
    target: { text: '<= 0.2 s', ms: 200 },
    quick: true,
    run: () => insertRow((r) => r.nodes1k, '1,000 new nodes, beginImport to commit'),
  },
  {
    group: 'neo4j',
    name: 'Insert 10K edges',
    size: '10K edges / 1K nodes',
    seed: { text: '1.8 s', ms: 1800 },
    target: { text: '<= 1 s', ms: 1000 },
    quick: true,
    run: () => insertRow((r) => r.edges10k, '10,000 edges between existing nodes'),
  },
  {
    group: 'neo4j',
    name: 'Batch update 5K',
    size: '5K nodes',
    seed: { text: '2.6 s', ms: 2600 },
    target: { text: '<= 1 s', ms: 1000 },
    quick: true,
    run: () => insertRow((r) => r.update5k, '5,000 property updates of committed nodes'),
  },
  {
    group: 'neo4j',
    name: '3-hop from a node',
    size: '100K nodes / 300K edges',
    quick: false,
    run: threeHop,
  },
];

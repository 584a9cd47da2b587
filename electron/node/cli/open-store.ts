/**
 * `--store sqlite|neo4j` for the CLI commands (import, stats, query): one place that opens the
 * chosen GraphStore and answers multi-hop queries on Neo4j in the shapes the SQLite graph engine
 * returns, so each command prints the same way whichever store answered.
 * Neo4j settings come from NEO4J_URI, NEO4J_USER (default neo4j), NEO4J_PASSWORD, NEO4J_DATABASE.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../common/errors';
import type { Neo4jContext } from '../../common/protocol';
import type { KHopResult, PathResult, PprResult, QueryEdge } from '../../common/protocol/query';
import type { z } from 'zod';
import type { KHopParamsSchema, PathParamsSchema, PprParamsSchema } from '../../common/protocol/query';
import type { GraphEdge, GraphNode } from '../../common/model';
import type { GraphStore } from '../../../native/store/graph-store';
import { SqliteStore } from '../../../native/store/sqlite/sqlite-store';
import { databasePath } from '../../../native/store/sqlite/open';
import type { Neo4jStore } from '../../../native/store/neo4j/neo4j-store';
import { connectNeo4jStore } from '../../../native/worker/neo4j-stores';

export type StoreKind = 'sqlite' | 'neo4j';

/** The `--store` value, checked (default sqlite). */
export function storeKindOf(values: Record<string, unknown>): StoreKind {
  const v = (values.store as string | undefined) ?? 'sqlite';
  if (v !== 'sqlite' && v !== 'neo4j') throw new WorkbenchError('BAD_REQUEST', `--store must be sqlite or neo4j, not "${v}"`, { value: v });
  return v;
}

/** Neo4j settings from the environment; a usage error naming the variables when NEO4J_URI is unset. */
export function neo4jSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): Neo4jContext {
  if (!env.NEO4J_URI) {
    throw new WorkbenchError('BAD_REQUEST', '--store neo4j needs NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, optionally NEO4J_DATABASE) in the environment', {
      expected: 'NEO4J_URI=bolt://host:7687',
    });
  }
  return { uri: env.NEO4J_URI, user: env.NEO4J_USER || 'neo4j', password: env.NEO4J_PASSWORD ?? '', database: env.NEO4J_DATABASE || undefined };
}

export function openNeo4jFromEnv(): Promise<Neo4jStore> {
  return connectNeo4jStore(neo4jSettingsFromEnv());
}

/**
 * The store a command works on. SQLite: the workspace folder (`mustExist` for read-only commands,
 * which must not create an empty workspace by mistake). Neo4j: the server from the environment.
 */
export async function openStore(opts: { store: StoreKind; workspace?: string; mustExist?: boolean }): Promise<GraphStore> {
  if (opts.store === 'neo4j') return openNeo4jFromEnv();
  if (!opts.workspace) throw new WorkbenchError('BAD_REQUEST', '--workspace <dir> is required (or --store neo4j)');
  const dir = path.resolve(opts.workspace);
  if (opts.mustExist && !fs.existsSync(databasePath(dir))) {
    throw new WorkbenchError('NO_WORKSPACE', `${dir} is not a workspace (no ${path.basename(databasePath(dir))} in it)`, { file: dir });
  }
  return new SqliteStore(dir);
}

/* ---------------- Multi-hop on Neo4j, in the graph engine's result shapes ---------------- */

const info = (n: GraphNode) => ({ id: n.id, name: n.name, type: n.type });
const edge = (e: GraphEdge): QueryEdge => ({ id: e.id, source: e.source, target: e.target, type: e.type });

export async function neo4jKHop(store: Neo4jStore, p: z.output<typeof KHopParamsSchema>): Promise<KHopResult> {
  if (p.edgeTypes?.length || p.nodeTypes?.length) throw new WorkbenchError('BAD_REQUEST', 'Type filters are not supported on the Neo4j store yet');
  const t = performance.now();
  const r = await store.kHop(p.ids, p.hops, p.direction, { maxNodes: p.maxNodes });
  const out: KHopResult = {
    nodes: r.nodes.map((n) => ({ ...info(n), hop: r.hops[n.id] ?? 0 })).sort((a, b) => a.hop - b.hop || (a.id < b.id ? -1 : 1)),
    edges: r.edges.map(edge),
    ms: 0,
  };
  if (r.truncated) {
    out.truncated = { omitted: r.truncated.omitted, reason: r.truncated.reason, reasons: [r.truncated.reason], cappedNodes: [], cappedCount: 0, message: `${r.truncated.omitted} more left out: ${r.truncated.reason}` };
  }
  out.ms = performance.now() - t;
  return out;
}

export async function neo4jPath(store: Neo4jStore, p: z.output<typeof PathParamsSchema>): Promise<PathResult> {
  if (p.weightProperty || p.edgeTypes?.length) throw new WorkbenchError('BAD_REQUEST', 'Weighted or type-filtered paths are not supported on the Neo4j store yet');
  const t = performance.now();
  const r = await store.shortestPath(p.from, p.to, { direction: p.direction, maxHops: 15 });
  if (!r) return { found: false, nodes: [], edges: [], hops: 0, ms: performance.now() - t };
  return { found: true, nodes: r.nodes.map(info), edges: r.edges.map(edge), hops: r.edges.length, ms: performance.now() - t };
}

export async function neo4jPpr(store: Neo4jStore, p: z.output<typeof PprParamsSchema>): Promise<PprResult> {
  const t = performance.now();
  const seeds = p.seeds.map((id, i) => ({ id, weight: p.weights?.[i] ?? 1 }));
  const hits = await store.ppr(seeds, p.k + (p.excludeSeeds ? p.seeds.length : 0), { iterations: p.iterations, alpha: 1 - p.damping });
  const seedSet = new Set(p.seeds);
  const nodes = (p.excludeSeeds ? hits.filter((h) => !seedSet.has(h.id)) : hits).slice(0, p.k);
  return {
    seeds: hits.filter((h) => seedSet.has(h.id)),
    nodes,
    edges: (await store.edgesAmong(nodes.map((n) => n.id), 5000)).map(edge),
    iterations: p.iterations,
    delta: 0,
    ms: performance.now() - t,
  };
}

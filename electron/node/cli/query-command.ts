/**
 * `kgw query khop|path|paths|ppr` and `kgw retrieve`: the graph worker's queries run in this process
 * (adjacency loaded from the workspace once per command), with the same params and results as the
 * API, so `--json` prints what the UI gets.
 */
import path from 'node:path';
import { SqliteStore } from '../../../native/store/sqlite/sqlite-store';
import { GraphCache } from '../../../native/query/graph-cache';
import type { WorkspaceGraph } from '../../../native/query/workspace-graph';
import { runKHop, runPath, runPaths, runPpr } from '../../../native/query/run-queries';
import { runSpread } from '../../../native/query/spread';
import { EmbedderCache } from '../../../native/similarity/embedder-cache';
import { locateModel } from '../../../native/similarity/model-location';
import { validateModelDir } from '../../../native/embed/model-manager';
import { SimilarityService } from '../../../native/similarity/similarity-service';
import {
  KHopParamsSchema, PathParamsSchema, PathsParamsSchema, PprParamsSchema, RetrieveParamsSchema, SpreadParamsSchema,
} from '../../common/protocol/query';
import { WorkbenchError } from '../../common/errors';
import { printResult, processIO, type CliIO } from './output';
import type { Command } from './main';
import { openNeo4jFromEnv, storeKindOf } from './open-store';
import type { Neo4jStore } from '../../../native/store/neo4j/neo4j-store';

/** Loaded with `--store neo4j` only (it pulls in neo4j-driver, ~150 ms of CPU at every start). */
const neo4jQueries = () => import('../../../native/store/neo4j/protocol-queries');

export const QUERY_USAGE = `  query khop --workspace <dir> --id <id> [--hops 2] [--direction out|in|both]   k-hop neighbourhood
  query path --workspace <dir> --from <a> --to <b> [--direction D] [--weight <prop>]   shortest path
  query paths --workspace <dir> --from <a> --to <b> [--hops 4] [-k 100]   all simple paths (length <= hops)
  query ppr --workspace <dir> --seeds <a,b> [-k 20]   personalised PageRank, top k
  retrieve --workspace <dir> --text "..." [-k 10] [--model <folder>]   seeds by similarity -> PPR -> passages`;

type Values = Record<string, unknown>;

function int(values: Values, name: string, fallback?: number): number | undefined {
  const raw = values[name] as string | undefined;
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new WorkbenchError('BAD_REQUEST', `--${name} must be a whole number, not "${raw}"`, { value: raw });
  return n;
}

function required(values: Values, name: string, what: string): string {
  const v = values[name] as string | undefined;
  if (!v) throw new WorkbenchError('BAD_REQUEST', `${what} needs --${name}`);
  return v;
}

/** Schema errors become usage errors that name the option. */
function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } } }, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new WorkbenchError('BAD_REQUEST', r.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; '));
}

async function withGraph<T>(workspace: string, fn: (g: WorkspaceGraph, store: SqliteStore) => Promise<T> | T): Promise<T> {
  const store = new SqliteStore(path.resolve(workspace));
  try {
    const g = await new GraphCache().get(store.workspaceDir, () => store.db);
    return await fn(g, store);
  } finally {
    await store.close();
  }
}

/** `--store neo4j`: the query runs on the server (NEO4J_* env) instead of the workspace's adjacency. */
async function onNeo4j<T>(fn: (store: Neo4jStore) => Promise<T>): Promise<T> {
  const store = await openNeo4jFromEnv();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function khop(values: Values, io: CliIO): Promise<void> {
  const params = parse(KHopParamsSchema, {
    ids: required(values, 'id', 'query khop').split(','),
    hops: int(values, 'hops'),
    direction: values.direction,
  });
  const r = storeKindOf(values) === 'neo4j' ? await onNeo4j(async (s) => (await neo4jQueries()).neo4jKHop(s, params)) : await withGraph(values.workspace as string, (g) => runKHop(g, params));
  printResult(io, r, () => [
    `${r.nodes.length} nodes, ${r.edges.length} edges within ${params.hops} hops (${r.ms.toFixed(1)} ms)`,
    ...r.nodes.map((n) => `  ${n.hop}  ${n.name}  [${n.type}]  ${n.id}`),
    ...(r.truncated ? [`  truncated: ${r.truncated.message}`] : []),
  ]);
}

async function pathQuery(values: Values, io: CliIO): Promise<void> {
  const params = parse(PathParamsSchema, {
    from: required(values, 'from', 'query path'),
    to: required(values, 'to', 'query path'),
    direction: values.direction,
    weightProperty: values.weight,
  });
  const r = storeKindOf(values) === 'neo4j' ? await onNeo4j(async (s) => (await neo4jQueries()).neo4jPath(s, params)) : await withGraph(values.workspace as string, (g) => runPath(g, params));
  printResult(io, r, () =>
    r.found
      ? [`${r.hops} hops${r.cost !== undefined ? `, cost ${r.cost}` : ''} (${r.ms.toFixed(1)} ms)`, ...r.nodes.map((n, i) => `  ${i ? `-[${r.edges[i - 1].type}]- ` : ''}${n.name}  ${n.id}`)]
      : [`No path from ${params.from} to ${params.to} (direction ${params.direction}).`],
  );
}

async function pathsQuery(values: Values, io: CliIO): Promise<void> {
  const params = parse(PathsParamsSchema, {
    from: required(values, 'from', 'query paths'),
    to: required(values, 'to', 'query paths'),
    maxLength: int(values, 'hops'),
    maxResults: int(values, 'k'),
    direction: values.direction,
  });
  const r = await withGraph(values.workspace as string, (g) => runPaths(g, params));
  const name = new Map(r.nodes.map((n) => [n.id, n.name]));
  printResult(io, r, () => [
    `${r.paths.length} path(s)${r.truncated ? ' (more exist: raise -k)' : ''} (${r.ms.toFixed(1)} ms)`,
    ...r.paths.map((p) => `  ${p.nodes.map((id) => name.get(id) ?? id).join(' - ')}`),
  ]);
}

async function ppr(values: Values, io: CliIO): Promise<void> {
  const params = parse(PprParamsSchema, {
    seeds: required(values, 'seeds', 'query ppr').split(','),
    k: int(values, 'k'),
    direction: values.direction,
  });
  const r = storeKindOf(values) === 'neo4j' ? await onNeo4j(async (s) => (await neo4jQueries()).neo4jPpr(s, params)) : await withGraph(values.workspace as string, (g) => runPpr(g, params));
  printResult(io, r, () => [
    `Top ${r.nodes.length} by personalised PageRank (${r.iterations} iterations, ${r.ms.toFixed(1)} ms)`,
    ...r.nodes.map((n, i) => `${String(i + 1).padStart(4)}. ${n.score.toFixed(5)}  ${n.name}  [${n.type}]  ${n.id}`),
  ]);
}

async function retrieve(values: Values, io: CliIO): Promise<void> {
  const params = parse(RetrieveParamsSchema, { text: required(values, 'text', 'retrieve'), k: int(values, 'k') });
  const folder = values.model ? validateModelDir(values.model as string) : locateModel();
  const embedders = new EmbedderCache();
  try {
    const t0 = performance.now();
    const embedder = await embedders.get(folder);
    const query = await embedder.embed([params.text]);
    const r = await withGraph(values.workspace as string, (g, store) => {
      const service = new SimilarityService(store.db, store.workspaceDir);
      let hits;
      try {
        hits = service.searchVector(query, embedder.modelId, { k: params.seedK });
      } finally {
        service.flush();
      }
      if (hits.length === 0) throw new WorkbenchError('NOT_FOUND', 'No embedded nodes to pick seeds from: run `kgw embed --workspace <dir>` first.');
      const t1 = performance.now();
      const spread = runSpread(g, parse(SpreadParamsSchema, { seeds: hits.map((h) => ({ id: h.id, score: h.score })), k: params.k, passages: params.passages }));
      const t2 = performance.now();
      return { ...spread, text: params.text, timings: { searchMs: t1 - t0, spreadMs: t2 - t1, totalMs: t2 - t0 } };
    });
    printResult(io, r, () => [
      'Seeds (similarity):',
      ...r.seeds.map((s) => `  ${s.score.toFixed(3)}  ${s.name}  [${s.type}]`),
      'Answers (personalised PageRank):',
      ...r.answers.map((a, i) => `${String(i + 1).padStart(4)}. ${a.score.toFixed(5)}  ${a.name}  [${a.type}]`),
      'Passages:',
      ...r.passages.map((p) => `  ${p.score.toFixed(5)}  ${p.text.replace(/\s+/g, ' ').slice(0, 100)}`),
    ]);
  } finally {
    await embedders.drop();
  }
}

const subcommands: Record<string, (values: Values, io: CliIO) => Promise<void>> = { khop, path: pathQuery, paths: pathsQuery, ppr };

function workspaceOf(values: Values): string {
  if (!values.workspace) throw new WorkbenchError('BAD_REQUEST', '--workspace <dir> is required');
  return values.workspace as string;
}

/** Registered in main.ts: `query <khop|path|paths|ppr>` and `retrieve`. */
export const queryCommands: Record<string, Command> = {
  query: ({ positionals, values }, json) => {
    const sub = subcommands[positionals[0] ?? ''];
    if (!sub) throw new WorkbenchError('BAD_REQUEST', `query needs one of: ${Object.keys(subcommands).join(', ')}`);
    if (storeKindOf(values) === 'neo4j') {
      if (positionals[0] === 'paths') throw new WorkbenchError('BAD_REQUEST', 'query paths is not available with --store neo4j (khop, path and ppr are)');
    } else workspaceOf(values);
    return sub(values, processIO(json));
  },
  retrieve: ({ values }, json) => {
    workspaceOf(values);
    return retrieve(values, processIO(json));
  },
};

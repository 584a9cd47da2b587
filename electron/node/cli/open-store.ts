/**
 * `--store sqlite|neo4j` for the CLI commands (import, stats, query): one place that opens the
 * chosen GraphStore. Multi-hop queries on Neo4j are the graph worker's own
 * (native/store/neo4j/protocol-queries.ts), so each command prints the same way whichever store answered.
 * Neo4j settings come from NEO4J_URI, NEO4J_USER (default neo4j), NEO4J_PASSWORD, NEO4J_DATABASE.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../common/errors';
import type { Neo4jContext } from '../../common/protocol';
import type { GraphStore } from '../../../native/store/graph-store';
import { SqliteStore } from '../../../native/store/sqlite/sqlite-store';
import { databasePath } from '../../../native/store/sqlite/open';
import type { Neo4jStore } from '../../../native/store/neo4j/neo4j-store';

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

/** neo4j-driver is loaded only here: evaluating it cost every `kgw` start ~150 ms of CPU. */
export async function openNeo4jFromEnv(): Promise<Neo4jStore> {
  const settings = neo4jSettingsFromEnv();
  const { connectNeo4jStore } = await import('../../../native/worker/neo4j-stores');
  return connectNeo4jStore(settings);
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

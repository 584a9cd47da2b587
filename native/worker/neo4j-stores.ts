/**
 * Worker-side Neo4j stores: one connection pool per (server, user, database, password) the host
 * hands over in the call context, opened on first use and shared by every call. The password lives
 * only in this process's memory (the key is a hash, never the password itself) and is never logged.
 */
import { createHash } from 'node:crypto';
import type { Node as DriverNode } from 'neo4j-driver';
import type { Subgraph } from '../../electron/common/model';
import { WorkbenchError } from '../../electron/common/errors';
import type { Neo4jContext } from '../../electron/common/protocol';
import { Neo4jStore } from '../store/neo4j/neo4j-store';
import { cypherInt } from '../store/neo4j/connection';
import { toGraphNode } from '../store/neo4j/records';
import { VIS_PRELUDE, visible } from '../store/neo4j/visibility';

const stores = new Map<string, Promise<Neo4jStore>>();

function keyOf(c: Neo4jContext): string {
  return createHash('sha256').update(JSON.stringify([c.uri, c.user, c.database ?? '', c.password])).digest('hex');
}

/**
 * WORKAROUND (remove once native/store/neo4j fixes it): Neo4jStore.overview() names a variable
 * `all`, which Cypher parses as the all() predicate ("Insufficient parameters for function
 * 'size'"), so every overview fails. Same query with the variable renamed.
 */
export async function overviewOf(store: Neo4jStore, limit: number): Promise<Subgraph> {
  const top = await store.conn.read<{ n: DriverNode<number>; deg: number; total: number }>(
    `${VIS_PRELUDE}
     MATCH (n:Node) WHERE ${visible('n')}
     WITH n, COUNT { (n)--() } AS deg ORDER BY deg DESC, n.id
     WITH collect({n: n, deg: deg}) AS ranked
     UNWIND ranked[0..$limit] AS row
     RETURN row.n AS n, row.deg AS deg, size(ranked) AS total`,
    { limit: cypherInt(limit) }, 'reading the overview');
  const nodes = top.records.map((r) => toGraphNode(r.get('n'), r.get('deg')));
  const total = top.records[0]?.get('total') ?? 0;
  const edgeCap = Math.max(1, limit * 20);
  const edges = await store.edgesAmong(nodes.map((n) => n.id), edgeCap + 1);
  const sub: Subgraph = { nodes, edges: edges.slice(0, edgeCap) };
  if (total > nodes.length) sub.truncated = { omitted: total - nodes.length, reason: `overview shows the ${nodes.length} highest-degree nodes` };
  else if (edges.length > edgeCap) sub.truncated = { omitted: edges.length - edgeCap, reason: `edge cap ${edgeCap}` };
  return sub;
}

/** Connects (NEO4J_UNAVAILABLE / NEO4J_AUTH / NEO4J_VERSION on failure) and patches the overview. */
export async function connectNeo4jStore(c: Neo4jContext): Promise<Neo4jStore> {
  const store = await Neo4jStore.connect({ uri: c.uri, user: c.user, password: c.password, database: c.database || undefined });
  store.overview = (limit: number) => overviewOf(store, limit);
  return store;
}

export function neo4jStoreFor(c: Neo4jContext | undefined): Promise<Neo4jStore> {
  if (!c) throw new WorkbenchError('NEO4J_UNAVAILABLE', 'This workspace is stored in Neo4j but no connection settings were given: open the Neo4j settings and connect');
  const key = keyOf(c);
  let store = stores.get(key);
  if (!store) {
    // New settings replace the old ones: one pool per worker at a time.
    dropNeo4jStores();
    store = connectNeo4jStore(c);
    stores.set(key, store);
    // A failed connect is forgotten, so the next call tries again (the server may be back).
    store.catch(() => stores.delete(key));
  }
  return store;
}

/** Closes every pool (settings changed). */
export function dropNeo4jStores(): void {
  for (const p of stores.values()) void p.then((s) => s.close()).catch(() => undefined);
  stores.clear();
}

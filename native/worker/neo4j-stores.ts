/**
 * Worker-side Neo4j stores: one connection pool per (server, user, database, password) the host
 * hands over in the call context, opened on first use and shared by every call. The password lives
 * only in this process's memory (the key is a hash, never the password itself) and is never logged.
 */
import { createHash } from 'node:crypto';
import { WorkbenchError } from '../../electron/common/errors';
import type { Neo4jContext } from '../../electron/common/protocol';
import { Neo4jStore } from '../store/neo4j/neo4j-store';

const stores = new Map<string, Promise<Neo4jStore>>();

function keyOf(c: Neo4jContext): string {
  return createHash('sha256').update(JSON.stringify([c.uri, c.user, c.database ?? '', c.password])).digest('hex');
}

/** Connects (NEO4J_UNAVAILABLE / NEO4J_AUTH / NEO4J_VERSION on failure). */
export async function connectNeo4jStore(c: Neo4jContext): Promise<Neo4jStore> {
  return Neo4jStore.connect({ uri: c.uri, user: c.user, password: c.password, database: c.database || undefined });
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

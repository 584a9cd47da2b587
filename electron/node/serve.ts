/**
 * `npm run serve`: the workbench without Electron, in any browser. Prints the URL with its token.
 *   --port N        listen port (default: a free one)
 *   --host ADDR     bind address (default 127.0.0.1; anything else is the user's explicit choice)
 *   --data DIR      user-data folder (default: the OS user-data dir, or KGW_DATA_DIR)
 *   --allow DIR     a folder whose files and workspaces the browser may name (repeatable)
 *   --store neo4j   workspaces not switched yet use the Neo4j server named by NEO4J_URI,
 *                   NEO4J_USER (default neo4j), NEO4J_PASSWORD, NEO4J_DATABASE; checked at start
 */
import { parseArgs } from 'node:util';
import { startHeadless } from './headless/server';
import { defaultDataDir } from './host/app-paths';
import { Neo4jStore } from '../../native/store/neo4j/neo4j-store';

/** Fails fast, with the store's clear error (unreachable, credentials, version), before serving. */
async function checkNeo4jEnv(): Promise<string> {
  const { NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password, NEO4J_DATABASE: database } = process.env;
  if (!uri) throw new Error('--store neo4j needs NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD) in the environment');
  const store = await Neo4jStore.connect({ uri, user: user || 'neo4j', password: password ?? '', database: database || undefined });
  try {
    await store.stats(); // the database must exist and answer, not just the server
    return `Neo4j ${store.serverVersion} at ${uri}`;
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      allow: { type: 'string', multiple: true },
      token: { type: 'string' },
      store: { type: 'string' },
    },
  });
  if (values.store !== undefined && values.store !== 'sqlite' && values.store !== 'neo4j') throw new Error(`--store must be sqlite or neo4j, not "${values.store}"`);
  const defaultStore = values.store as 'sqlite' | 'neo4j' | undefined;
  if (defaultStore === 'neo4j') console.log(`Workspaces use ${await checkNeo4jEnv()}`);
  const server = await startHeadless({
    port: values.port ? Number(values.port) : 0,
    host: values.host,
    dataDir: values.data ?? defaultDataDir(),
    allow: values.allow,
    token: values.token ?? process.env.KGW_TOKEN,
    defaultStore,
  });
  console.log(`KG Workbench at ${server.url}`);
  const shutdown = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  console.error(`kg-workbench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

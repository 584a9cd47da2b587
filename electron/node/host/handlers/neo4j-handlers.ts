/**
 * neo4j.*: connection settings, "test connection", and switching the open workspace between its
 * own SQLite file and a Neo4j database. Settings without the password are kept in
 * `<dataDir>/neo4j.json`; the password goes to a SecretStore (desktop: Electron safeStorage, see
 * electron-main/credentials.ts; headless: this process's memory only). With nothing saved, the
 * NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE environment variables are used.
 * The password is never logged, never put in an error, never sent back to the renderer.
 * Which store a workspace uses is a marker file in the workspace folder (store.json).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Neo4jContext, Neo4jSettingsInput, Neo4jSettingsView, Neo4jTestResult, WorkspaceInfo } from '../../../common/protocol';
import { WorkbenchError } from '../../../common/errors';
import { Neo4jStore } from '../../../../native/store/neo4j/neo4j-store';
import type { Host } from '../host';
import type { HostHandler } from './types';

/** Where a password is kept between runs; `persisted` false means for this session only. */
export interface SecretStore {
  readonly persisted: boolean;
  load(): string | undefined;
  save(secret: string): void;
  clear(): void;
}

/** Headless default: the password lives in memory until the process ends. */
export class MemorySecretStore implements SecretStore {
  readonly persisted = false;
  private secret: string | undefined;
  load(): string | undefined {
    return this.secret;
  }
  save(secret: string): void {
    this.secret = secret;
  }
  clear(): void {
    this.secret = undefined;
  }
}

interface SavedSettings {
  uri: string;
  user: string;
  database?: string;
}

const secretStores = new WeakMap<Host, SecretStore>();

/** The desktop host installs its safeStorage-backed store here right after creating the host. */
export function useSecretStore(host: Host, store: SecretStore): void {
  secretStores.set(host, store);
}

function secretsOf(host: Host): SecretStore {
  let s = secretStores.get(host);
  if (!s) secretStores.set(host, (s = new MemorySecretStore()));
  return s;
}

const settingsFile = (host: Host) => path.join(host.opts.dataDir, 'neo4j.json');

function readSaved(host: Host): SavedSettings | null {
  try {
    const raw = JSON.parse(fs.readFileSync(settingsFile(host), 'utf8')) as Partial<SavedSettings>;
    return typeof raw.uri === 'string' && typeof raw.user === 'string' ? { uri: raw.uri, user: raw.user, database: raw.database || undefined } : null;
  } catch {
    return null;
  }
}

function fromEnv(): Neo4jContext | null {
  const { NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password, NEO4J_DATABASE: database } = process.env;
  if (!uri) return null;
  return { uri, user: user || 'neo4j', password: password ?? '', database: database || undefined };
}

/** The settings in force: saved ones (with the stored password), else the environment's. */
export function currentNeo4jContext(host: Host): Neo4jContext | null {
  const saved = readSaved(host);
  if (saved) return { ...saved, password: secretsOf(host).load() ?? '' };
  return fromEnv();
}

function view(host: Host): Neo4jSettingsView {
  const saved = readSaved(host);
  const env = fromEnv();
  const persisted = secretsOf(host).persisted;
  if (saved) return { ...saved, hasPassword: Boolean(secretsOf(host).load()), source: 'saved', passwordPersisted: persisted };
  if (env) return { uri: env.uri, user: env.user, database: env.database, hasPassword: env.password !== '', source: 'env', passwordPersisted: true };
  return { uri: '', user: 'neo4j', hasPassword: false, source: 'none', passwordPersisted: persisted };
}

/** Params over the settings in force: an omitted password keeps the known one for the same server and user. */
function merged(host: Host, p: Partial<Neo4jSettingsInput>): Neo4jContext {
  const base = currentNeo4jContext(host);
  const uri = p.uri ?? base?.uri;
  const user = p.user ?? base?.user;
  if (!uri || !user) throw new WorkbenchError('BAD_REQUEST', 'Enter the Neo4j address (bolt://host:7687) and user first', { expected: 'uri and user' });
  const sameAccount = base && base.uri === uri && base.user === user;
  const password = p.password ?? (sameAccount ? base.password : '');
  const database = p.database !== undefined ? p.database || undefined : base?.database;
  return { uri, user, password, database };
}

function save(host: Host, p: Neo4jSettingsInput): void {
  const next = merged(host, p);
  const file = settingsFile(host);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(tmp, JSON.stringify({ uri: next.uri, user: next.user, database: next.database }, null, 2));
  fs.renameSync(tmp, file);
  if (next.password) secretsOf(host).save(next.password);
  else secretsOf(host).clear();
}

async function test(ctx: Neo4jContext): Promise<Neo4jTestResult> {
  const t = performance.now();
  const store = await Neo4jStore.connect({ uri: ctx.uri, user: ctx.user, password: ctx.password, database: ctx.database });
  try {
    // The database must exist and answer, not just the server.
    await store.stats();
    return { ok: true, serverVersion: store.serverVersion, ms: Math.round(performance.now() - t) };
  } finally {
    await store.close();
  }
}

/* ---------------- Which store a workspace uses ---------------- */

const markerOf = (dir: string) => path.join(dir, 'store.json');

/** The store the workspace folder was switched to; `fallback` (default 'sqlite') when it never was. */
export function workspaceStoreChoice(dir: string, fallback: 'sqlite' | 'neo4j' = 'sqlite'): 'sqlite' | 'neo4j' {
  try {
    const store = (JSON.parse(fs.readFileSync(markerOf(dir), 'utf8')) as { store?: string }).store;
    return store === 'neo4j' || store === 'sqlite' ? store : fallback;
  } catch {
    return fallback;
  }
}

/** SQLite is marked too, so switching back sticks when the host defaults to Neo4j (`--store neo4j`). */
function markWorkspace(dir: string, store: 'sqlite' | 'neo4j'): void {
  fs.writeFileSync(markerOf(dir), JSON.stringify({ store }, null, 2));
}

/** The Neo4j part of the worker context (undefined for SQLite workspaces). */
export function neo4jWorkerContext(host: Host): Neo4jContext | undefined {
  return host.workspace?.store === 'neo4j' ? (currentNeo4jContext(host) ?? undefined) : undefined;
}

async function switchStore(host: Host, store: 'sqlite' | 'neo4j'): Promise<WorkspaceInfo> {
  const ws = host.workspace;
  if (!ws) throw new WorkbenchError('NO_WORKSPACE', 'Open or create a workspace first, then switch it to Neo4j');
  const previous = ws.store;
  host.setWorkspace({ ...ws, store }, { silent: true });
  try {
    const stats = (await host.callWorker('store', 'graph.stats', {})) as { nodes: number; edges: number };
    markWorkspace(ws.path, store);
    const info = { ...ws, store, nodes: stats.nodes, edges: stats.edges };
    // Workers holding derived state of the other store (adjacency, vectors) drop it.
    host.supervisor.invalidate(ws.path);
    host.setWorkspace(info);
    return info;
  } catch (err) {
    host.setWorkspace({ ...ws, store: previous }, { silent: true });
    throw err;
  }
}

export const neo4jHandlers: Record<string, HostHandler> = {
  'neo4j.settings': (_p, host) => view(host),
  'neo4j.saveSettings': (p: Neo4jSettingsInput, host) => {
    save(host, p);
    return view(host);
  },
  'neo4j.test': (p: Partial<Neo4jSettingsInput>, host) => test(merged(host, p)),
  'neo4j.connect': async (p: Partial<Neo4jSettingsInput>, host) => {
    const ctx = merged(host, p);
    await test(ctx); // the clear error (unreachable, credentials, version) before anything changes
    if (p.uri || p.user || p.password !== undefined || p.database !== undefined) save(host, { ...ctx, password: ctx.password || undefined });
    return switchStore(host, 'neo4j');
  },
  'neo4j.disconnect': (_p, host) => switchStore(host, 'sqlite'),
  'neo4j.forget': (_p, host) => {
    fs.rmSync(settingsFile(host), { force: true });
    secretsOf(host).clear();
    return { ok: true };
  },
};

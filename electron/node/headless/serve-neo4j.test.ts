/**
 * `npm run serve -- --store neo4j` for real: the built dist/node/serve.js against a REAL Neo4j 5.26
 * (startNeo4j), driven over its WebSocket. A new workspace uses the server named by NEO4J_*; the
 * query panel's methods (query.load / khop / path / paths / ppr) are answered there by the graph
 * worker in Cypher. Missing env and bad credentials stop the server before it serves, with a
 * clear message and no password echoed. Skipped only when java/mvn are missing outside CI.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Neo4jStore } from '../../../native/store/neo4j/neo4j-store';
import { moviesBatch } from '../../../native/store/neo4j/test-data';
import { neo4jSkipReason, startNeo4j, type Neo4jTestServer } from '../../../native/store/neo4j/test-server';
import { TestClient } from './test-client';

const serveJs = path.resolve(__dirname, '../../../dist/node/serve.js');
const skipReason = neo4jSkipReason();
if (skipReason) console.warn(skipReason);

/** Env without any NEO4J_* the machine may have set. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('NEO4J_')) delete env[k];
  return { ...env, ...extra };
}

/** Starts serve.js and resolves with its URL line, or rejects with its output when it exits first. */
function serve(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: URL; out: string }> {
  const child = spawn(process.execPath, [serveJs, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /KG Workbench at (\S+)/.exec(out);
      if (m) resolve({ child, url: new URL(m[1]), out });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}

describe.skipIf(skipReason !== null)(skipReason ?? 'npm run serve -- --store neo4j on a real Neo4j 5 server', () => {
  let neo: Neo4jTestServer;
  let dataDir: string;
  let served: { child: ChildProcess; url: URL; out: string } | undefined;
  let client: TestClient | undefined;

  beforeAll(async () => {
    neo = await startNeo4j();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-serve-neo4j-'));
    const store = await Neo4jStore.connect({ uri: neo.uri, user: neo.user, password: neo.password });
    try {
      const w = await store.beginImport({ files: ['movies.csv'] });
      await w.write(moviesBatch(), 'movies.csv');
      await w.commit({ missingEndpoints: 'skip' });
    } finally {
      await store.close();
    }
  });

  afterAll(async () => {
    client?.close();
    if (served && served.child.exitCode === null) {
      const exited = new Promise((r) => served!.child.once('exit', r));
      served.child.kill('SIGTERM');
      await exited;
    }
    await neo?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to start without NEO4J_URI or with bad credentials, saying why', () => {
    const noEnv = spawnSync(process.execPath, [serveJs, '--store', 'neo4j', '--data', dataDir], { env: cleanEnv({}), encoding: 'utf8', timeout: 60_000 });
    expect(noEnv.status).toBe(1);
    expect(noEnv.stderr).toContain('NEO4J_URI');
    const bad = spawnSync(process.execPath, [serveJs, '--store', 'neo4j', '--data', dataDir], {
      env: cleanEnv({ NEO4J_URI: neo.uri, NEO4J_USER: neo.user, NEO4J_PASSWORD: 'wrong-secret-123' }), encoding: 'utf8', timeout: 60_000,
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/refused the credentials/);
    expect(bad.stderr + bad.stdout).not.toContain('wrong-secret-123');
  });

  it('serves workspaces stored in Neo4j and answers the query panel there', async () => {
    served = await serve(['--store', 'neo4j', '--data', dataDir, '--token', 'serve-neo4j-test-token'], cleanEnv({ NEO4J_URI: neo.uri, NEO4J_USER: neo.user, NEO4J_PASSWORD: neo.password }));
    expect(served.out).toMatch(/Workspaces use Neo4j 5\.26\.\d+ at bolt:\/\/127\.0\.0\.1:\d+/);
    expect(served.out).not.toContain(neo.password);
    client = await TestClient.connect(served.url.origin, 'serve-neo4j-test-token');

    const ws = await client.call<{ store: string; nodes: number; edges: number }>('workspace.open', {});
    expect(ws).toMatchObject({ store: 'neo4j', nodes: 6, edges: 9 });
    expect(await client.job('query.load', {})).toMatchObject({ loaded: true, nodes: 6, edges: 9 });

    const k = await client.call<{ nodes: Array<{ id: string; hop: number }> }>('query.khop', { ids: ['keanu'], hops: 1 });
    expect(Object.fromEntries(k.nodes.map((n) => [n.id, n.hop]))).toEqual({ keanu: 0, matrix: 1, reloaded: 1, carrie: 1 });
    const p = await client.call<{ found: boolean; hops: number }>('query.path', { from: 'hugo', to: 'carrie' });
    expect(p).toMatchObject({ found: true, hops: 2 });
    const ps = await client.call<{ paths: unknown[] }>('query.paths', { from: 'keanu', to: 'carrie', maxLength: 2 });
    expect(ps.paths).toHaveLength(3);
    const r = await client.job<{ nodes: Array<{ id: string }> }>('query.ppr', { seeds: ['keanu'], k: 3, excludeSeeds: true });
    expect(r.nodes).toHaveLength(3);
    expect(r.nodes.map((n) => n.id)).not.toContain('keanu');
    await expect(client.call('query.khop', { ids: ['nobody'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // Switching the workspace back to its own SQLite file sticks although the default is Neo4j.
    const back = await client.call<{ store: string; path: string }>('neo4j.disconnect', {});
    expect(back.store).toBe('sqlite');
    expect((await client.call<{ store: string }>('workspace.open', { path: back.path })).store).toBe('sqlite');
  });
});

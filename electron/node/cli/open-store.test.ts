/**
 * `kgw --store neo4j` as a user runs it (a real process, settings from NEO4J_* env) against a real
 * Neo4j started here: import, stats, query khop/path/ppr; the same answers as on SQLite for the
 * same files; missing settings and bad credentials give clear errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { neo4jSkipReason, startNeo4j, type Neo4jTestServer } from '../../../native/store/neo4j/test-server';

const repo = path.resolve(__dirname, '../../..');
const datasets = path.resolve(repo, '../shared/datasets');
const files = ['csv_neo4j_movies.csv', 'csv_neo4j_actors.csv', 'csv_neo4j_roles.csv'].map((f) => path.join(datasets, f));
const skipReason = neo4jSkipReason();
if (skipReason) console.warn(skipReason);

function kgw(env: Record<string, string | undefined>, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repo, 'bin/kgw.js'), ...args], { env: { ...process.env, NEO4J_URI: undefined, NEO4J_PASSWORD: undefined, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('kgw --store without a server', () => {
  it('--store neo4j without NEO4J_URI is a usage error naming the variables', async () => {
    const r = await kgw({}, 'stats', '--store', 'neo4j');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/NEO4J_URI/);
  });

  it('--store with an unknown value is a usage error', async () => {
    const r = await kgw({}, 'stats', '--store', 'mysql', '--workspace', os.tmpdir());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--store must be sqlite or neo4j/);
  });
});

describe.skipIf(skipReason !== null)(skipReason ?? 'kgw --store neo4j on a real Neo4j server', () => {
  let server: Neo4jTestServer;
  let env: Record<string, string>;
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-cli-neo4j-'));
  beforeAll(async () => {
    // A cold JVM on a busy shared 2-core machine can take minutes to open Bolt.
    server = await startNeo4j({ heap: '512m', startTimeoutMs: 300_000 });
    env = { NEO4J_URI: server.uri, NEO4J_USER: server.user, NEO4J_PASSWORD: server.password };
  }, 320_000);
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('bad credentials: exit 1 and a message that says so, without the password', async () => {
    const r = await kgw({ ...env, NEO4J_PASSWORD: 'wrong-password-123' }, 'stats', '--store', 'neo4j');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused the credentials/);
    expect(r.stderr).not.toContain('wrong-password-123');
  });

  it('import, stats and queries answer like the SQLite workspace does', async () => {
    const imp = await kgw(env, 'import', ...files, '--store', 'neo4j', '--json');
    expect(imp.stderr).toBe('');
    expect(JSON.parse(imp.stdout)).toMatchObject({ nodesAdded: 6, edgesAdded: 9, nodes: 6, edges: 9 });
    expect((await kgw({}, 'import', ...files, '--workspace', ws, '--json')).code).toBe(0);

    const both = async (...args: string[]) => {
      const [neo, lite] = await Promise.all([kgw(env, ...args, '--store', 'neo4j', '--json'), kgw({}, ...args, '--workspace', ws, '--json')]);
      expect(neo.code, neo.stderr).toBe(0);
      expect(lite.code, lite.stderr).toBe(0);
      return [JSON.parse(neo.stdout), JSON.parse(lite.stdout)];
    };
    const [s1, s2] = await both('stats');
    expect(s1).toMatchObject({ nodes: 6, edges: 9 });
    expect(s1.nodes).toBe(s2.nodes);

    const [k1, k2] = await both('query', 'khop', '--id', 'keanu', '--hops', '2');
    const hops = (r: { nodes: Array<{ id: string; hop: number }> }) => r.nodes.map((n) => `${n.id}:${n.hop}`).sort();
    expect(hops(k1)).toEqual(hops(k2));
    expect(hops(k1)).toContain('keanu:0');

    const [p1, p2] = await both('query', 'path', '--from', 'keanu', '--to', 'laurence');
    expect(p1).toMatchObject({ found: true, hops: 2 });
    expect(p1.hops).toBe(p2.hops);

    const [r1, r2] = await both('query', 'ppr', '--seeds', 'keanu', '-k', '3');
    expect(r1.nodes[0].id).toBe('keanu');
    // Equal scores may come in either order: compare the top sets.
    const top = (r: { nodes: Array<{ id: string }> }) => r.nodes.map((n) => n.id).sort();
    expect(top(r1)).toEqual(top(r2));
  }, 300_000);
});

/** `kgw embed / search / similar` as a user runs them: the real CLI process, the real model. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureTestModel } from '../../../native/embed/test-model';

const repo = path.resolve(__dirname, '../../..');
const datasets = path.resolve(repo, '../shared/datasets');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-search-cli-'));
const ws = path.join(tmp, 'ws');
let env: NodeJS.ProcessEnv;

function kgw(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(repo, 'bin/kgw.js'), ...args], { encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  // The model the tests use, wherever the app cache is on this machine.
  env = { ...process.env, KGW_MODEL_DIR: await ensureTestModel(), XDG_CACHE_HOME: path.join(tmp, 'cache') };
  const r = kgw('import', path.join(datasets, 'csv_neo4j_movies.csv'), path.join(datasets, 'csv_neo4j_actors.csv'), path.join(datasets, 'csv_neo4j_roles.csv'),
    path.join(datasets, 'csv_vega_airports_nodes.csv'), '--workspace', ws, '--json');
  expect(r.code, r.stderr).toBe(0);
}, 120_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('kgw embed / search / similar', () => {
  it('search before embedding says what to do', () => {
    const r = kgw('search', '--workspace', ws, '--text', 'airport', '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/run the embedding first/);
  }, 60_000);

  it('embed --json embeds every node and a second run has nothing left to do', () => {
    const first = kgw('embed', '--workspace', ws, '--json');
    expect(first.code, first.stderr).toBe(0);
    const out = JSON.parse(first.stdout);
    expect(out).toMatchObject({ embedded: 3382, nodes: 3382, cancelled: false, dim: 384 });
    expect(out.modelId).toMatch(/^all-MiniLM-L6-v2@[0-9a-f]{12}\+q8act$/); // int8 GEMMs by default (native/embed/README.md)
    const second = JSON.parse(kgw('embed', '--workspace', ws, '--json').stdout);
    expect(second).toMatchObject({ embedded: 0, alreadyDone: 3382 });
  }, 600_000);

  it('search --json prints {id, name, score} best first', () => {
    const r = kgw('search', '--workspace', ws, '--text', 'The Matrix movie', '-k', '5', '--json');
    expect(r.code, r.stderr).toBe(0);
    const hits = JSON.parse(r.stdout) as Array<{ id: string; name: string; score: number }>;
    expect(hits).toHaveLength(5);
    for (const h of hits) expect(Object.keys(h)).toEqual(expect.arrayContaining(['id', 'name', 'score']));
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1].score).toBeGreaterThanOrEqual(hits[i].score);
    // The three Matrix films lead, ahead of 3,376 airports.
    expect(hits.slice(0, 3).map((h) => h.name).every((n) => n.startsWith('The Matrix'))).toBe(true);
  }, 120_000);

  it('similar --json gives the nearest nodes of a node, itself left out', () => {
    const r = kgw('similar', '--workspace', ws, '--id', 'keanu', '-k', '3', '--json');
    expect(r.code, r.stderr).toBe(0);
    const hits = JSON.parse(r.stdout) as Array<{ id: string; name: string }>;
    expect(hits).toHaveLength(3);
    expect(hits.map((h) => h.id)).not.toContain('keanu');
    // Among 3,376 airports and 5 other nodes, his film and his co-star are nearest.
    expect(hits.map((h) => h.id)).toEqual(expect.arrayContaining(['tt0133093', 'laurence']));
  }, 120_000);

  it('a long answer reaches a pipe whole (3,000 hits, well over 64 KB)', () => {
    const r = kgw('similar', '--workspace', ws, '--id', 'ATL', '-k', '3000', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(2 * 65_536);
    expect(JSON.parse(r.stdout)).toHaveLength(3000);
  }, 120_000);

  it('bad arguments exit 2', () => {
    expect(kgw('search', '--workspace', ws, '--json').code).toBe(2);
    expect(kgw('similar', '--workspace', ws, '--id', 'keanu', '-k', 'many').code).toBe(2);
  }, 60_000);
});

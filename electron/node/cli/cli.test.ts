/** `kgw` as a user runs it: a real process, real files, exit codes and stderr. */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repo = path.resolve(__dirname, '../../..');
const datasets = path.resolve(repo, '../shared/datasets');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function kgw(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(repo, 'bin/kgw.js'), ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('kgw import / stats', () => {
  const ws = path.join(tmp, 'ws');

  it('imports a node file and an edge file and prints one JSON object', () => {
    const r = kgw('import', path.join(datasets, 'csv_vega_flights-airport_edges.csv'), path.join(datasets, 'csv_vega_airports_nodes.csv'), '--workspace', ws, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ nodesAdded: 3376, edgesAdded: 5366, nodes: 3376, edges: 5366 });
    expect(Array.isArray(out.warnings)).toBe(true);
  });

  it('stats --json gives the counts', () => {
    const r = kgw('stats', '--workspace', ws, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ nodes: 3376, edges: 5366 });
  });

  it('triples with --names annotate names without adding the unused ids', () => {
    const ws2 = path.join(tmp, 'fb');
    const r = kgw('import', path.join(datasets, 'triples_fb15k237_test.txt'), '--names', path.join(datasets, 'triples_fb15k237_mid2name.txt'), '--workspace', ws2, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ nodes: 10348, edges: 20466 });
  });

  it('a malformed file exits non-zero with file and line on stderr, and changes nothing', () => {
    const bad = path.join(tmp, 'broken.csv');
    fs.writeFileSync(bad, 'iata,name\nAAA,"Alpha\nBBB,Beta\n');
    const r = kgw('import', bad, '--workspace', ws);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken\.csv, line 2/);
    expect(JSON.parse(kgw('stats', '--workspace', ws, '--json').stdout)).toMatchObject({ nodes: 3376, edges: 5366 });
  });

  it('usage errors exit 2', () => {
    expect(kgw('import', path.join(datasets, 'csv_neo4j_movies.csv')).code).toBe(2);
    expect(kgw('frobnicate').code).toBe(2);
    expect(kgw('stats', '--workspace', path.join(tmp, 'nothing-here')).code).toBe(1);
  });
});

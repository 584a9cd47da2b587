/**
 * `kgw query ...` and `kgw retrieve` spawned for real on imported shared datasets (needs the built
 * CLI, `node scripts/build.mjs`): answers checked against a plain BFS over the workspace's rows, and
 * retrieval with the real embedding model on the AutoSchemaKG Dulce graph.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { bfsReference, readGraph } from '../../../native/query/reference.test-util';

const repo = path.resolve(__dirname, '../../..');
const datasets = path.resolve(repo, '../shared/datasets');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-query-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function kgw(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(repo, 'bin/kgw.js'), ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(...args: string[]) {
  const r = kgw(...args, '--json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe('kgw query on the Gephi Les Misérables graph', () => {
  const ws = path.join(tmp, 'lesmis');
  beforeAll(() => {
    json('import', path.join(datasets, 'gexf_gephi_les_miserables.gexf'), '--workspace', ws);
  }, 60_000);

  function reference() {
    const db = new Database(path.join(ws, 'graph.sqlite'), { readonly: true });
    try {
      return readGraph(db);
    } finally {
      db.close();
    }
  }

  it.each(['out', 'in', 'both'] as const)('khop --hops 3 --direction %s prints {nodes: [{id, hop}], edges} equal to a plain BFS', (direction) => {
    const out = json('query', 'khop', '--workspace', ws, '--id', '11', '--hops', '3', '--direction', direction);
    expect(new Map(out.nodes.map((n: { id: string; hop: number }) => [n.id, n.hop]))).toEqual(bfsReference(reference(), ['11'], 3, direction));
    expect(out.edges.length).toBeGreaterThan(0);
    expect(Object.keys(out.edges[0]).sort()).toEqual(['id', 'source', 'target', 'type']);
  });

  it('path gives the fewest hops, or the least weight with --weight', () => {
    const ref = reference();
    const out = json('query', 'path', '--workspace', ws, '--from', '0', '--to', '70');
    expect(out.found).toBe(true);
    expect(out.hops).toBe(bfsReference(ref, ['0'], 10, 'both').get('70'));
    expect(out.nodes.map((n: { id: string }) => n.id)).toEqual(expect.arrayContaining(['0', '70']));
    const weighted = json('query', 'path', '--workspace', ws, '--from', '0', '--to', '70', '--weight', 'weight');
    const sum = weighted.edges.reduce((t: number, e: { id: string }) => t + Number(ref.edgeById.get(e.id)!.props.weight), 0);
    expect(weighted.cost).toBeCloseTo(sum, 5);
  });

  it('ppr --seeds a,b -k 20 ranks 20 nodes, best first', () => {
    const out = json('query', 'ppr', '--workspace', ws, '--seeds', '0,11', '-k', '20');
    expect(out.nodes).toHaveLength(20);
    const scores = out.nodes.map((n: { score: number }) => n.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(out.seeds.map((s: { id: string }) => s.id)).toEqual(['0', '11']);
  });

  it('an unknown id exits 1 with a readable message; a missing option exits 2', () => {
    const r = kgw('query', 'khop', '--workspace', ws, '--id', 'nobody');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/"nobody" is not in this workspace/);
    expect(kgw('query', 'path', '--workspace', ws, '--from', '0').code).toBe(2);
    expect(kgw('query', 'walk', '--workspace', ws).code).toBe(2);
  });
});

describe('kgw retrieve on AutoSchemaKG Dulce (real model)', () => {
  const ws = path.join(tmp, 'dulce');
  beforeAll(() => {
    const files = ['triple_nodes', 'text_nodes', 'triple_edges', 'text_edges'].map((f) => path.join(datasets, `csv_autoschemakg_dulce_${f}.csv`));
    json('import', ...files, '--workspace', ws);
    json('embed', '--workspace', ws);
  }, 300_000);

  it('returns seeds by similarity, PPR spread, answers and their source passages', () => {
    const out = json('retrieve', '--workspace', ws, '--text', 'Who leads Operation Dulce?', '-k', '5');
    expect(out.seeds.length).toBeGreaterThan(0);
    expect(out.seeds.some((s: { name: string }) => /Dulce/.test(s.name))).toBe(true);
    expect(out.answers).toHaveLength(5);
    expect(out.answers.every((a: { type: string }) => a.type !== 'passage')).toBe(true);
    expect(out.passages.length).toBeGreaterThan(0);
    // Every passage is a stored Text node, and a linked answer really has an edge to it.
    const db = new Database(path.join(ws, 'graph.sqlite'), { readonly: true });
    try {
      const ref = readGraph(db);
      for (const p of out.passages) {
        expect(db.prepare('SELECT text IS NOT NULL FROM nodes WHERE id = ?').pluck().get(p.id)).toBe(1);
        for (const a of p.linked) expect(ref.edges.some((e) => (e.source === a && e.target === p.id) || (e.target === a && e.source === p.id))).toBe(true);
      }
    } finally {
      db.close();
    }
    const scores = out.passages.map((p: { score: number }) => p.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(out.timings.totalMs).toBeGreaterThan(0);
  }, 120_000);
});

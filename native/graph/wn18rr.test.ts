/**
 * The engine on a real knowledge graph: WN18RR train triples (40,559 entities, 86,835 edges,
 * 11 relations, 7 self loops), compared with a plain Map-based BFS written here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Direction } from './csr';
import { GraphEngine } from './graph-engine';
import { Interner } from './interner';

const FILE = path.resolve(__dirname, '../../../shared/datasets/triples_wn18rr_train.txt');

let entities: Interner;
let relations: Interner;
let src: Uint32Array;
let dst: Uint32Array;
let etype: Uint16Array;
let engine: GraphEngine;

beforeAll(() => {
  entities = new Interner();
  relations = new Interner();
  const h: number[] = [];
  const t: number[] = [];
  const r: number[] = [];
  for (const line of fs.readFileSync(FILE, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const [head, rel, tail] = line.split('\t');
    h.push(entities.intern(head));
    r.push(relations.intern(rel.trim()));
    t.push(entities.intern(tail.trim()));
  }
  src = Uint32Array.from(h);
  dst = Uint32Array.from(t);
  etype = Uint16Array.from(r);
  engine = new GraphEngine({ src, dst, etype, nodeCount: entities.size });
});

function adjacency(direction: Direction, allowed?: Set<number>): Map<number, number[]> {
  const adj = new Map<number, number[]>();
  const add = (a: number, b: number) => (adj.get(a) ?? adj.set(a, []).get(a)!).push(b);
  for (let e = 0; e < src.length; e++) {
    if (allowed && !allowed.has(etype[e])) continue;
    if (direction !== 'in') add(src[e], dst[e]);
    if (direction !== 'out') add(dst[e], src[e]);
  }
  return adj;
}

function bfs(adj: Map<number, number[]>, start: number, maxHops: number): Map<number, number> {
  const dist = new Map([[start, 0]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i];
    if (dist.get(u)! === maxHops) continue;
    for (const v of adj.get(u) ?? []) {
      if (dist.has(v)) continue;
      dist.set(v, dist.get(u)! + 1);
      queue.push(v);
    }
  }
  return dist;
}

describe('WN18RR', () => {
  it('parses the file as documented', () => {
    expect(src.length).toBe(86_835);
    expect(entities.size).toBe(40_559);
    expect(relations.size).toBe(11);
    expect([...src].filter((s, e) => s === dst[e]).length).toBe(7);
  });

  it('k-hop equals the reference BFS from several start nodes, per direction and relation filter', () => {
    const hypernym = new Set([relations.get('_hypernym')!]);
    const starts = ['00260881', '01332730', '06066555', '02084071', '08176077'].map((id) => entities.get(id)).filter((v) => v !== undefined);
    expect(starts.length).toBeGreaterThanOrEqual(3);
    let largest = 0;
    for (const direction of ['out', 'in', 'both'] as Direction[]) {
      for (const filter of [undefined, hypernym]) {
        const adj = adjacency(direction, filter);
        for (const s of starts) {
          const ref = bfs(adj, s, 3);
          const got = engine.kHop([s], { hops: 3, direction, edgeTypes: filter });
          expect(got.nodes.length).toBe(ref.size);
          for (let i = 0; i < got.nodes.length; i++) expect(got.hop[i]).toBe(ref.get(got.nodes[i]));
          largest = Math.max(largest, got.nodes.length);
        }
      }
    }
    expect(largest).toBeGreaterThan(100);
  });

  it('shortest paths have the reference length and use real edges', () => {
    const adj = adjacency('both');
    const from = entities.get('00260881')!;
    const dist = bfs(adj, from, 64);
    const targets = [...dist.keys()].filter((_, i) => i % 997 === 0).slice(0, 40);
    for (const to of targets) {
      const p = engine.shortestPath(from, to, { direction: 'both' })!;
      expect(p.edges.length).toBe(dist.get(to));
      for (let i = 0; i < p.edges.length; i++) {
        const e = p.edges[i];
        const [a, b] = [p.nodes[i], p.nodes[i + 1]];
        expect((src[e] === a && dst[e] === b) || (src[e] === b && dst[e] === a)).toBe(true);
      }
    }
    // Directed: a node that nothing points to cannot be reached along out-edges.
    const orphan = [...Array(entities.size).keys()].find((v) => v !== from && engine.csr.inDegree(v) === 0 && engine.csr.outDegree(v) > 0)!;
    expect(engine.shortestPath(from, orphan, { direction: 'out' })).toBeNull();
  });

  it('caps the largest hub and reports the cut', () => {
    let hub = 0;
    for (let v = 1; v < entities.size; v++) if (engine.csr.degree(v, 'both') > engine.csr.degree(hub, 'both')) hub = v;
    const degree = engine.csr.degree(hub, 'both');
    expect(degree).toBeGreaterThan(100);
    const r = engine.kHop([hub], { hops: 1, direction: 'both', perNodeLimit: 50 });
    expect(r.nodes.length).toBeLessThanOrEqual(51);
    expect(r.truncated?.reason).toBe('perNodeLimit');
    expect(r.truncated?.omitted).toBe(degree - 50);
  });

  it('personalised PageRank sums to 1 and ranks the seeds’ neighbourhood first', () => {
    const seed = entities.get('00260881')!;
    const x = engine.personalizedPageRank([seed], { direction: 'both' });
    expect(Math.abs(x.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-6);
    const top = engine.topK(x, 10, [seed]);
    const near = bfs(adjacency('both'), seed, 2);
    expect(near.has(top.nodes[0])).toBe(true);
  });
});

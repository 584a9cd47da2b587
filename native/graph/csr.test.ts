/** CSR layout against a plain per-node grouping, input checks, memory report and the generator. */
import { describe, expect, it } from 'vitest';
import { Csr } from './csr';
import { generateGraph } from './generate-graph';
import { WorkbenchError } from '../../electron/common/errors';

describe('Csr', () => {
  const g = generateGraph({ nodes: 2000, degree: 4, seed: 21, edgeTypes: 5, nodeTypes: 3, supernodes: 2, supernodeDegree: 300 });
  const csr = new Csr(g);

  it('lists every edge once per direction, grouped by node in input order', () => {
    const out = new Map<number, Array<[number, number]>>();
    const inn = new Map<number, Array<[number, number]>>();
    for (let e = 0; e < g.src.length; e++) {
      if (!out.has(g.src[e])) out.set(g.src[e], []);
      if (!inn.has(g.dst[e])) inn.set(g.dst[e], []);
      out.get(g.src[e])!.push([g.dst[e], e]);
      inn.get(g.dst[e])!.push([g.src[e], e]);
    }
    for (let v = 0; v < g.nodeCount; v++) {
      const o: Array<[number, number]> = [];
      for (let p = csr.outOffsets[v]; p < csr.outOffsets[v + 1]; p++) o.push([csr.outTargets[p], csr.outEdges[p]]);
      const i: Array<[number, number]> = [];
      for (let p = csr.inOffsets[v]; p < csr.inOffsets[v + 1]; p++) i.push([csr.inSources[p], csr.inEdges[p]]);
      expect(o).toEqual(out.get(v) ?? []);
      expect(i).toEqual(inn.get(v) ?? []);
      expect(csr.degree(v, 'both')).toBe(o.length + i.length);
    }
    expect(csr.outOffsets[g.nodeCount]).toBe(g.src.length);
    expect(csr.edgeTypeCount).toBe(5);
    expect(csr.nodeTypeCount).toBe(3);
  });

  it('reports its memory in bytes', () => {
    const m = csr.memoryReport();
    const n = g.nodeCount;
    const e = g.src.length;
    expect(m.offsets).toBe(2 * 4 * (n + 1));
    expect(m.adjacency).toBe(4 * 4 * e);
    expect(m.edgeList).toBe(4 * e + 4 * e + 2 * e);
    expect(m.nodeTypes).toBe(2 * n);
    expect(m.total).toBe(m.offsets + m.adjacency + m.edgeList + m.nodeTypes);
  });

  it('handles an empty graph and isolated nodes', () => {
    const empty = new Csr({ src: new Uint32Array(0), dst: new Uint32Array(0), nodeCount: 3 });
    expect(empty.edgeCount).toBe(0);
    expect([...empty.outOffsets]).toEqual([0, 0, 0, 0]);
  });

  it('rejects edges that point outside the graph, naming the edge and node', () => {
    const bad = () => new Csr({ src: Uint32Array.of(0, 1), dst: Uint32Array.of(1, 7), nodeCount: 3 });
    expect(bad).toThrow(WorkbenchError);
    expect(bad).toThrow(/Edge 1 refers to node 7/);
    expect(() => new Csr({ src: Uint32Array.of(0), dst: Uint32Array.of(0, 1), nodeCount: 3 })).toThrow(/same length/);
  });
});

describe('generateGraph', () => {
  it('is deterministic per seed and has the asked size, degree and supernodes', () => {
    const a = generateGraph({ nodes: 1000, degree: 6, seed: 3, supernodes: 1, supernodeDegree: 200 });
    const b = generateGraph({ nodes: 1000, degree: 6, seed: 3, supernodes: 1, supernodeDegree: 200 });
    const c = generateGraph({ nodes: 1000, degree: 6, seed: 4, supernodes: 1, supernodeDegree: 200 });
    expect(a.src).toEqual(b.src);
    expect(a.dst).toEqual(b.dst);
    expect(a.src).not.toEqual(c.src);
    expect(a.src.length).toBe(6000 + 200);
    expect(new Csr(a).inDegree(a.hubs[0])).toBeGreaterThanOrEqual(200);
    const loopless = generateGraph({ nodes: 50, degree: 10, seed: 1, noSelfLoops: true });
    expect(loopless.src.every((s, e) => s !== loopless.dst[e])).toBe(true);
  });
});

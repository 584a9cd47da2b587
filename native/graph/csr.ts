/**
 * Compressed sparse row adjacency in both directions, built from a flat edge list with counting
 * sort in O(V + E) and no per-node JS objects, so a million-node graph is a handful of typed arrays.
 *
 * Edge index `e` always means position `e` in the input arrays (`src[e]`, `dst[e]`, `etype[e]`):
 * the loader keeps a parallel array of SQLite rowids, so results map back to stored edges.
 */
import { WorkbenchError } from '../../electron/common/errors';

export type TypeArray = Uint16Array | Uint32Array;
export type Direction = 'out' | 'in' | 'both';

export interface CsrInput {
  src: Uint32Array;
  dst: Uint32Array;
  /** Interned relation type per edge; all zero when omitted. */
  etype?: TypeArray;
  nodeCount: number;
  /** Interned node type per node; all zero when omitted. */
  nodeType?: TypeArray;
}

export interface CsrMemoryReport {
  /** out + in offsets, (n + 1) * 4 bytes each. */
  offsets: number;
  /** out/in neighbour and edge-index arrays, 4 bytes per edge each. */
  adjacency: number;
  /** src, dst and etype (the edge list the CSR keeps by reference). */
  edgeList: number;
  nodeTypes: number;
  total: number;
}

export class Csr {
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly src: Uint32Array;
  readonly dst: Uint32Array;
  readonly etype: TypeArray;
  readonly nodeType: TypeArray;
  /** One past the largest edge type id / node type id present (0 for an empty graph). */
  readonly edgeTypeCount: number;
  readonly nodeTypeCount: number;

  /** Out-edges of u: positions outOffsets[u] .. outOffsets[u+1] of outTargets (dst) and outEdges (edge index). */
  readonly outOffsets: Uint32Array;
  readonly outTargets: Uint32Array;
  readonly outEdges: Uint32Array;
  /** In-edges of v: positions inOffsets[v] .. inOffsets[v+1] of inSources (src) and inEdges (edge index). */
  readonly inOffsets: Uint32Array;
  readonly inSources: Uint32Array;
  readonly inEdges: Uint32Array;

  constructor(input: CsrInput) {
    const { src, dst, nodeCount } = input;
    if (!Number.isInteger(nodeCount) || nodeCount < 0 || nodeCount > 0xfffffffe) {
      throw new WorkbenchError('BAD_REQUEST', `The node count must be a whole number between 0 and 4294967294, got ${nodeCount}.`, {
        value: String(nodeCount),
      });
    }
    if (src.length !== dst.length || (input.etype && input.etype.length !== src.length)) {
      throw new WorkbenchError('BAD_REQUEST', 'The edge arrays src, dst and etype must have the same length.', {
        value: `src ${src.length}, dst ${dst.length}, etype ${input.etype?.length ?? 'none'}`,
      });
    }
    if (input.nodeType && input.nodeType.length !== nodeCount) {
      throw new WorkbenchError('BAD_REQUEST', `The node type array has ${input.nodeType.length} entries for ${nodeCount} nodes.`);
    }
    this.nodeCount = nodeCount;
    this.edgeCount = src.length;
    this.src = src;
    this.dst = dst;
    this.etype = input.etype ?? new Uint16Array(src.length);
    this.nodeType = input.nodeType ?? new Uint16Array(nodeCount);
    this.edgeTypeCount = maxPlusOne(this.etype);
    this.nodeTypeCount = maxPlusOne(this.nodeType);

    const out = countingSort(src, dst, nodeCount, 'src');
    this.outOffsets = out.offsets;
    this.outTargets = out.targets;
    this.outEdges = out.edges;
    const inn = countingSort(dst, src, nodeCount, 'dst');
    this.inOffsets = inn.offsets;
    this.inSources = inn.targets;
    this.inEdges = inn.edges;
  }

  outDegree(v: number): number {
    return this.outOffsets[v + 1] - this.outOffsets[v];
  }

  inDegree(v: number): number {
    return this.inOffsets[v + 1] - this.inOffsets[v];
  }

  /** Adjacency entries of v that a traversal in `direction` scans (a self loop counts twice for 'both'). */
  degree(v: number, direction: Direction): number {
    if (direction === 'out') return this.outDegree(v);
    if (direction === 'in') return this.inDegree(v);
    return this.outDegree(v) + this.inDegree(v);
  }

  /** Throws a user-readable error when v is not a node index of this graph. */
  checkNode(v: number, role: string): void {
    if (!Number.isInteger(v) || v < 0 || v >= this.nodeCount) {
      throw new WorkbenchError('BAD_REQUEST', `The ${role} node ${v} is not in the graph (it has ${this.nodeCount} nodes).`, {
        value: String(v),
        expected: `a node index from 0 to ${this.nodeCount - 1}`,
      });
    }
  }

  memoryReport(): CsrMemoryReport {
    const offsets = this.outOffsets.byteLength + this.inOffsets.byteLength;
    const adjacency = this.outTargets.byteLength + this.outEdges.byteLength + this.inSources.byteLength + this.inEdges.byteLength;
    const edgeList = this.src.byteLength + this.dst.byteLength + this.etype.byteLength;
    const nodeTypes = this.nodeType.byteLength;
    return { offsets, adjacency, edgeList, nodeTypes, total: offsets + adjacency + edgeList + nodeTypes };
  }
}

function maxPlusOne(a: TypeArray): number {
  let max = -1;
  for (let i = 0; i < a.length; i++) if (a[i] > max) max = a[i];
  return max + 1;
}

/**
 * Groups edges by `key` endpoint: a degree count, a prefix sum, then one placement pass.
 * Stable, so within a node the edges keep their input order.
 */
function countingSort(key: Uint32Array, other: Uint32Array, n: number, keyName: string) {
  const m = key.length;
  const offsets = new Uint32Array(n + 1);
  for (let e = 0; e < m; e++) {
    const k = key[e];
    const o = other[e];
    if (k >= n || o >= n) {
      const bad = k >= n ? k : o;
      throw new WorkbenchError('BAD_REQUEST', `Edge ${e} refers to node ${bad}, but the graph has ${n} nodes.`, {
        value: String(bad),
        expected: `node indices below ${n} (${keyName} side checked first)`,
      });
    }
    offsets[k + 1]++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const cursor = offsets.slice(0, n);
  const targets = new Uint32Array(m);
  const edges = new Uint32Array(m);
  for (let e = 0; e < m; e++) {
    const p = cursor[key[e]]++;
    targets[p] = other[e];
    edges[p] = e;
  }
  return { offsets, targets, edges };
}

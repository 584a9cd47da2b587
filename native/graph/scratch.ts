/**
 * Reusable per-graph buffers for traversals. Visited sets are epoch stamps: a node is "in the set"
 * when stamps[v] === epoch, so clearing a set is one increment instead of an O(n) fill or a new Set.
 * Queries are synchronous, so one scratch per graph is safe in a single-threaded worker.
 */
import type { Csr, Direction } from './csr';
import { WorkbenchError } from '../../electron/common/errors';

export class StampSet {
  readonly stamps: Uint32Array;
  private epoch = 0;

  constructor(size: number) {
    this.stamps = new Uint32Array(size);
  }

  /** Starts a new empty set and returns its epoch. */
  begin(): number {
    this.epoch++;
    if (this.epoch === 0xffffffff) {
      this.stamps.fill(0);
      this.epoch = 1;
    }
    return this.epoch;
  }
}

export class TraversalScratch {
  readonly visited: StampSet;
  /** Second visited set: the backward side of bidirectional BFS, settled nodes in Dijkstra, ... */
  readonly visited2: StampSet;
  readonly queue: Uint32Array;
  readonly queue2: Uint32Array;
  /** Per node: queue position (k-hop), distance (path pruning). Valid only where stamped. */
  readonly order: Uint32Array;
  readonly parent: Uint32Array;
  readonly parentEdge: Uint32Array;
  readonly parent2: Uint32Array;
  readonly parentEdge2: Uint32Array;
  /** Grows by doubling; callers copy out the used prefix. */
  edgeBuffer: Uint32Array;
  private distBuffer: Float64Array | null = null;

  constructor(n: number) {
    this.visited = new StampSet(n);
    this.visited2 = new StampSet(n);
    this.queue = new Uint32Array(n);
    this.queue2 = new Uint32Array(n);
    this.order = new Uint32Array(n);
    this.parent = new Uint32Array(n);
    this.parentEdge = new Uint32Array(n);
    this.parent2 = new Uint32Array(n);
    this.parentEdge2 = new Uint32Array(n);
    this.edgeBuffer = new Uint32Array(1024);
  }

  dist(): Float64Array {
    if (!this.distBuffer) this.distBuffer = new Float64Array(this.queue.length);
    return this.distBuffer;
  }

  bytes(): number {
    return (
      this.visited.stamps.byteLength * 2 +
      this.queue.byteLength * 7 +
      this.edgeBuffer.byteLength +
      (this.distBuffer?.byteLength ?? 0)
    );
  }
}

export function grow(buf: Uint32Array): Uint32Array {
  const next = new Uint32Array(buf.length * 2);
  next.set(buf);
  return next;
}

/** A type filter as a byte mask indexed by type id (null: everything passes). */
export function typeMask(types: Iterable<number> | null | undefined, typeCount: number): Uint8Array | null {
  if (types === null || types === undefined) return null;
  const mask = new Uint8Array(Math.max(typeCount, 1));
  for (const t of types) if (Number.isInteger(t) && t >= 0 && t < typeCount) mask[t] = 1;
  return mask;
}

/** The CSR halves a walk in `direction` reads, as [offsets, neighbour, edge index] triples. */
export function sidesFor(csr: Csr, direction: Direction): Array<[Uint32Array, Uint32Array, Uint32Array]> {
  const out: [Uint32Array, Uint32Array, Uint32Array] = [csr.outOffsets, csr.outTargets, csr.outEdges];
  const inn: [Uint32Array, Uint32Array, Uint32Array] = [csr.inOffsets, csr.inSources, csr.inEdges];
  if (direction === 'out') return [out];
  if (direction === 'in') return [inn];
  if (direction === 'both') return [out, inn];
  throw new WorkbenchError('BAD_REQUEST', `Unknown direction "${String(direction)}".`, { value: String(direction), expected: 'out, in or both' });
}

/** The direction that walks the same edges backwards (for the target side of a path search). */
export function reverse(direction: Direction): Direction {
  return direction === 'out' ? 'in' : direction === 'in' ? 'out' : 'both';
}

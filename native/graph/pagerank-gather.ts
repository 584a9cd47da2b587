/**
 * The hot loops of PageRank's pull iteration, written out once per contribution precision on
 * purpose: a loop that sees both Float32Array and Float64Array becomes polymorphic in V8 and ran
 * 2x slower in the benchmark (which runs small float64 graphs before the 1M-node float32 one).
 *
 * The gather keeps four independent sums so several cache misses are in flight at once instead of
 * one add chain (1.7x faster at 1M nodes than a single accumulator). `p` runs on across nodes
 * because CSR rows are contiguous.
 */

/** [offsets, neighbours] of one CSR half. */
export type Side = readonly [Uint32Array, Uint32Array, ...unknown[]];

export function fillContrib32(x: Float64Array, invDegree: Float64Array, contrib: Float32Array): number {
  let dangling = 0;
  for (let u = 0; u < x.length; u++) {
    const inv = invDegree[u];
    if (inv === 0) dangling += x[u];
    contrib[u] = x[u] * inv;
  }
  return dangling;
}

export function gather32(contrib: Float32Array, next: Float64Array, damping: number, a: Side, b: Side | null): void {
  const [offA, nbA] = a;
  const offB = b ? b[0] : offA;
  const nbB = b ? b[1] : nbA;
  let pA = 0;
  let pB = 0;
  for (let v = 0; v < next.length; v++) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    const endA = offA[v + 1];
    for (; pA + 3 < endA; pA += 4) {
      s0 += contrib[nbA[pA]];
      s1 += contrib[nbA[pA + 1]];
      s2 += contrib[nbA[pA + 2]];
      s3 += contrib[nbA[pA + 3]];
    }
    for (; pA < endA; pA++) s0 += contrib[nbA[pA]];
    if (b !== null) {
      const endB = offB[v + 1];
      for (; pB + 3 < endB; pB += 4) {
        s0 += contrib[nbB[pB]];
        s1 += contrib[nbB[pB + 1]];
        s2 += contrib[nbB[pB + 2]];
        s3 += contrib[nbB[pB + 3]];
      }
      for (; pB < endB; pB++) s0 += contrib[nbB[pB]];
    }
    next[v] = damping * (s0 + s1 + (s2 + s3));
  }
}

export function fillContrib64(x: Float64Array, invDegree: Float64Array, contrib: Float64Array): number {
  let dangling = 0;
  for (let u = 0; u < x.length; u++) {
    const inv = invDegree[u];
    if (inv === 0) dangling += x[u];
    contrib[u] = x[u] * inv;
  }
  return dangling;
}

export function gather64(contrib: Float64Array, next: Float64Array, damping: number, a: Side, b: Side | null): void {
  const [offA, nbA] = a;
  const offB = b ? b[0] : offA;
  const nbB = b ? b[1] : nbA;
  let pA = 0;
  let pB = 0;
  for (let v = 0; v < next.length; v++) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    const endA = offA[v + 1];
    for (; pA + 3 < endA; pA += 4) {
      s0 += contrib[nbA[pA]];
      s1 += contrib[nbA[pA + 1]];
      s2 += contrib[nbA[pA + 2]];
      s3 += contrib[nbA[pA + 3]];
    }
    for (; pA < endA; pA++) s0 += contrib[nbA[pA]];
    if (b !== null) {
      const endB = offB[v + 1];
      for (; pB + 3 < endB; pB += 4) {
        s0 += contrib[nbB[pB]];
        s1 += contrib[nbB[pB + 1]];
        s2 += contrib[nbB[pB + 2]];
        s3 += contrib[nbB[pB + 3]];
      }
      for (; pB < endB; pB++) s0 += contrib[nbB[pB]];
    }
    next[v] = damping * (s0 + s1 + (s2 + s3));
  }
}

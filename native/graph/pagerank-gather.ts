/**
 * The hot loops of PageRank's pull iteration, written out once per contribution precision on
 * purpose: a loop that sees both Float32Array and Float64Array becomes polymorphic in V8 and ran
 * 2x slower in the benchmark (which runs small float64 graphs before the 1M-node float32 one).
 *
 * An iteration is two passes: the gather (next[v] = damping * sum of the contributions x[u]/deg[u]
 * of v's pull list) and `settle`, which computes in one pass the L1 change, the next contributions
 * and the dangling mass (before, those were two passes). The gather keeps four independent sums so
 * several cache misses are in flight at once (1.7x faster at 1M nodes than one accumulator); `p`
 * runs on across nodes because CSR rows are contiguous. Folding `settle` into the gather (double-
 * buffered contributions) was tried and measured ~10% more CPU at 1M nodes: the extra streams in
 * the loop compete with the random reads the gather waits on.
 */

/** [offsets, neighbours] of one CSR half. */
export type Side = readonly [Uint32Array, Uint32Array, ...unknown[]];

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

/** After the teleport: out[0] = L1 change from x to next, out[1] = next's dangling mass; contrib = next's contributions. */
export function settle32(next: Float64Array, x: Float64Array, invDegree: Float64Array, contrib: Float32Array, out: Float64Array): void {
  let delta = 0;
  let dangling = 0;
  for (let v = 0; v < next.length; v++) {
    const value = next[v];
    delta += Math.abs(value - x[v]);
    const inv = invDegree[v];
    if (inv === 0) dangling += value;
    contrib[v] = value * inv;
  }
  out[0] = delta;
  out[1] = dangling;
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

/** After the teleport: out[0] = L1 change from x to next, out[1] = next's dangling mass; contrib = next's contributions. */
export function settle64(next: Float64Array, x: Float64Array, invDegree: Float64Array, contrib: Float64Array, out: Float64Array): void {
  let delta = 0;
  let dangling = 0;
  for (let v = 0; v < next.length; v++) {
    const value = next[v];
    delta += Math.abs(value - x[v]);
    const inv = invDegree[v];
    if (inv === 0) dangling += value;
    contrib[v] = value * inv;
  }
  out[0] = delta;
  out[1] = dangling;
}

/** contrib[u] = x[u] * invDegree[u]; returns the mass on dangling nodes (first pull after pushes). */
export function fillContrib32(x: Float64Array, invDegree: Float64Array, contrib: Float32Array): number {
  let dangling = 0;
  for (let u = 0; u < x.length; u++) {
    const inv = invDegree[u];
    if (inv === 0) dangling += x[u];
    contrib[u] = x[u] * inv;
  }
  return dangling;
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

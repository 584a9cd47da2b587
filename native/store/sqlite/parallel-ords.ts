/**
 * Numbers parallel edges of a bulk import as they stream in: the n-th edge with the same
 * (src, dst, type) gets ord n - 1, so the unique edge key can be built in one go. Before, every
 * edge got ord 0 and, when the key refused, parallel edges were numbered by a window function
 * and the key sorted again (GraphML 100K/500K: ~6 s wall of 9 s in the index stage).
 *
 * Keys are kept as 64-bit hashes beside a count, 12 bytes a slot, at most half full (12.5 MB at
 * most, for 512K keys: a bound on the ingest worker's memory at any size). Two keys
 * with the same hash share a count: one of them then starts above 0, which keeps ords unique
 * within every key (all the index needs). At `maxKeys` keys new keys get ord 0 and the writer's
 * fallback numbers whatever the key still refuses.
 */
export class ParallelOrds {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private seen: Int32Array;
  private mask: number;
  private count = 0;
  saturated = false;

  constructor(private readonly maxKeys = 1 << 19, initialSlots = 1 << 16) {
    this.hi = new Uint32Array(initialSlots);
    this.lo = new Uint32Array(initialSlots);
    this.seen = new Int32Array(initialSlots);
    this.mask = initialSlots - 1;
  }

  /** The ord of the next edge with this key: how many came before it. */
  next(src: number, dst: number, type: string): number {
    let h1 = Math.imul(0x811c9dc5 ^ src, 0x01000193);
    let h2 = Math.imul(0x9747b28c ^ src, 0x5bd1e995);
    h1 = Math.imul(h1 ^ dst, 0x01000193);
    h2 = Math.imul(h2 ^ (h2 >>> 15) ^ dst, 0x5bd1e995);
    for (let i = 0; i < type.length; i++) {
      const c = type.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = (h1 ^ (h1 >>> 16)) >>> 0;
    h2 = (h2 ^ (h2 >>> 13)) >>> 0;
    if (h1 === 0 && h2 === 0) h2 = 1; // 0/0 marks an empty slot
    let i = h1 & this.mask;
    for (;;) {
      const a = this.hi[i];
      const b = this.lo[i];
      if (a === h1 && b === h2) return this.seen[i]++;
      if (a === 0 && b === 0) break;
      i = (i + 1) & this.mask;
    }
    if (this.saturated || this.count + 1 > this.maxKeys) {
      this.saturated = true;
      return 0;
    }
    this.hi[i] = h1;
    this.lo[i] = h2;
    this.seen[i] = 1;
    this.count++;
    if (this.count * 2 > this.hi.length) this.grow();
    return 0;
  }

  private grow(): void {
    const oldHi = this.hi;
    const oldLo = this.lo;
    const oldSeen = this.seen;
    const size = oldHi.length * 2;
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.seen = new Int32Array(size);
    this.mask = size - 1;
    for (let j = 0; j < oldHi.length; j++) {
      const a = oldHi[j];
      const b = oldLo[j];
      if (a === 0 && b === 0) continue;
      let i = a & this.mask;
      while (this.hi[i] !== 0 || this.lo[i] !== 0) i = (i + 1) & this.mask;
      this.hi[i] = a;
      this.lo[i] = b;
      this.seen[i] = oldSeen[j];
    }
  }
}

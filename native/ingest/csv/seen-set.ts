/**
 * Remembers which keys (node ids, edge rows) a file has already produced, in bounded memory:
 * keys are kept as 64-bit hashes (two 32-bit FNV-1a variants) in an open-addressing table of
 * typed arrays, 8 bytes a slot. At `maxKeys` distinct keys it stops growing and says so
 * (`saturated`), so a multi-GB file cannot exhaust memory; callers then fall back to
 * per-batch de-duplication and stop counting duplicates. Given an `overflow` store, a full table
 * instead hands new hashes to it (spill-seen-set.ts keeps them in a temporary SQLite file), so
 * the answer stays exact at any size and the table never saturates. A false "seen" needs a
 * 64-bit collision: about 1 in 10^7 for 1M keys.
 */
export interface SeenOverflow {
  /** Adds the hash; true when it was new. */
  add(hi: number, lo: number): boolean;
  readonly size: number;
}

export class SeenSet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private mask: number;
  private count = 0;
  saturated = false;

  constructor(private readonly maxKeys = 4_000_000, initialSlots = 1 << 16, private readonly overflow?: SeenOverflow) {
    this.hi = new Uint32Array(initialSlots);
    this.lo = new Uint32Array(initialSlots);
    this.mask = initialSlots - 1;
  }

  /** Distinct keys added, including those held by the overflow store. */
  get size(): number {
    return this.count + (this.overflow?.size ?? 0);
  }

  /** Adds the key; true when it was new, false when seen before (or when saturated). */
  add(key: string): boolean {
    if (this.saturated) return false;
    this.h1 = 0x811c9dc5;
    this.h2 = 0x9747b28c;
    this.mix(key);
    return this.insert();
  }

  /** Adds a row of fields as one key (fields kept apart, so ["ab","c"] differs from ["a","bc"]). */
  addRow(fields: string[]): boolean {
    if (this.saturated) return false;
    this.h1 = 0x811c9dc5;
    this.h2 = 0x9747b28c;
    for (let f = 0; f < fields.length; f++) {
      this.mix(fields[f]);
      this.h1 = Math.imul(this.h1 ^ 0x1f, 0x01000193);
      this.h2 = Math.imul(this.h2 ^ 0x1f, 0x5bd1e995);
    }
    return this.insert();
  }

  private h1 = 0;
  private h2 = 0;

  private mix(key: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  private insert(): boolean {
    let h1 = this.h1;
    let h2 = this.h2;
    h1 = (h1 ^ (h1 >>> 16)) >>> 0;
    h2 = (h2 ^ (h2 >>> 13)) >>> 0;
    if (h1 === 0 && h2 === 0) h2 = 1; // 0/0 marks an empty slot
    let i = h1 & this.mask;
    for (;;) {
      const a = this.hi[i];
      const b = this.lo[i];
      if (a === 0 && b === 0) break;
      if (a === h1 && b === h2) return false;
      i = (i + 1) & this.mask;
    }
    if (this.count + 1 > this.maxKeys) {
      if (this.overflow) return this.overflow.add(h1, h2);
      this.saturated = true;
      return false;
    }
    this.hi[i] = h1;
    this.lo[i] = h2;
    this.count++;
    if (this.count * 2 > this.hi.length) this.grow();
    return true;
  }

  private grow(): void {
    const oldHi = this.hi;
    const oldLo = this.lo;
    const size = oldHi.length * 2;
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.mask = size - 1;
    for (let j = 0; j < oldHi.length; j++) {
      const a = oldHi[j];
      const b = oldLo[j];
      if (a === 0 && b === 0) continue;
      let i = a & this.mask;
      while (this.hi[i] !== 0 || this.lo[i] !== 0) i = (i + 1) & this.mask;
      this.hi[i] = a;
      this.lo[i] = b;
    }
  }
}

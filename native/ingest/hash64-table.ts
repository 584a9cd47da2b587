/**
 * The importer's bounded-memory tables (csv/seen-set.ts, store/sqlite/id-rid-index.ts,
 * store/sqlite/parallel-ords.ts) keep keys as 64-bit hashes, not strings: `Key64` hashes a key
 * with two 32-bit FNV-1a variants, `Hash64Table` stores the two halves (and optionally one Int32
 * value a slot) in typed arrays with linear probing, at most half full. 8 bytes a slot, 12 with
 * values; 0/0 marks an empty slot, so a finished hash is never 0/0.
 */
export class Key64 {
  h1 = 0;
  h2 = 0;

  begin(): void {
    this.h1 = 0x811c9dc5;
    this.h2 = 0x9747b28c;
  }

  /** Mixes one code unit or small integer. */
  mixCode(c: number): void {
    this.h1 = Math.imul(this.h1 ^ c, 0x01000193);
    const h2 = Math.imul(this.h2 ^ c, 0x5bd1e995);
    this.h2 = h2 ^ (h2 >>> 15);
  }

  mix(key: string): void {
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

  /** Final avalanche of both halves, as unsigned 32-bit numbers, never 0/0. */
  finish(): void {
    const h1 = (this.h1 ^ (this.h1 >>> 16)) >>> 0;
    const h2 = (this.h2 ^ (this.h2 >>> 13)) >>> 0;
    this.h1 = h1;
    this.h2 = h1 === 0 && h2 === 0 ? 1 : h2;
  }
}

export class Hash64Table {
  private hi: Uint32Array;
  private lo: Uint32Array;
  /** One value a slot, when asked for. */
  values: Int32Array;
  private mask: number;
  count = 0;

  constructor(initialSlots: number, private readonly withValues: boolean) {
    this.hi = new Uint32Array(initialSlots);
    this.lo = new Uint32Array(initialSlots);
    this.values = new Int32Array(withValues ? initialSlots : 0);
    this.mask = initialSlots - 1;
  }

  /** The slot holding (h1, h2), or the empty slot where it would go. */
  slot(h1: number, h2: number): number {
    let i = h1 & this.mask;
    for (;;) {
      const a = this.hi[i];
      const b = this.lo[i];
      if ((a === h1 && b === h2) || (a === 0 && b === 0)) return i;
      i = (i + 1) & this.mask;
    }
  }

  occupied(i: number): boolean {
    return this.hi[i] !== 0 || this.lo[i] !== 0;
  }

  /** Puts (h1, h2, value) into the empty slot `i`; past half full the table grows and slots move. */
  fill(i: number, h1: number, h2: number, value = 0): void {
    this.hi[i] = h1;
    this.lo[i] = h2;
    if (this.withValues) this.values[i] = value;
    this.count++;
    if (this.count * 2 > this.hi.length) this.grow();
  }

  private grow(): void {
    const oldHi = this.hi;
    const oldLo = this.lo;
    const oldValues = this.values;
    const size = oldHi.length * 2;
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.values = new Int32Array(this.withValues ? size : 0);
    this.mask = size - 1;
    for (let j = 0; j < oldHi.length; j++) {
      const a = oldHi[j];
      const b = oldLo[j];
      if (a === 0 && b === 0) continue;
      const i = this.slot(a, b);
      this.hi[i] = a;
      this.lo[i] = b;
      if (this.withValues) this.values[i] = oldValues[j];
    }
  }
}

/**
 * Node id -> row id, for resolving edge endpoints while edges stream in (bulk import into an
 * empty workspace), in bounded memory: ids are kept as 64-bit hashes (two 32-bit FNV-1a
 * variants) beside the row id in typed arrays, 12 bytes a slot, at most half full (25 MB for 1M
 * nodes, also the most). At `maxKeys` ids (1M) it stops growing (`saturated`); callers then look
 * ids up in SQLite, so the table adds at most 25 MB to the ingest worker at any size.
 *
 * Two different ids of this import with the same hash are detected when the second one is
 * inserted (it gets another row id) and the slot is marked ambiguous, so callers resolve it
 * otherwise (bulk-nodes.ts: an exact map of the ids under ambiguous slots, or SQLite). What is not detected: an id that is NOT a node of this import (an edge to a
 * missing node) hashing like one that is; the chance is n / 2^64 per such id (~5e-14 at 1M nodes).
 */
export const AMBIGUOUS = -1;

export class IdRidIndex {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private rid: Int32Array;
  private mask: number;
  private count = 0;
  saturated = false;

  /**
   * `hashBits` (tests only) keeps that many bits of the hash, so that different ids collide and
   * the ambiguous-slot paths run on small inputs.
   */
  constructor(private readonly maxKeys = 1 << 20, initialSlots = 1 << 16, private readonly hashBits = 64) {
    this.hi = new Uint32Array(initialSlots);
    this.lo = new Uint32Array(initialSlots);
    this.rid = new Int32Array(initialSlots);
    this.mask = initialSlots - 1;
  }

  get size(): number {
    return this.count;
  }

  private h1 = 0;
  private h2 = 0;

  private hash(key: string): void {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = (h1 ^ (h1 >>> 16)) >>> 0;
    h2 = (h2 ^ (h2 >>> 13)) >>> 0;
    if (this.hashBits < 32) {
      h1 = (h1 & ((1 << this.hashBits) - 1)) >>> 0;
      h2 = 0;
    }
    if (h1 === 0 && h2 === 0) h2 = 1; // 0/0 marks an empty slot
    this.h1 = h1;
    this.h2 = h2;
  }

  /** Slot of the current hash: where it is, or the empty slot where it would go. */
  private slot(): number {
    const h1 = this.h1;
    const h2 = this.h2;
    let i = h1 & this.mask;
    for (;;) {
      const a = this.hi[i];
      const b = this.lo[i];
      if ((a === h1 && b === h2) || (a === 0 && b === 0)) return i;
      i = (i + 1) & this.mask;
    }
  }

  /** Slot found by the last `get`, for `setFound`. */
  private found = 0;

  /** Row id of `id`: > 0 when known, 0 when not in the index, AMBIGUOUS when two ids share its hash. */
  get(id: string): number {
    this.hash(id);
    this.found = this.slot();
    return this.rid[this.found];
  }

  /** Records that node `id` has row id `rid` (> 0). A repeat with the same rid is a merged duplicate. */
  set(id: string, rid: number): void {
    this.get(id);
    this.setFound(rid);
  }

  /** `set` for the id of the `get` just before (saves hashing it twice); no other call between. */
  setFound(rid: number): void {
    const i = this.found;
    if (this.hi[i] !== 0 || this.lo[i] !== 0) {
      if (this.rid[i] !== rid) this.rid[i] = AMBIGUOUS;
      return;
    }
    if (this.saturated || this.count + 1 > this.maxKeys) {
      this.saturated = true;
      return;
    }
    this.hi[i] = this.h1;
    this.lo[i] = this.h2;
    this.rid[i] = rid;
    this.count++;
    if (this.count * 2 > this.hi.length) this.grow();
  }

  private grow(): void {
    const oldHi = this.hi;
    const oldLo = this.lo;
    const oldRid = this.rid;
    const size = oldHi.length * 2;
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.rid = new Int32Array(size);
    this.mask = size - 1;
    for (let j = 0; j < oldHi.length; j++) {
      const a = oldHi[j];
      const b = oldLo[j];
      if (a === 0 && b === 0) continue;
      let i = a & this.mask;
      while (this.hi[i] !== 0 || this.lo[i] !== 0) i = (i + 1) & this.mask;
      this.hi[i] = a;
      this.lo[i] = b;
      this.rid[i] = oldRid[j];
    }
  }
}

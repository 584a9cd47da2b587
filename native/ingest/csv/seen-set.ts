/**
 * Remembers which keys (node ids, edge rows) a file has already produced, in bounded memory:
 * keys are kept as 64-bit hashes in an open-addressing table of
 * typed arrays (../hash64-table.ts), 8 bytes a slot. At `maxKeys` distinct keys it stops growing and says so
 * (`saturated`), so a multi-GB file cannot exhaust memory; callers then fall back to
 * per-batch de-duplication and stop counting duplicates. Given an `overflow` store, a full table
 * instead hands new hashes to it (spill-seen-set.ts keeps them in a temporary SQLite file), so
 * the answer stays exact at any size and the table never saturates. A false "seen" needs a
 * 64-bit collision: about 1 in 10^7 for 1M keys.
 */
import { Hash64Table, Key64 } from '../hash64-table';

export interface SeenOverflow {
  /** Adds the hash; true when it was new. */
  add(hi: number, lo: number): boolean;
  readonly size: number;
}

export class SeenSet {
  private readonly table: Hash64Table;
  private readonly key = new Key64();
  saturated = false;

  constructor(private readonly maxKeys = 4_000_000, initialSlots = 1 << 16, private readonly overflow?: SeenOverflow) {
    this.table = new Hash64Table(initialSlots, false);
  }

  /** Distinct keys added, including those held by the overflow store. */
  get size(): number {
    return this.table.count + (this.overflow?.size ?? 0);
  }

  /** Adds the key; true when it was new, false when seen before (or when saturated). */
  add(key: string): boolean {
    if (this.saturated) return false;
    this.key.begin();
    this.key.mix(key);
    return this.insert();
  }

  /** Adds a row of fields as one key (fields kept apart, so ["ab","c"] differs from ["a","bc"]). */
  addRow(fields: string[]): boolean {
    if (this.saturated) return false;
    const key = this.key;
    key.begin();
    for (let f = 0; f < fields.length; f++) {
      key.mix(fields[f]);
      key.mixCode(0x1f);
    }
    return this.insert();
  }

  private insert(): boolean {
    const key = this.key;
    key.finish();
    const table = this.table;
    const i = table.slot(key.h1, key.h2);
    if (table.occupied(i)) return false;
    if (table.count + 1 > this.maxKeys) {
      if (this.overflow) return this.overflow.add(key.h1, key.h2);
      this.saturated = true;
      return false;
    }
    table.fill(i, key.h1, key.h2);
    return true;
  }
}

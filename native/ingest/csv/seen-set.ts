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

/**
 * Keys kept exactly, as strings in a Set, before the table takes over: V8 hashes them natively,
 * where the 64-bit hash is a JavaScript loop over every character that runs slowly until it is
 * optimised, and a small file is over by then (CSV 10K nodes + 10K edges, fresh process: 10K
 * ids ~13 -> ~3 ms CPU). Bounded: at this many keys they are hashed into the table and dropped.
 * Only small inputs gain (past the move the hash loop is cold again), so the Set stays small:
 * with 64K keys, CSV 100K + 100K (parser thread) took ~10% more CPU and ~25 MB more RSS than
 * before; with 16K, 2228 -> 2178 ms CPU and 153 -> 154 MB (8 runs alternated, load ~7).
 */
export const EXACT_KEYS = 1 << 14;

/** The separator `addRow` puts after each field, as one code unit of the key. */
const FIELD_END = 0x1f;
const FIELD_END_CHAR = String.fromCharCode(FIELD_END);

export class SeenSet {
  private readonly table: Hash64Table;
  private readonly key = new Key64();
  /** Keys while there are fewer than `exactKeys` (the same key text `add` hashes); then undefined. */
  private exact: Set<string> | undefined;
  saturated = false;

  /** Keys kept as strings at most (never more than the table may hold). */
  private readonly exactKeys: number;

  /** `exactKeys`: keys kept as strings before the hash table (0: hash from the start). */
  constructor(private readonly maxKeys = 4_000_000, initialSlots = 1 << 16, private readonly overflow?: SeenOverflow, exactKeys = EXACT_KEYS) {
    this.table = new Hash64Table(initialSlots, false);
    this.exactKeys = Math.min(exactKeys, maxKeys);
    if (this.exactKeys > 0) this.exact = new Set();
  }

  /** Distinct keys added, including those held by the overflow store. */
  get size(): number {
    return (this.exact?.size ?? 0) + this.table.count + (this.overflow?.size ?? 0);
  }

  /** Adds the key; true when it was new, false when seen before (or when saturated). */
  add(key: string): boolean {
    if (this.saturated) return false;
    if (this.exact !== undefined && this.addExact(key)) return this.fresh;
    this.key.begin();
    this.key.mix(key);
    return this.insert();
  }

  /** Adds a row of fields as one key (fields kept apart, so ["ab","c"] differs from ["a","bc"]). */
  addRow(fields: string[]): boolean {
    if (this.saturated) return false;
    // The key text whose hash is the row's hash below: each field, then FIELD_END.
    if (this.exact !== undefined && this.addExact(fields.join(FIELD_END_CHAR) + FIELD_END_CHAR)) return this.fresh;
    const key = this.key;
    key.begin();
    for (let f = 0; f < fields.length; f++) {
      key.mix(fields[f]);
      key.mixCode(FIELD_END);
    }
    return this.insert();
  }

  /** Whether the last addExact's key was new. */
  private fresh = false;

  /**
   * Adds `key` to the exact set and returns true, or, when the set is full, moves its keys into
   * the table and returns false (the caller then hashes `key`).
   */
  private addExact(key: string): boolean {
    const exact = this.exact!;
    if (exact.size < this.exactKeys) {
      const before = exact.size;
      exact.add(key);
      this.fresh = exact.size !== before;
      return true;
    }
    this.exact = undefined;
    for (const k of exact) {
      this.key.begin();
      this.key.mix(k);
      this.insert();
    }
    return false;
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

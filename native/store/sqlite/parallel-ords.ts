/**
 * Numbers parallel edges of a bulk import as they stream in: the n-th edge with the same
 * (src, dst, type) gets ord n - 1, so the unique edge key can be built in one go. Before, every
 * edge got ord 0 and, when the key refused, parallel edges were numbered by a window function
 * and the key sorted again (GraphML 100K/500K: ~6 s wall of 9 s in the index stage).
 *
 * Keys are kept as 64-bit hashes beside a count (ingest/hash64-table.ts), 12 bytes a slot, at most half full (12.5 MB at
 * most, for 512K keys: a bound on the ingest worker's memory at any size). Two keys
 * with the same hash share a count: one of them then starts above 0, which keeps ords unique
 * within every key (all the index needs). At `maxKeys` keys new keys get ord 0 and the writer's
 * fallback numbers whatever the key still refuses.
 */
import { Hash64Table, Key64 } from '../../ingest/hash64-table';

/**
 * Keys counted exactly in a Map before the table takes over: V8 hashes the key text natively,
 * where the 64-bit hash is a JavaScript loop that is slow until optimised, and a small import is
 * over by then (10K edges in a fresh process: ~12 -> ~4 ms CPU). At this many keys their counts
 * move into the table and the Map is dropped; 16K, not more: the Map's strings live until then
 * (with 64K, CSV 100K + 100K took more CPU and RSS than without it; see seen-set.ts).
 */
export const EXACT_ORD_KEYS = 1 << 14;

export class ParallelOrds {
  private readonly table: Hash64Table;
  private readonly key = new Key64();
  /** `src,dst,type` -> edges so far, while there are fewer than `exactKeys` keys; then undefined. */
  private exact: Map<string, number> | undefined;
  private readonly exactKeys: number;
  saturated = false;

  constructor(private readonly maxKeys = 1 << 19, initialSlots = 1 << 16, exactKeys = EXACT_ORD_KEYS) {
    this.table = new Hash64Table(initialSlots, true);
    this.exactKeys = Math.min(exactKeys, maxKeys);
    if (this.exactKeys > 0) this.exact = new Map();
  }

  /** The ord of the next edge with this key: how many came before it. */
  next(src: number, dst: number, type: string): number {
    const exact = this.exact;
    if (exact !== undefined) {
      const k = `${src},${dst},${type}`;
      const n = exact.get(k);
      if (n !== undefined) {
        exact.set(k, n + 1);
        return n;
      }
      if (exact.size < this.exactKeys) {
        exact.set(k, 1);
        return 0;
      }
      this.moveToTable(exact);
    }
    this.hash(src, dst, type);
    const key = this.key;
    const table = this.table;
    const i = table.slot(key.h1, key.h2);
    if (table.occupied(i)) {
      const n = table.value(i);
      table.setValue(i, n + 1);
      return n;
    }
    if (this.saturated || table.count + 1 > this.maxKeys) {
      this.saturated = true;
      return 0;
    }
    table.fill(i, key.h1, key.h2, 1);
    return 0;
  }

  private hash(src: number, dst: number, type: string): void {
    const key = this.key;
    key.begin();
    key.mixInt(src);
    key.mixInt(dst);
    key.mix(type);
    key.finish();
  }

  /**
   * The exact counts into the table (at most maxKeys of them). Two keys with the same hash share
   * the larger count, so each key's next ord is still above every ord it gave.
   */
  private moveToTable(exact: Map<string, number>): void {
    this.exact = undefined;
    const table = this.table;
    for (const [k, n] of exact) {
      const a = k.indexOf(',');
      const b = k.indexOf(',', a + 1);
      this.hash(Number(k.slice(0, a)), Number(k.slice(a + 1, b)), k.slice(b + 1));
      const i = table.slot(this.key.h1, this.key.h2);
      if (table.occupied(i)) table.setValue(i, Math.max(table.value(i), n));
      else table.fill(i, this.key.h1, this.key.h2, n);
    }
  }
}

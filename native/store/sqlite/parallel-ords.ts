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

export class ParallelOrds {
  private readonly table: Hash64Table;
  private readonly key = new Key64();
  saturated = false;

  constructor(private readonly maxKeys = 1 << 19, initialSlots = 1 << 16) {
    this.table = new Hash64Table(initialSlots, true);
  }

  /** The ord of the next edge with this key: how many came before it. */
  next(src: number, dst: number, type: string): number {
    const key = this.key;
    key.begin();
    key.mixCode(src);
    key.mixCode(dst);
    key.mix(type);
    key.finish();
    const table = this.table;
    const i = table.slot(key.h1, key.h2);
    if (table.occupied(i)) return table.values[i]++;
    if (this.saturated || table.count + 1 > this.maxKeys) {
      this.saturated = true;
      return 0;
    }
    table.fill(i, key.h1, key.h2, 1);
    return 0;
  }
}

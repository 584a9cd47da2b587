/**
 * Node id -> row id, for resolving edge endpoints while edges stream in (bulk import into an
 * empty workspace), in bounded memory: ids are kept as 64-bit hashes beside the row id
 * (ingest/hash64-table.ts), 12 bytes a slot, at most half full (25 MB for 1M
 * nodes, also the most). At `maxKeys` ids (1M) it stops growing (`saturated`); callers then look
 * ids up in SQLite, so the table adds at most 25 MB to the ingest worker at any size.
 *
 * Two different ids of this import with the same hash are detected when the second one is
 * inserted (it gets another row id) and the slot is marked ambiguous, so callers resolve it
 * otherwise (bulk-nodes.ts: an exact map of the ids under ambiguous slots, or SQLite). What is not detected: an id that is NOT a node of this import (an edge to a
 * missing node) hashing like one that is; the chance is n / 2^64 per such id (~5e-14 at 1M nodes).
 */
import { Hash64Table, Key64 } from '../../ingest/hash64-table';

export const AMBIGUOUS = -1;

export class IdRidIndex {
  private readonly table: Hash64Table;
  private readonly key = new Key64();
  saturated = false;

  /**
   * `hashBits` (tests only) keeps that many bits of the hash, so that different ids collide and
   * the ambiguous-slot paths run on small inputs.
   */
  constructor(private readonly maxKeys = 1 << 20, initialSlots = 1 << 16, private readonly hashBits = 64) {
    this.table = new Hash64Table(initialSlots, true);
  }

  get size(): number {
    return this.table.count;
  }

  private hash(id: string): void {
    const key = this.key;
    key.begin();
    key.mix(id);
    key.finish();
    if (this.hashBits < 32) {
      key.h1 = (key.h1 & ((1 << this.hashBits) - 1)) >>> 0;
      key.h2 = key.h1 === 0 ? 1 : 0; // never 0/0, the empty-slot mark
    }
  }

  /** Slot found by the last `get`, for `setFound`. */
  private found = 0;

  /** Row id of `id`: > 0 when known, 0 when not in the index, AMBIGUOUS when two ids share its hash. */
  get(id: string): number {
    this.hash(id);
    this.found = this.table.slot(this.key.h1, this.key.h2);
    return this.table.value(this.found);
  }

  /** Records that node `id` has row id `rid` (> 0). A repeat with the same rid is a merged duplicate. */
  set(id: string, rid: number): void {
    this.get(id);
    this.setFound(rid);
  }

  /** `set` for the id of the `get` just before (saves hashing it twice); no other call between. */
  setFound(rid: number): void {
    const i = this.found;
    const table = this.table;
    if (table.occupied(i)) {
      if (table.value(i) !== rid) table.setValue(i, AMBIGUOUS);
      return;
    }
    if (this.saturated || table.count + 1 > this.maxKeys) {
      this.saturated = true;
      return;
    }
    table.fill(i, this.key.h1, this.key.h2, rid);
  }
}

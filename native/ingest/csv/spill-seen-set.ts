/**
 * Duplicate detection in bounded memory at any input size: a SeenSet (64-bit hashes in typed
 * arrays) holds the first `memKeys` distinct keys (1M: 16 MB), and keys past that go to a
 * temporary SQLite file (a WITHOUT ROWID table keyed by the two hash halves), opened only when
 * the table fills. The file is SQLite's anonymous temp database: private to this connection and
 * deleted when it closes. Its page cache is capped (SPILL_CACHE_KB), so the ingest worker's
 * RSS does not grow with the file; the parser keeps counting duplicates exactly.
 *
 * Before this, a 2.2M-node CSV grew the parser's table to 64 MB (4M keys: 128 MB) and past 4M
 * keys duplicates stopped being counted.
 */
import Database from 'better-sqlite3';
import { SeenSet, type SeenOverflow } from './seen-set';

/** Distinct keys kept in memory: 1M keys use 2M slots of 8 bytes = 16 MB. */
export const SEEN_MEMORY_KEYS = 1 << 20;
/** Page cache of the spill file, KiB. */
const SPILL_CACHE_KB = 8 * 1024;

class SqliteSeenOverflow implements SeenOverflow {
  private db?: Database.Database;
  private insert?: Database.Statement;
  size = 0;

  add(hi: number, lo: number): boolean {
    if (!this.insert) this.open();
    const fresh = this.insert!.run(hi, lo).changes === 1;
    if (fresh) this.size++;
    return fresh;
  }

  private open(): void {
    const db = new Database('');
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma(`cache_size = -${SPILL_CACHE_KB}`);
    db.exec('CREATE TABLE seen (hi INTEGER NOT NULL, lo INTEGER NOT NULL, PRIMARY KEY (hi, lo)) WITHOUT ROWID');
    // One transaction for the whole file: a commit per key would sync the journal each time.
    db.exec('BEGIN');
    this.db = db;
    this.insert = db.prepare('INSERT OR IGNORE INTO seen (hi, lo) VALUES (?, ?)');
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
    this.insert = undefined;
  }

  get opened(): boolean {
    return this.db !== undefined;
  }
}

/** A SeenSet that never saturates: past `memKeys` it spills to SQLite. Call close() when done. */
export class SpillSeenSet extends SeenSet {
  private readonly spill: SqliteSeenOverflow;

  constructor(memKeys = SEEN_MEMORY_KEYS, initialSlots = 1 << 16) {
    const spill = new SqliteSeenOverflow();
    super(memKeys, initialSlots, spill);
    this.spill = spill;
  }

  /** Whether keys went to the SQLite file (for tests and diagnostics). */
  get spilled(): boolean {
    return this.spill.opened;
  }

  close(): void {
    this.spill.close();
  }
}

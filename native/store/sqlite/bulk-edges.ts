/**
 * Edges of a bulk import (into an empty workspace) written as they stream in: each endpoint id is
 * resolved to its node row id (bulk-nodes.ts: the JS id table filled as nodes are written; SQLite's
 * unique index once the table is full), the edge is inserted into `edges` at once, and node degrees
 * are counted in a typed array. Only edges naming a node not seen yet (a later file, or later in
 * the same file) go to the staging table and are resolved by the SQL join at commit.
 *
 * Measured on CSV 1M nodes + 1M edges: staging every edge and joining at commit cost ~5 s CPU of
 * the join plus ~1.5 s of staging inserts; the degree pass through the edge indexes ~1.9 s.
 */
import type Database from 'better-sqlite3';
import type { BulkNodes } from './bulk-nodes';
import { ParallelOrds } from './parallel-ords';

/** Edges per INSERT statement: one call for 32 rows instead of 32 (1M edges: ~1.1 s -> ~0.7 s CPU). */
const ROWS_PER_INSERT = 32;
const COLUMNS = 8;

const DEGREE_INSERT = 'INSERT INTO degrees(rid, degree) VALUES ';
const DEGREE_ROWS = 64;

/** Above this many nodes the degree array (4 bytes a node) is dropped and degrees are counted in SQL. */
const MAX_JS_DEGREE_NODES = 4_000_000;

/** Sizes of the JS tables (tests lower them to run the SQLite fallbacks). */
export interface BulkLimits {
  indexedIds?: number;
  ordKeys?: number;
  /** Bits of the id hash kept (bulk-nodes.ts), so that tests get colliding ids. */
  hashBits?: number;
  /** Node row ids the degree array may hold (default MAX_JS_DEGREE_NODES); past it, SQL counts. */
  jsDegreeNodes?: number;
}

export class BulkEdges {
  private readonly ords: ParallelOrds;
  private degrees: Int32Array;
  /** False once a row id exceeds what the degree array may hold: commit counts degrees in SQL. */
  private jsDegrees = true;
  private readonly insert: Database.Statement;
  private readonly insertMany: Database.Statement;
  private readonly pending: unknown[] = new Array(ROWS_PER_INSERT * COLUMNS);
  private pendingRows = 0;
  /** Highest edge row id inserted by `write` (after `flush`); edges after it came from the staged join. */
  lastDirectRid = 0;
  direct = 0;
  /** Edges inserted by `write`, by type: the import's stats without a GROUP BY over all edges (stats.ts). */
  private readonly typeCounts = new Map<string, number>();
  private readonly maxJsDegreeNodes: number;

  constructor(private readonly db: Database.Database, private readonly nodes: BulkNodes, limits: BulkLimits = {}) {
    this.ords = new ParallelOrds(limits.ordKeys);
    this.maxJsDegreeNodes = limits.jsDegreeNodes ?? MAX_JS_DEGREE_NODES;
    this.degrees = new Int32Array(Math.min(1 << 16, this.maxJsDegreeNodes));
    const insert = 'INSERT INTO edges(src, dst, type, ord, eid, props, file_id, line) VALUES ';
    this.insert = db.prepare(`${insert}(?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertMany = db.prepare(insert + new Array(ROWS_PER_INSERT).fill('(?, ?, ?, ?, ?, ?, ?, ?)').join(', '));
  }

  /** Inserts the edge when both endpoints exist; false means the caller stages it. */
  write(source: string, target: string, type: string, eid: string | null, props: string | null, fileId: number, line: number | null): boolean {
    // 0: not a node of this import (yet); the caller stages the edge.
    const src = this.nodes.resolve(source);
    if (src === 0) return false;
    const dst = this.nodes.resolve(target);
    if (dst === 0) return false;
    const p = this.pending;
    let k = this.pendingRows * COLUMNS;
    p[k++] = src; p[k++] = dst; p[k++] = type; p[k++] = this.ords.next(src, dst, type);
    p[k++] = eid; p[k++] = props; p[k++] = fileId; p[k] = line;
    if (++this.pendingRows === ROWS_PER_INSERT) {
      this.lastDirectRid = Number(this.insertMany.run(p).lastInsertRowid);
      this.pendingRows = 0;
    }
    this.direct++;
    this.typeCounts.set(type, (this.typeCounts.get(type) ?? 0) + 1);
    this.count(src);
    this.count(dst);
    return true;
  }

  /** Inserts the edges still held back; before commit reads `edges`. */
  flush(): void {
    const p = this.pending;
    for (let r = 0; r < this.pendingRows; r++) {
      this.lastDirectRid = Number(this.insert.run(p.slice(r * COLUMNS, (r + 1) * COLUMNS)).lastInsertRowid);
    }
    this.pendingRows = 0;
  }

  /** Every edge of the (bulk) import by type: those written here and those the staged join added after them. */
  edgeTypeCounts(): Map<string, number> {
    const counts = new Map(this.typeCounts);
    const joined = this.db.prepare('SELECT type, count(*) FROM edges WHERE rid > ? GROUP BY type').raw().iterate(this.lastDirectRid) as IterableIterator<[string, number]>;
    for (const [type, n] of joined) counts.set(type, (counts.get(type) ?? 0) + n);
    return counts;
  }

  private count(rid: number): void {
    if (!this.jsDegrees) return;
    if (rid >= this.degrees.length) {
      if (rid >= this.maxJsDegreeNodes) {
        this.jsDegrees = false;
        return;
      }
      let size = this.degrees.length;
      while (size <= rid) size *= 2;
      const grown = new Int32Array(size);
      grown.set(this.degrees);
      this.degrees = grown;
    }
    this.degrees[rid]++;
  }

  /**
   * Writes every node's degree into `degrees` (empty: all nodes are new in a bulk import), one row
   * per node with edges in row-id order: from the counts when they are complete (edges the staged
   * join added are counted here first), else by the SQL count.
   */
  applyDegrees(): void {
    const db = this.db;
    if (this.jsDegrees) {
      const joined = db.prepare('SELECT src, dst FROM edges WHERE rid > ?').raw().iterate(this.lastDirectRid) as IterableIterator<[number, number]>;
      for (const [s, d] of joined) {
        this.count(s);
        this.count(d);
      }
    }
    if (!this.jsDegrees) {
      // Not the incremental import's GROUP BY over the edges (import-writer.ts): over every edge it
      // sorts both endpoint lists, where these index probes are cheaper (CSV 1M + 1M workspace,
      // same rows: 1.28-1.29 s vs 1.95-2.08 s CPU).
      db.exec(`INSERT INTO degrees(rid, degree) SELECT rid, d FROM (
        SELECT rid, (SELECT count(*) FROM edges WHERE src = nodes.rid) + (SELECT count(*) FROM edges WHERE dst = nodes.rid) AS d FROM nodes
      ) WHERE d > 0`);
      return;
    }
    // Appends in row-id order, 64 rows a statement (fewer calls into SQLite).
    const degrees = this.degrees;
    const many = db.prepare(DEGREE_INSERT + new Array(DEGREE_ROWS).fill('(?, ?)').join(', '));
    const one = db.prepare(`${DEGREE_INSERT}(?, ?)`);
    const args: number[] = new Array(2 * DEGREE_ROWS);
    let k = 0;
    for (let rid = 1; rid < degrees.length; rid++) {
      const d = degrees[rid];
      if (d === 0) continue;
      args[k++] = rid;
      args[k++] = d;
      if (k === args.length) {
        many.run(args);
        k = 0;
      }
    }
    for (let i = 0; i < k; i += 2) one.run(args[i], args[i + 1]);
  }
}

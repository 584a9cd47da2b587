/**
 * Canvas positions saved per workspace: where the user (or a layout) put each node, and whether it
 * is pinned. Kept in the workspace's own SQLite file so they travel with it and survive reloads.
 * Its own table, created on first use, so the import schema (schema.ts) stays untouched.
 */
import type Database from 'better-sqlite3';

export interface SavedPosition {
  id: string;
  x: number;
  y: number;
  pinned: boolean;
}

const DDL = `
CREATE TABLE IF NOT EXISTS view_positions (
  node_id TEXT PRIMARY KEY,
  x REAL NOT NULL,
  y REAL NOT NULL,
  pinned INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;
`;

/** SQLite's default limit on host parameters is 32,766; lookups go in chunks well below it. */
const LOOKUP_CHUNK = 500;

export class ViewStateStore {
  private readonly upsert: Database.Statement;
  private readonly lookups = new Map<number, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    db.exec(DDL);
    this.upsert = db.prepare(
      `INSERT INTO view_positions(node_id, x, y, pinned, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(node_id) DO UPDATE SET x = excluded.x, y = excluded.y, pinned = excluded.pinned, updated_at = excluded.updated_at`,
    );
  }

  /** Saves (inserts or replaces) positions in one transaction; returns how many were written. */
  save(positions: SavedPosition[]): number {
    const now = Date.now();
    const tx = this.db.transaction((rows: SavedPosition[]) => {
      for (const p of rows) {
        if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
        this.upsert.run(p.id, p.x, p.y, p.pinned ? 1 : 0, now);
      }
    });
    tx(positions);
    return positions.length;
  }

  /** Positions of the given node ids that were saved before (unknown ids are left out). */
  load(ids: string[]): SavedPosition[] {
    const out: SavedPosition[] = [];
    for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
      const chunk = ids.slice(i, i + LOOKUP_CHUNK);
      const rows = this.lookup(chunk.length).all(...chunk) as Array<{ node_id: string; x: number; y: number; pinned: number }>;
      for (const r of rows) out.push({ id: r.node_id, x: r.x, y: r.y, pinned: r.pinned === 1 });
    }
    return out;
  }

  /** Forgets saved positions: of the given ids, or all of them (a fresh layout from scratch). */
  clear(ids?: string[]): number {
    if (!ids) return this.db.prepare('DELETE FROM view_positions').run().changes;
    const del = this.db.prepare('DELETE FROM view_positions WHERE node_id = ?');
    let n = 0;
    this.db.transaction(() => {
      for (const id of ids) n += del.run(id).changes;
    })();
    return n;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS c FROM view_positions').get() as { c: number }).c;
  }

  private lookup(n: number): Database.Statement {
    let stmt = this.lookups.get(n);
    if (!stmt) {
      stmt = this.db.prepare(`SELECT node_id, x, y, pinned FROM view_positions WHERE node_id IN (${new Array(n).fill('?').join(',')})`);
      // Only the full chunk size and a few tail sizes recur; keep the cache from growing without bound.
      if (this.lookups.size > 32) this.lookups.clear();
      this.lookups.set(n, stmt);
    }
    return stmt;
  }
}

const byDb = new WeakMap<Database.Database, ViewStateStore>();

/** One ViewStateStore per open database (its statements are prepared once). */
export function viewStateFor(db: Database.Database): ViewStateStore {
  let vs = byDb.get(db);
  if (!vs) byDb.set(db, (vs = new ViewStateStore(db)));
  return vs;
}

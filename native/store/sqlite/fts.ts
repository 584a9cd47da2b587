/**
 * Keeps the name index (FTS5, external content) in step with `nodes`: triggers for ordinary
 * writes; for a bulk load into an empty workspace the triggers are dropped and the index is
 * rebuilt once at the end, which is several times faster than row-by-row maintenance.
 */
import type Database from 'better-sqlite3';

const TRIGGERS = `
CREATE TRIGGER IF NOT EXISTS nodes_fts_ai AFTER INSERT ON nodes BEGIN
  INSERT INTO nodes_fts(rowid, name) VALUES (new.rid, new.name);
END;
CREATE TRIGGER IF NOT EXISTS nodes_fts_ad AFTER DELETE ON nodes BEGIN
  INSERT INTO nodes_fts(nodes_fts, rowid, name) VALUES ('delete', old.rid, old.name);
END;
CREATE TRIGGER IF NOT EXISTS nodes_fts_au AFTER UPDATE OF name ON nodes BEGIN
  INSERT INTO nodes_fts(nodes_fts, rowid, name) VALUES ('delete', old.rid, old.name);
  INSERT INTO nodes_fts(rowid, name) VALUES (new.rid, new.name);
END;
`;

export function installFtsTriggers(db: Database.Database): void {
  db.exec(TRIGGERS);
}

export function dropFtsTriggers(db: Database.Database): void {
  db.exec('DROP TRIGGER IF EXISTS nodes_fts_ai; DROP TRIGGER IF EXISTS nodes_fts_ad; DROP TRIGGER IF EXISTS nodes_fts_au;');
}

export function rebuildFts(db: Database.Database): void {
  db.exec("INSERT INTO nodes_fts(nodes_fts) VALUES ('rebuild')");
}

/** Turns what a user typed into an FTS5 query: every word a quoted prefix term, all required. */
export function ftsQuery(input: string): string | null {
  const words = input
    .normalize('NFKC')
    .split(/[\s\p{P}\p{S}]+/u)
    .map((w) => w.trim())
    .filter(Boolean)
    .slice(0, 8);
  if (!words.length) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}

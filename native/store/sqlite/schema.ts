/**
 * The workspace database. Integer row ids everywhere so adjacency loads into typed arrays (CSR);
 * node ids from the source are kept as text in a unique index. Edges are identified by
 * (src, dst, type, ord) where ord numbers parallel edges of one import, so re-importing the same
 * file updates instead of duplicating.
 */
import type Database from 'better-sqlite3';

/** 2: node degrees in their own table (`degrees`) instead of a `nodes` column. */
export const SCHEMA_VERSION = 2;

const DDL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS imports (
  id INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  result TEXT
);
CREATE TABLE IF NOT EXISTS files (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  format TEXT
);
CREATE TABLE IF NOT EXISTS nodes (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL DEFAULT '',
  labels TEXT,
  props TEXT,
  text TEXT,
  file_id INTEGER,
  line INTEGER
);
CREATE UNIQUE INDEX IF NOT EXISTS nodes_id ON nodes(id);
CREATE TABLE IF NOT EXISTS edges (
  rid INTEGER PRIMARY KEY,
  src INTEGER NOT NULL,
  dst INTEGER NOT NULL,
  type TEXT NOT NULL DEFAULT '',
  ord INTEGER NOT NULL DEFAULT 0,
  eid TEXT,
  props TEXT,
  file_id INTEGER,
  line INTEGER
);
CREATE TABLE IF NOT EXISTS degrees (
  rid INTEGER PRIMARY KEY,
  degree INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS vectors (
  rid INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  dim INTEGER NOT NULL,
  vec BLOB NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS nodes_fts USING fts5(
  name, content='nodes', content_rowid='rid', tokenize='unicode61 remove_diacritics 2'
);
`;

// Degrees (edges at a node, both directions) live in `degrees`, one row per node with edges; a
// node without a row has degree 0. A bulk import writes it in row-id order from its typed array
// and indexes it once: measured on CSV 1M nodes + 1M edges (864K with edges), 0.25 s inserts +
// 0.18-0.21 s index, where rewriting every node row (an UPDATE of a `nodes.degree` column through
// a SQL function, 0.64-0.78 s) and indexing the column (0.29 s) took ~1.0 s.

// No FTS prefix indexes (prefix='2 3' before): measured on 1M generated names, building them cost
// 2.1 s CPU instead of 1.2 s, while a two-word prefix query matching 110K names takes 12 ms
// instead of 7 ms without them. Workspaces made earlier keep their table as it was; both work.

/**
 * Indexes dropped before a bulk load into an empty workspace and rebuilt after it. nodes_id is
 * also in the DDL above; a bulk import builds it when its JS id table is full, else at commit.
 */
export const BULK_INDEXES: Array<{ name: string; sql: string }> = [
  { name: 'nodes_id', sql: 'CREATE UNIQUE INDEX IF NOT EXISTS nodes_id ON nodes(id)' },
  { name: 'edges_key', sql: 'CREATE UNIQUE INDEX IF NOT EXISTS edges_key ON edges(src, dst, type, ord)' },
  { name: 'edges_dst', sql: 'CREATE INDEX IF NOT EXISTS edges_dst ON edges(dst)' },
  { name: 'degrees_order', sql: 'CREATE INDEX IF NOT EXISTS degrees_order ON degrees(degree DESC)' },
  { name: 'nodes_type', sql: 'CREATE INDEX IF NOT EXISTS nodes_type ON nodes(type)' },
];

/** The CREATE statement of the bulk index `name`. */
export function bulkIndexSql(name: string): string {
  const idx = BULK_INDEXES.find((i) => i.name === name);
  if (!idx) throw new Error(`no bulk index ${name}`);
  return idx.sql;
}

/** Drops every bulk index, for a bulk load that builds them again after its rows. */
export function dropBulkIndexes(db: Database.Database): void {
  for (const idx of BULK_INDEXES) db.exec(`DROP INDEX IF EXISTS ${idx.name}`);
}

export function migrate(db: Database.Database): void {
  db.transaction(() => {
    const hadDegrees = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'degrees'").get() !== undefined;
    db.exec(DDL);
    if (!hadDegrees) moveDegrees(db);
    for (const idx of BULK_INDEXES) db.exec(idx.sql);
    // Written only when it changes: an open must not wait for another connection's write lock.
    const version = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get() as string | undefined;
    if (version !== String(SCHEMA_VERSION)) db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
  })();
}

/**
 * Workspaces made before schema 2 kept degrees in `nodes.degree` (indexed by nodes_degree): they
 * move to `degrees` once. The column stays (dropping it rewrites the table) and is no longer read.
 */
function moveDegrees(db: Database.Database): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('nodes')").pluck().all() as string[];
  if (!columns.includes('degree')) return;
  db.exec('INSERT INTO degrees(rid, degree) SELECT rid, degree FROM nodes WHERE degree > 0');
  db.exec('DROP INDEX IF EXISTS nodes_degree');
}

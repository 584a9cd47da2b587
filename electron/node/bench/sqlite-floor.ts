/**
 * The floor under a bulk import into SQLite: what SQLite itself spends storing and indexing the
 * rows of a finished import, with nothing parsed. The rows of an imported workspace are copied
 * into a new workspace, opened as the app opens one (pragmas, schema, 16 KiB pages, WAL) with the
 * bulk indexes and search triggers dropped as a bulk import drops them. Then the same indexes,
 * degrees and search index are built, and the transaction commits.
 *
 * Two ways of inserting the rows:
 * - 'sql': INSERT ... SELECT from the attached source. No JS runs per row, so this is the least any
 *   importer that keeps this schema in SQLite can spend.
 * - 'bound': the rows go through prepared 32-row INSERT statements from JS arrays, as an importer
 *   holding parsed rows must hand them over. Reading the source rows is not timed.
 * Degrees (one small row per node with edges) are copied by SQL in both.
 *
 * Issue #3 asks for CSV 1M nodes + 1M edges in <= 6 s; this says how much of that SQLite alone needs.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { databasePath, openDatabase } from '../../../native/store/sqlite/open';
import { bulkIndexSql, dropBulkIndexes } from '../../../native/store/sqlite/schema';
import { dropFtsTriggers, installFtsTriggers, rebuildFts } from '../../../native/store/sqlite/fts';

export type FloorMode = 'sql' | 'bound';

export interface FloorStep {
  name: string;
  ms: number;
}

export interface FloorResult {
  mode: FloorMode;
  steps: FloorStep[];
  /** Sum of the steps, ms. */
  ms: number;
  nodes: number;
  edges: number;
}

const NODE_COLUMNS = ['rid', 'id', 'name', 'type', 'labels', 'props', 'text', 'file_id', 'line'];
const EDGE_COLUMNS = ['rid', 'src', 'dst', 'type', 'ord', 'eid', 'props', 'file_id', 'line'];
/** Rows per INSERT statement in 'bound' mode (the importer's edge inserts use 32 too). */
const ROWS_PER_INSERT = 32;
/** Source rows read at a time in 'bound' mode: memory stays bounded at any size. */
const READ_CHUNK = 8192;

/**
 * Inserts every row of `table` from the source through prepared statements; returns the ms spent
 * in the inserts alone.
 */
function copyBound(source: Database.Database, target: Database.Database, table: string, columns: string[]): number {
  const list = columns.join(', ');
  const row = `(${columns.map(() => '?').join(', ')})`;
  const many = target.prepare(`INSERT INTO ${table}(${list}) VALUES ${Array(ROWS_PER_INSERT).fill(row).join(', ')}`);
  const one = target.prepare(`INSERT INTO ${table}(${list}) VALUES ${row}`);
  const read = source.prepare(`SELECT ${list} FROM ${table} WHERE rid > ? ORDER BY rid LIMIT ${READ_CHUNK}`).raw();
  const params = new Array<unknown>(ROWS_PER_INSERT * columns.length);
  let after = 0;
  let ms = 0;
  for (;;) {
    const rows = read.all(after) as unknown[][];
    if (!rows.length) return ms;
    after = rows[rows.length - 1]![0] as number;
    const t0 = performance.now();
    let i = 0;
    for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) {
      let k = 0;
      for (let r = i; r < i + ROWS_PER_INSERT; r++) for (const v of rows[r]!) params[k++] = v;
      many.run(params);
    }
    for (; i < rows.length; i++) one.run(rows[i]);
    ms += performance.now() - t0;
  }
}

/**
 * Copies the graph of the workspace database `sourceFile` into a new workspace in `targetDir`
 * (which must not hold one yet) and times each step. The target is left for the caller to inspect
 * or delete.
 */
export function measureSqliteFloor(sourceFile: string, targetDir: string, mode: FloorMode): FloorResult {
  if (fs.existsSync(databasePath(targetDir))) throw new Error(`${targetDir} already holds a workspace`);
  const db = openDatabase(targetDir);
  const source = new Database(sourceFile, { readonly: true });
  const steps: FloorStep[] = [];
  const step = (name: string, work: () => number | void) => {
    const t0 = performance.now();
    const timed = work();
    steps.push({ name, ms: typeof timed === 'number' ? timed : performance.now() - t0 });
  };
  try {
    db.prepare('ATTACH DATABASE ? AS src').run(sourceFile);
    db.exec('BEGIN IMMEDIATE');
    dropBulkIndexes(db);
    dropFtsTriggers(db);
    if (mode === 'sql') {
      step('insert nodes', () => void db.exec(`INSERT INTO nodes(${NODE_COLUMNS.join(', ')}) SELECT ${NODE_COLUMNS.join(', ')} FROM src.nodes ORDER BY rid`));
      step('insert edges', () => void db.exec(`INSERT INTO edges(${EDGE_COLUMNS.join(', ')}) SELECT ${EDGE_COLUMNS.join(', ')} FROM src.edges ORDER BY rid`));
    } else {
      step('insert nodes', () => copyBound(source, db, 'nodes', NODE_COLUMNS));
      step('insert edges', () => copyBound(source, db, 'edges', EDGE_COLUMNS));
    }
    step('nodes_id', () => void db.exec(bulkIndexSql('nodes_id')));
    step('edge indexes', () => void db.exec(`${bulkIndexSql('edges_key')}; ${bulkIndexSql('edges_dst')}`));
    step('nodes_type', () => void db.exec(bulkIndexSql('nodes_type')));
    step('degrees', () => void db.exec(`INSERT INTO degrees(rid, degree) SELECT rid, degree FROM src.degrees ORDER BY rid; ${bulkIndexSql('degrees_order')}`));
    step('search index', () => rebuildFts(db));
    installFtsTriggers(db);
    step('commit', () => void db.exec('COMMIT'));
    const count = (table: string) => (db.prepare(`SELECT count(*) AS c FROM ${table}`).get() as { c: number }).c;
    return { mode, steps, ms: steps.reduce((sum, s) => sum + s.ms, 0), nodes: count('nodes'), edges: count('edges') };
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
    source.close();
    db.close();
  }
}

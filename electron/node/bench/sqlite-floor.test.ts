/**
 * The floor measurement must do the work it times: the copy holds the same graph as the imported
 * workspace, with every index, the degrees and a working search index, in both insert modes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../../native/store/sqlite/sqlite-store';
import { databasePath } from '../../../native/store/sqlite/open';
import { BULK_INDEXES } from '../../../native/store/sqlite/schema';
import { runImport } from '../../../native/ingest/run-import';
import { generateAutoSchemaKgCsv } from '../../../native/ingest/csv/generate-csv';
import { measureSqliteFloor } from './sqlite-floor';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-floor-'));
const sourceDir = path.join(tmp, 'source');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

beforeAll(async () => {
  // More rows than one read chunk (8192) and not a multiple of 32, so both insert paths run.
  const { nodesFile, edgesFile } = await generateAutoSchemaKgCsv(path.join(tmp, 'csv'), 9000, 9001);
  const store = new SqliteStore(sourceDir);
  await runImport({ store, sources: [nodesFile, edgesFile].map((p) => ({ path: p, name: path.basename(p) })) });
  await store.close();
});

/** Everything a reader sees of the graph, by row id. */
function dump(file: string): Record<string, unknown> {
  const db = new Database(file, { readonly: true });
  try {
    return {
      nodes: db.prepare('SELECT rid, id, name, type, labels, props, text, file_id, line FROM nodes ORDER BY rid').raw().all(),
      edges: db.prepare('SELECT rid, src, dst, type, ord, eid, props, file_id, line FROM edges ORDER BY rid').raw().all(),
      degrees: db.prepare('SELECT rid, degree FROM degrees ORDER BY rid').raw().all(),
      indexes: (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]),
      triggers: db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").pluck().all(),
    };
  } finally {
    db.close();
  }
}

function searchRids(file: string, name: string): number[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT rowid FROM nodes_fts WHERE nodes_fts MATCH ? ORDER BY rowid').pluck().all(`"${name}"`) as number[];
  } finally {
    db.close();
  }
}

describe('measureSqliteFloor', () => {
  for (const mode of ['sql', 'bound'] as const) {
    it(`copies the graph with every index and the search index (${mode})`, () => {
      const target = path.join(tmp, mode);
      const result = measureSqliteFloor(databasePath(sourceDir), target, mode);
      expect(result.nodes).toBe(9000);
      expect(result.edges).toBeGreaterThan(0);
      const source = dump(databasePath(sourceDir));
      const copy = dump(databasePath(target));
      expect(copy).toEqual(source);
      expect(copy.indexes).toEqual(expect.arrayContaining(BULK_INDEXES.map((i) => i.name)));
      // The search index answers as the imported one does, for a name several nodes share a word of.
      const word = String((source.nodes as unknown[][])[10]![2]).split(' ')[0]!;
      const hits = searchRids(databasePath(target), word);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits).toEqual(searchRids(databasePath(sourceDir), word));
      expect(result.steps.map((s) => s.name)).toEqual(['insert nodes', 'insert edges', 'nodes_id', 'edge indexes', 'nodes_type', 'degrees', 'search index', 'commit']);
      expect(result.ms).toBeCloseTo(result.steps.reduce((sum, s) => sum + s.ms, 0), 6);
    });
  }

  it('refuses a folder that already holds a workspace', () => {
    expect(() => measureSqliteFloor(databasePath(sourceDir), sourceDir, 'sql')).toThrow(/already holds a workspace/);
  });
});

/**
 * Files parsed on the importing thread go to a store that takes columns as flat batches (the
 * handler's parseFlat, as in the parser thread); the workspace must be exactly what the record
 * path (parse + flattenBatch in the writer) gives.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GraphStore, ImportWriter } from '../store/graph-store';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import { runImport } from './run-import';
import { generateAutoSchemaKgCsv } from './csv/generate-csv';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-run-import-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The store's writer without writeFlat: runImport then parses records. */
function recordsOnly(store: SqliteStore): GraphStore {
  return Object.assign(Object.create(store) as SqliteStore, {
    beginImport: async (meta: { files: string[] }): Promise<ImportWriter> => {
      const w = await store.beginImport(meta);
      return { importId: w.importId, write: (b, f) => w.write(b, f), commit: (o) => w.commit(o), rollback: () => w.rollback() };
    },
  });
}

/** The store's own writer, counting which of its two entry points each batch came through. */
function counting(store: SqliteStore, calls: { write: number; writeFlat: number }): GraphStore {
  return Object.assign(Object.create(store) as SqliteStore, {
    beginImport: async (meta: { files: string[] }) => {
      const w = store.beginImportSync(meta.files);
      const write = w.write.bind(w);
      const writeFlat = w.writeFlat.bind(w);
      return Object.assign(w, {
        write: (b: Parameters<typeof write>[0], f: string) => { calls.write++; write(b, f); },
        writeFlat: (b: Parameters<typeof writeFlat>[0], f: string) => { calls.writeFlat++; writeFlat(b, f); },
      });
    },
  });
}

function dump(store: SqliteStore) {
  return {
    nodes: store.db.prepare('SELECT n.rid, id, name, type, labels, props, text, coalesce(g.degree, 0) AS degree, file_id, line FROM nodes n LEFT JOIN degrees g ON g.rid = n.rid ORDER BY n.rid').all(),
    edges: store.db.prepare('SELECT rid, src, dst, type, ord, eid, props, file_id, line FROM edges ORDER BY rid').all(),
  };
}

describe('runImport on the importing thread', () => {
  it('writes columns parsed flat exactly as records flattened by the writer', async () => {
    const gen = await generateAutoSchemaKgCsv(path.join(tmp, 'gen'), 1500, 2500);
    // A second node file repeating ids (merged) and an edge file naming a missing node (skipped).
    const more = path.join(tmp, 'more_nodes.csv');
    fs.writeFileSync(more, 'name:ID,type,concepts,synsets,:LABEL\n"x, 1",event,"[\'a\', \'b\']",[],Node\nx2,entity,[],[],Node\n');
    const dangling = path.join(tmp, 'more_edges.csv');
    fs.writeFileSync(dangling, ':START_ID,:END_ID,relation,concepts,synsets,:TYPE\nx2,nobody,led,[],[],Relation\nx2,"x, 1",led,"[\'c\']",[],Relation\nx2,"x, 1",led,"[\'c\']",[],Relation\n');
    const sources = [gen.edgesFile, gen.nodesFile, more, dangling].map((p) => ({ path: p, name: path.basename(p) }));

    const flatStore = new SqliteStore(path.join(tmp, 'flat'));
    const calls = { write: 0, writeFlat: 0 };
    const flat = await runImport({ store: counting(flatStore, calls), sources });
    expect(calls.write).toBe(0);
    expect(calls.writeFlat).toBeGreaterThan(4);
    const recordStore = new SqliteStore(path.join(tmp, 'records'));
    const records = await runImport({ store: recordsOnly(recordStore), sources });

    expect(flat.nodesAdded).toBe(1502);
    expect(flat.edgesAdded).toBeGreaterThan(2000);
    expect({ ...flat, ms: 0, cpuMs: 0, stages: [] }).toEqual({ ...records, ms: 0, cpuMs: 0, stages: [] });
    expect(flat.warnings.map((w) => w.code).sort()).toEqual(['DUPLICATE_EDGE', 'MISSING_ENDPOINT']);
    expect(dump(flatStore)).toEqual(dump(recordStore));
    // The import's time starts before format detection (its first stage), so the stages fit in it.
    expect(flat.stages.map((st) => st.name).slice(0, 3)).toEqual(['detect', 'parse', 'write']);
    const staged = flat.stages.reduce((sum, st) => sum + st.ms, 0);
    expect(staged).toBeLessThanOrEqual(flat.ms! + 1);
    await flatStore.close();
    await recordStore.close();
  });
});

/**
 * How the workspace index follows the embeddings table: exact while small, HNSW past the cut-off,
 * incremental adds after a save, and a rebuild when the files and the table disagree. The
 * semantics of real embeddings are tested in similarity.test.ts; here the rows are generated
 * clustered unit vectors, so thousands of them cost no inference.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { generateClusteredVectors } from '../vector/generate-vectors';
import { EXACT_CUTOFF } from '../vector/create-index';
import { ensureEmbeddingTable, vectorToBlob } from './embedding-table';
import { WorkspaceIndex, indexDirFor } from './workspace-index';

const D = 384;
const MODEL = 'test-model@000000000000';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-ws-index-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function freshDb(name: string): { db: Database.Database; dir: string } {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  const db = new Database(path.join(dir, 'graph.sqlite'));
  ensureEmbeddingTable(db);
  return { db, dir };
}

function insertRows(db: Database.Database, firstRid: number, vectors: Float32Array): void {
  const insert = db.prepare("INSERT OR REPLACE INTO embeddings(model, rid, source, vec) VALUES (?, ?, 'model', ?)");
  db.transaction(() => {
    for (let i = 0; i < vectors.length / D; i++) insert.run(MODEL, firstRid + i, vectorToBlob(vectors.subarray(i * D, (i + 1) * D)));
  })();
}

describe('WorkspaceIndex', () => {
  const all = generateClusteredVectors(EXACT_CUTOFF + 1500, D, { seed: 7 });
  const small = all.subarray(0, 3000 * D);
  const rest = all.subarray(3000 * D);

  it('starts exact, grows into HNSW past the cut-off, and finds stored vectors first', () => {
    const { db, dir } = freshDb('grow');
    insertRows(db, 1, small);
    const idx = new WorkspaceIndex(db, dir, MODEL, D);
    expect(idx.refresh()).toMatchObject({ rebuilt: true, added: 3000 });
    expect(idx.kind).toBe('exact');

    insertRows(db, 3001, rest);
    expect(idx.refresh()).toMatchObject({ rebuilt: false, added: rest.length / D });
    expect(idx.kind).toBe('hnsw');
    expect(idx.size).toBe(all.length / D);
    for (const rid of [1, 2999, 3001, all.length / D]) {
      const hits = idx.search(all.subarray((rid - 1) * D, rid * D), 3);
      expect(hits[0]).toMatchObject({ rid });
      expect(hits[0].score).toBeCloseTo(1, 4);
      expect(idx.search(all.subarray((rid - 1) * D, rid * D), 3, { exclude: rid }).map((h) => h.rid)).not.toContain(rid);
    }
    expect(idx.search(small.subarray(0, D), 10, { threshold: 0.999 })).toEqual([expect.objectContaining({ rid: 1 })]);
    expect(() => idx.search(new Float32Array(10), 3)).toThrow(/384-value vectors/);
    db.close();
  });

  it('reopens from disk and adds only rows written after the save; rebuilds when the table lost rows', () => {
    const { db, dir } = freshDb('reopen');
    insertRows(db, 1, small.subarray(0, 1000 * D));
    const first = new WorkspaceIndex(db, dir, MODEL, D);
    first.refresh();
    first.flush();

    insertRows(db, 1001, small.subarray(1000 * D, 1200 * D));
    const second = new WorkspaceIndex(db, dir, MODEL, D);
    expect(second.refresh()).toMatchObject({ rebuilt: false, added: 200 });
    expect(second.size).toBe(1200);
    second.flush();

    // Rows gone (a workspace rebuilt underneath): the saved index claims more than the table holds.
    db.prepare('DELETE FROM embeddings WHERE rid > 600').run();
    const third = new WorkspaceIndex(db, dir, MODEL, D);
    expect(third.refresh()).toMatchObject({ rebuilt: true, added: 600 });
    expect(third.size).toBe(600);
    db.close();
  });

  it('unreadable index files are rebuilt from the table, not trusted', () => {
    const { db, dir } = freshDb('broken');
    insertRows(db, 1, small.subarray(0, 500 * D));
    const idx = new WorkspaceIndex(db, dir, MODEL, D);
    idx.refresh();
    idx.flush();
    const folder = indexDirFor(dir, MODEL);
    for (const f of fs.readdirSync(folder)) if (f.startsWith('exact-')) fs.writeFileSync(path.join(folder, f), 'garbage');
    const again = new WorkspaceIndex(db, dir, MODEL, D);
    expect(again.refresh()).toMatchObject({ rebuilt: true, added: 500 });
    expect(again.search(small.subarray(0, D), 1)[0]).toMatchObject({ rid: 1 });
    db.close();
  });
});

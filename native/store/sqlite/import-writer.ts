/**
 * Writes one import into the workspace database inside a single transaction: nodes are upserted
 * as they stream in, edges are staged in a temp table and resolved by id at commit (so an edge may
 * name a node from a later file), and nothing is visible to readers until COMMIT. Rollback leaves
 * the database exactly as it was (also the indexes a bulk import drops). Into an empty workspace
 * nodes and edges take the bulk path (bulk-nodes.ts, bulk-edges.ts).
 */
import type Database from 'better-sqlite3';
import type { ParseBatch } from '../../ingest/format';
import { flattenBatch, propsJson, type FlatBatch, type FlatWriter } from '../../ingest/flat-rows';
import type { ImportCounts, ImportWriter } from '../graph-store';
import { BULK_INDEXES, bulkIndexSql, dropBulkIndexes } from './schema';
import { dropFtsTriggers, installFtsTriggers, rebuildFts } from './fts';
import { BulkEdges, type BulkLimits } from './bulk-edges';
import { BulkNodes, UPSERT_NODE } from './bulk-nodes';
import { clearCachedStats, statsWithEdgeTypes, writeCachedStats } from './stats';

const STAGE_DDL = `
CREATE TEMP TABLE IF NOT EXISTS edge_stage (
  seq INTEGER PRIMARY KEY, src TEXT NOT NULL, dst TEXT NOT NULL, type TEXT NOT NULL,
  eid TEXT, props TEXT, file_id INTEGER, line INTEGER
);
CREATE TEMP TABLE IF NOT EXISTS vec_stage (id TEXT NOT NULL, dim INTEGER NOT NULL, vec BLOB NOT NULL);
DELETE FROM edge_stage; DELETE FROM vec_stage;
`;

function vectorBlob(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

export class SqliteImportWriter implements ImportWriter, FlatWriter {
  readonly importId: number;
  private readonly fileIds = new Map<string, number>();
  private readonly bulk: boolean;
  /** Bulk import: nodes without nodes_id until commit (bulk-nodes.ts), edges resolved and written as they stream in (bulk-edges.ts). */
  private readonly bulkNodes?: BulkNodes;
  private readonly bulkEdges?: BulkEdges;
  private readonly nodesBefore: number;
  private readonly maxEdgeRid: number;
  private nodeRecords = 0;
  private edgeRecords = 0;
  private done = false;

  private readonly upsertNode?: Database.Statement;
  private readonly stageEdge: Database.Statement;
  private readonly stageVec: Database.Statement;
  private readonly annotate: Database.Statement;
  private readonly insertFile: Database.Statement;

  constructor(private readonly db: Database.Database, files: string[], private readonly onEvent?: (e: string) => void, bulkLimits?: BulkLimits) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(STAGE_DDL);
      this.nodesBefore = (db.prepare('SELECT count(*) AS c FROM nodes').get() as { c: number }).c;
      this.maxEdgeRid = (db.prepare('SELECT coalesce(max(rid), 0) AS m FROM edges').get() as { m: number }).m;
      const edgesBefore = (db.prepare('SELECT count(*) AS c FROM edges').get() as { c: number }).c;
      this.bulk = this.nodesBefore === 0 && edgesBefore === 0;
      if (this.bulk) {
        dropBulkIndexes(db);
        dropFtsTriggers(db);
      }
      this.importId = Number(db.prepare('INSERT INTO imports(started_at) VALUES (?)').run(Date.now()).lastInsertRowid);
      this.insertFile = db.prepare('INSERT INTO files(import_id, name, format) VALUES (?, ?, ?)');
      for (const f of files) this.fileId(f);
      if (this.bulk) {
        this.bulkNodes = new BulkNodes(db, bulkLimits?.indexedIds, bulkLimits?.hashBits);
        this.bulkEdges = new BulkEdges(db, this.bulkNodes, bulkLimits);
      } else {
        this.upsertNode = db.prepare(UPSERT_NODE);
      }
      this.stageEdge = db.prepare('INSERT INTO edge_stage(src, dst, type, eid, props, file_id, line) VALUES (?, ?, ?, ?, ?, ?, ?)');
      this.stageVec = db.prepare('INSERT INTO vec_stage(id, dim, vec) VALUES (?, ?, ?)');
      this.annotate = db.prepare(`
        UPDATE nodes SET
          name = coalesce(@name, name),
          text = coalesce(@text, text),
          props = CASE WHEN @props IS NULL THEN props WHEN props IS NULL THEN @props ELSE json_patch(props, @props) END
        WHERE id = @id`);
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
  }

  /** Row id of a file of this import, registering it on first sight. */
  fileId(name: string, format?: string): number {
    let id = this.fileIds.get(name);
    if (id === undefined) {
      id = Number(this.insertFile.run(this.importId, name, format ?? null).lastInsertRowid);
      this.fileIds.set(name, id);
    }
    return id;
  }

  setFormat(name: string, format: string): void {
    this.db.prepare('UPDATE files SET format = ? WHERE id = ?').run(format, this.fileId(name));
  }

  write(batch: ParseBatch, file: string): void {
    this.writeFlat(batch.flat ?? flattenBatch(batch), file);
  }

  writeFlat(batch: FlatBatch, file: string): void {
    const fileId = this.fileId(file);
    const { nodes, edges } = batch;
    // Unnamed nodes come named by their id (flat-rows.ts); a later record whose name is just its
    // id does not replace a real name (the upsert's CASE).
    const bulkNodes = this.bulkNodes;
    for (let i = 0; i < nodes.id.length; i++) {
      const line = nodes.line[i] || null;
      if (bulkNodes) bulkNodes.write(nodes.id[i], nodes.name[i], nodes.type[i], nodes.labels[i], nodes.props[i], nodes.text[i], fileId, line);
      else this.upsertNode!.run(nodes.id[i], nodes.name[i], nodes.type[i], nodes.labels[i], nodes.props[i], nodes.text[i], fileId, line);
    }
    for (const v of nodes.vectors ?? []) this.stageVec.run(nodes.id[v.index], v.vector.length, vectorBlob(v.vector));
    this.nodeRecords += nodes.id.length;
    this.edgeRecords += edges.source.length;
    const bulkEdges = this.bulkEdges;
    for (let i = 0; i < edges.source.length; i++) {
      const line = edges.line[i] || null;
      if (bulkEdges?.write(edges.source[i], edges.target[i], edges.type[i], edges.eid[i], edges.props[i], fileId, line)) continue;
      this.stageEdge.run(edges.source[i], edges.target[i], edges.type[i], edges.eid[i], edges.props[i], fileId, line);
    }
    if (batch.annotations) {
      for (const a of batch.annotations) {
        if (bulkNodes) bulkNodes.annotate(a.id, a.name ?? null, a.text ?? null, propsJson(a.props));
        else this.annotate.run({ name: a.name ?? null, text: a.text ?? null, props: propsJson(a.props), id: a.id });
      }
    }
  }

  async commit(opts: { missingEndpoints: 'skip' | 'placeholder'; onStage?: (stage: string) => void }): Promise<ImportCounts> {
    const db = this.db;
    const stage = (s: string) => { opts.onStage?.(s); this.onEvent?.(s); };
    try {
      this.bulkEdges?.flush();
      if (this.bulkNodes) {
        // Everything below looks nodes up by id.
        stage('id-index');
        this.bulkNodes.buildIdIndex();
      }
      stage('resolve');
      // Measured on 1M AutoSchemaKG nodes + 1M edges (CPU time, loaded 2-core machine): a separate
      // NOT EXISTS scan of the whole stage cost ~3 s; the edge insert below already tells how many
      // staged edges resolved, so in 'skip' mode the scan runs only when some edges were dropped.
      const missingWhere = 'NOT EXISTS (SELECT 1 FROM nodes WHERE id = st.src) OR NOT EXISTS (SELECT 1 FROM nodes WHERE id = st.dst)';
      const findMissing = () => (db.prepare(`
        SELECT f.name AS file, st.line AS line,
               CASE WHEN NOT EXISTS (SELECT 1 FROM nodes WHERE id = st.src) THEN st.src ELSE st.dst END AS value
        FROM edge_stage st LEFT JOIN files f ON f.id = st.file_id WHERE ${missingWhere} LIMIT 5`).all() as Array<{ file: string; line: number | null; value: string }>)
        .map((r) => ({ file: r.file, line: r.line ?? undefined, value: r.value }));
      let missingExamples: ImportCounts['missingExamples'] = [];
      let placeholders = 0;
      let edgesSkipped = 0;
      if (opts.missingEndpoints === 'placeholder') {
        missingExamples = findMissing();
        if (missingExamples.length) {
          placeholders = db.prepare(`
            INSERT INTO nodes(id, name, type)
            SELECT x, x, 'placeholder' FROM (SELECT src AS x FROM edge_stage UNION SELECT dst FROM edge_stage)
            WHERE NOT EXISTS (SELECT 1 FROM nodes WHERE id = x)`).run().changes;
        }
      }
      stage('write-edges');
      // Into an empty workspace the edges left here (an endpoint seen only after the edge) get
      // ord 0 and parallel edges are numbered afterwards, only if the unique key says there are
      // any (the window function over all edges cost ~2.5 s CPU per 1M edges). Otherwise ord
      // numbers parallel edges of this import in file order.
      const ord = this.bulk ? '0' : 'row_number() OVER (PARTITION BY s.rid, d.rid, st.type ORDER BY st.seq) - 1';
      const conflict = this.bulk ? '' : 'ON CONFLICT(src, dst, type, ord) DO UPDATE SET props = excluded.props, eid = excluded.eid, file_id = excluded.file_id, line = excluded.line';
      const joined = db.prepare(`
        INSERT INTO edges(src, dst, type, ord, eid, props, file_id, line)
        SELECT s.rid, d.rid, st.type, ${ord}, st.eid, st.props, st.file_id, st.line
        FROM edge_stage st JOIN nodes s ON s.id = st.src JOIN nodes d ON d.id = st.dst
        WHERE true ${conflict}`).run().changes;
      const resolved = joined + (this.bulkEdges?.direct ?? 0);
      // Every staged edge whose endpoints resolved was inserted or updated once.
      if (opts.missingEndpoints === 'skip' && resolved < this.edgeRecords) {
        edgesSkipped = this.edgeRecords - resolved;
        missingExamples = findMissing();
      }
      const edgesAdded = (db.prepare('SELECT count(*) AS c FROM edges WHERE rid > ?').get(this.maxEdgeRid) as { c: number }).c;
      const nodesAdded = (db.prepare('SELECT count(*) AS c FROM nodes').get() as { c: number }).c - this.nodesBefore - placeholders;

      stage('vectors');
      db.exec(`INSERT OR REPLACE INTO vectors(rid, source, dim, vec)
               SELECT n.rid, 'data', v.dim, v.vec FROM vec_stage v JOIN nodes n ON n.id = v.id`);

      stage('index');
      if (this.bulk) {
        // degrees_order is built after the degrees are written: inserting them with the index in
        // place maintains it row by row.
        for (const idx of BULK_INDEXES) {
          if (idx.name === 'edges_key') this.createEdgeKey();
          else if (idx.name !== 'degrees_order' && idx.name !== 'nodes_id') db.exec(idx.sql);
        }
      }
      stage('degree');
      if (this.bulkEdges) {
        this.bulkEdges.applyDegrees();
        db.exec(bulkIndexSql('degrees_order'));
      } else {
        // Edges added by this import (re-imported ones kept their row and were counted before).
        db.prepare(`
          INSERT INTO degrees(rid, degree)
          SELECT n, count(*) FROM (SELECT src AS n FROM edges WHERE rid > @after UNION ALL SELECT dst FROM edges WHERE rid > @after)
          WHERE true GROUP BY n
          ON CONFLICT(rid) DO UPDATE SET degree = degree + excluded.degree`).run({ after: this.maxEdgeRid });
      }
      if (this.bulk) {
        stage('search-index');
        rebuildFts(db);
        installFtsTriggers(db);
      }
      // A bulk import leaves its stats behind (edge types counted while streaming); otherwise the
      // next reader computes them.
      if (this.bulkEdges) {
        stage('stats');
        writeCachedStats(db, statsWithEdgeTypes(db, this.bulkEdges.edgeTypeCounts()));
      } else {
        clearCachedStats(db);
      }
      stage('commit');
      const counts: ImportCounts = {
        nodesAdded,
        nodesMerged: Math.max(0, this.nodeRecords - nodesAdded),
        edgesAdded,
        edgesSkipped,
        placeholders,
        missingExamples,
      };
      db.prepare('UPDATE imports SET finished_at = ?, result = ? WHERE id = ?').run(Date.now(), JSON.stringify(counts), this.importId);
      db.exec('DELETE FROM edge_stage; DELETE FROM vec_stage;');
      db.exec('COMMIT');
      this.done = true;
      return counts;
    } catch (err) {
      this.rollback();
      throw err;
    }
  }

  /**
   * The unique edge key after a bulk load. Edges written as they streamed in were numbered
   * (parallel-ords.ts); edges from the staged join, and new keys once the counter was full, have
   * ord 0. If the index refuses, number every group with more than one edge by rid (file order)
   * and build it again. The failed CREATE is undone by SQLite at statement level; the import
   * transaction stays open.
   */
  private createEdgeKey(): void {
    const sql = bulkIndexSql('edges_key');
    try {
      this.db.exec(sql);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw err;
    }
    this.db.exec(`
      UPDATE edges SET ord = r.o FROM (
        SELECT rid, row_number() OVER (PARTITION BY src, dst, type ORDER BY rid) - 1 AS o FROM edges
        WHERE (src, dst, type) IN (SELECT src, dst, type FROM edges GROUP BY src, dst, type HAVING count(*) > 1)
      ) AS r WHERE edges.rid = r.rid AND edges.ord <> r.o`);
    this.db.exec(sql);
  }

  rollback(): void {
    if (this.done) return;
    this.done = true;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }
}

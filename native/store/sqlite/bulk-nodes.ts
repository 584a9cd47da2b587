/**
 * Nodes of a bulk import (into an empty workspace) written without the unique index on the text
 * id (nodes_id) while the JS id -> row id table (IdRidIndex) knows every node: a plain INSERT
 * appends the row, duplicates are found through the table and merged by row id, and nodes_id is
 * built once, sorted, at commit (or when the table is full). Maintaining nodes_id row by row, in
 * the random order of the ids, was the largest part of the writer's CPU (~3 s per 1M nodes).
 *
 * Two ids with the same 64-bit hash: the table marks the slot ambiguous, and every id of this
 * import that hashes there is kept in `collided` (id -> row id), so duplicates and edge endpoints
 * still resolve exactly while nodes_id does not exist. Once the table is full (`saturated`),
 * nodes_id is created at that moment and the rest goes through SQLite's upsert and lookups.
 */
import type Database from 'better-sqlite3';
import { AMBIGUOUS, IdRidIndex } from './id-rid-index';
import { bulkIndexSql } from './schema';

/** What a later record of the same id changes: the same rules as the writer's upsert. */
const MERGE_SET = `
  name = CASE WHEN ? <> ? THEN ? ELSE name END,
  type = CASE WHEN ? <> '' THEN ? ELSE type END,
  labels = coalesce(?, labels),
  props = CASE WHEN props IS NULL THEN ? WHEN ? IS NULL THEN props ELSE json_patch(props, ?) END,
  text = coalesce(?, text)`;

const ANNOTATE_SET = `
  name = coalesce(?, name),
  text = coalesce(?, text),
  props = CASE WHEN ? IS NULL THEN props WHEN props IS NULL THEN ? ELSE json_patch(props, ?) END`;

export const UPSERT_NODE = `
  INSERT INTO nodes(id, name, type, labels, props, text, file_id, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT(id) DO UPDATE SET
    name = CASE WHEN excluded.name <> excluded.id THEN excluded.name ELSE nodes.name END,
    type = CASE WHEN excluded.type <> '' THEN excluded.type ELSE nodes.type END,
    labels = coalesce(excluded.labels, nodes.labels),
    props = CASE WHEN nodes.props IS NULL THEN excluded.props WHEN excluded.props IS NULL THEN nodes.props
                 ELSE json_patch(nodes.props, excluded.props) END,
    text = coalesce(excluded.text, nodes.text)`;

export const NODES_ID_SQL = bulkIndexSql('nodes_id');

export class BulkNodes {
  readonly index: IdRidIndex;
  /** True once nodes_id exists: from then on duplicates and lookups go through SQLite. */
  indexed = false;
  /** Every id of this import whose hash slot is ambiguous, while nodes_id does not exist. */
  private readonly collided = new Map<string, number>();
  private readonly insert: Database.Statement;
  private readonly merge: Database.Statement;
  private readonly idOf: Database.Statement;
  private readonly lookup: Database.Statement;
  private readonly annotateRid: Database.Statement;
  private readonly annotateId: Database.Statement;
  /** ON CONFLICT(id) needs nodes_id to exist when it is prepared. */
  private upsert?: Database.Statement;
  private upsertRid?: Database.Statement;

  constructor(private readonly db: Database.Database, maxIds?: number, hashBits?: number) {
    this.index = new IdRidIndex(maxIds, undefined, hashBits);
    this.insert = db.prepare('INSERT INTO nodes(id, name, type, labels, props, text, file_id, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.merge = db.prepare(`UPDATE nodes SET ${MERGE_SET} WHERE rid = ? AND id = ?`);
    this.idOf = db.prepare('SELECT id FROM nodes WHERE rid = ?').pluck();
    this.lookup = db.prepare('SELECT rid FROM nodes WHERE id = ?').pluck();
    this.annotateRid = db.prepare(`UPDATE nodes SET ${ANNOTATE_SET} WHERE rid = ? AND id = ?`);
    this.annotateId = db.prepare(`UPDATE nodes SET ${ANNOTATE_SET} WHERE id = ?`);
  }

  write(id: string, name: string, type: string, labels: string | null, props: string | null, text: string | null, fileId: number, line: number | null): void {
    const index = this.index;
    if (this.indexed) {
      if (index.get(id) === 0) {
        // Not in the (full) table: usually new, else the upsert merges it into the unlisted row.
        this.upsert!.run(id, name, type, labels, props, text, fileId, line);
      } else {
        // A duplicate (or another id with the same hash: the table then marks it ambiguous).
        index.setFound(this.upsertRid!.get(id, name, type, labels, props, text, fileId, line) as number);
      }
      return;
    }
    const rid = index.get(id);
    if (rid === 0) {
      // Every node inserted so far is in the table: this one is new. Its row id is the insert's
      // (RETURNING would cost ~1.3 s CPU per 1M nodes).
      index.setFound(this.append(id, name, type, labels, props, text, fileId, line));
      if (index.saturated) this.buildIdIndex();
      return;
    }
    const known = rid > 0 ? rid : this.collided.get(id);
    if (known !== undefined && this.mergeInto(known, id, name, type, labels, props, text) === 1) return;
    // A new id whose hash is taken by another node of this import.
    if (rid > 0) this.collided.set(this.idOf.get(rid) as string, rid);
    const own = this.append(id, name, type, labels, props, text, fileId, line);
    this.collided.set(id, own);
    index.setFound(own); // another row id under the same hash: the slot becomes ambiguous
  }

  /** Row id of node `id` of this import, 0 when it has not been written (yet). */
  resolve(id: string): number {
    const rid = this.index.get(id);
    if (rid > 0) return rid;
    if (this.indexed) return (this.lookup.get(id) as number | undefined) ?? 0;
    return rid === AMBIGUOUS ? this.collided.get(id) ?? 0 : 0;
  }

  /** Names, text or props for a node written before; an id that is not a node changes nothing. */
  annotate(id: string, name: string | null, text: string | null, props: string | null): void {
    if (this.indexed) {
      this.annotateId.run(name, text, props, props, props, id);
      return;
    }
    const rid = this.resolve(id);
    if (rid > 0) this.annotateRid.run(name, text, props, props, props, rid, id);
  }

  /** Creates nodes_id (sorted build of the rows so far); the commit and the full table need it. */
  buildIdIndex(): void {
    if (this.indexed) return;
    this.db.exec(NODES_ID_SQL);
    this.upsert = this.db.prepare(UPSERT_NODE);
    this.upsertRid = this.db.prepare(`${UPSERT_NODE} RETURNING rid`).pluck();
    this.indexed = true;
    this.collided.clear();
  }

  private append(id: string, name: string, type: string, labels: string | null, props: string | null, text: string | null, fileId: number, line: number | null): number {
    return Number(this.insert.run(id, name, type, labels, props, text, fileId, line).lastInsertRowid);
  }

  /** 1 when row `rid` has this id and took the record, 0 when it is another id's row. */
  private mergeInto(rid: number, id: string, name: string, type: string, labels: string | null, props: string | null, text: string | null): number {
    return this.merge.run(name, id, name, type, type, labels, props, props, props, text, rid, id).changes;
  }
}

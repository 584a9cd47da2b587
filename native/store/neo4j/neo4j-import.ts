/**
 * The Neo4j ImportWriter: parameterised UNWIND batches of up to 10K rows, one query text per
 * distinct label set / relationship type (labels and types cannot be parameters; they go through
 * `quoteName`). Everything written carries `_import`; it is hidden from readers until the import's
 * record flips to 'committed' (visibility.ts), so commit is atomic whatever the size. The commit
 * path (held updates, staged edges, the flip) is import-commit.ts.
 *
 * Each batch is ONE write transaction: the id lookup and every per-label / per-type query of the
 * batch run in it (pipelined), so a batch costs one commit and few round trips.
 * - Nodes: the lookup splits a batch into ids that exist from earlier imports and the rest. New
 *   ids are CREATEd (first occurrence), this import's own nodes MERGEd. Updates to nodes of
 *   earlier imports are held (HeldUpdates) and applied at commit, so a rollback never restores
 *   old values.
 * - Edges: CREATEd at write time when both endpoints exist (MATCH on the id constraint's index);
 *   the others are staged as `KgwEdgeStage` and resolved at commit (their endpoints may come in a
 *   later file): missing endpoints are then skipped and counted, or become placeholder nodes.
 * - The ids of source nodes from earlier imports that got a new relationship go into one
 *   `(:KgwTouch {_import, ids})` row per batch, written by the same query: it lets a rollback find
 *   those relationships without scanning all relationships, at the cost of one small node instead
 *   of a property write (and later a removal) on every such source node.
 */
import type { EdgeRecord, NodeRecord } from '../../../electron/common/model';
import { WorkbenchError } from '../../../electron/common/errors';
import type { NodeAnnotation, ParseBatch } from '../../ingest/format';
import type { ImportCounts, ImportWriter } from '../graph-store';
import type { Neo4jConnection } from './connection';
import { quoteName } from './cypher-names';
import { commitImport, HeldUpdates, MEMORY_STAGE_LIMIT } from './import-commit';
import { BATCH_ROWS, chunks, groupBy, int, JSON_UNION, labelClause, labelKey, newNodeProps, propsAndJson, type CypherInt, type UpdateRow } from './import-rows';
import { DEFAULT_EDGE_TYPE, DEFAULT_NODE_TYPE } from './visibility';

export { BATCH_ROWS } from './import-rows';
export { MEMORY_STAGE_LIMIT } from './import-commit';

const LOOKUP = 'UNWIND $ids AS id MATCH (n:Node {id: id}) RETURN id, coalesce(n._import = $imp, false) AS own';

const WRITE_NODES = (labels: string) => `
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
  ON CREATE SET n._import = $imp, n._file = $file, n._line = row.line
SET n._json = ${JSON_UNION('n', 'row.json')}
SET n += row.props${labels ? `, n${labels}` : ''}, n._type = coalesce(row.type, n._type, '${DEFAULT_NODE_TYPE}'), n.name = coalesce(row.name, n.name, row.id),
    n._text = coalesce(row.text, n._text), n._labels = row.labels`;

/** Nodes the lookup found missing, first occurrence per id: a plain CREATE (cheaper than MERGE). */
const CREATE_NODES = (labels: string) => `
UNWIND $rows AS row
CREATE (n:Node${labels})
SET n = row.all, n._import = $imp, n._file = $file`;

const UPDATE_OWN = `
UNWIND $rows AS row
MATCH (n:Node {id: row.id})
SET n._json = ${JSON_UNION('n', 'row.json')}
SET n += row.props, n.name = coalesce(row.name, n.name), n._text = coalesce(row.text, n._text)`;

/** Creates the edges whose endpoints exist; returns their row numbers; records touched older sources. */
const WRITE_EDGES = (relType: string) => `
UNWIND $rows AS row
MATCH (a:Node {id: row.s})
MATCH (b:Node {id: row.t})
CREATE (a)-[r:${relType}]->(b)
SET r += row.p, r._type = $type, r._import = $imp, r._file = $file
WITH collect(row.i) AS done, collect(DISTINCT CASE WHEN a._import = $imp THEN null ELSE a.id END) AS touched
FOREACH (_ IN CASE WHEN size(touched) > 0 THEN [1] ELSE [] END | CREATE (:KgwTouch {_import: $imp, ids: touched}))
RETURN done`;

const STAGE_EDGES = `
UNWIND $rows AS row
CREATE (s:KgwEdgeStage)
SET s += row.props, s._id = row.id, s._s = row.s, s._t = row.t, s._type = row.type,
    s._import = $imp, s._file = $file, s._line = row.line, s._sjson = row.json`;

type NodeRow = UpdateRow & { line: number | null };

export class Neo4jImportWriter implements ImportWriter {
  private nodeRows = 0;
  private nodesCreated = 0;
  private edgesAdded = 0;
  private edgeSeq = 0;
  private stagedEdges = 0;
  private finished = false;
  private readonly imp: CypherInt;
  private readonly held: HeldUpdates;

  private constructor(
    private readonly conn: Neo4jConnection,
    readonly importId: number,
    memoryStageLimit: number,
  ) {
    this.imp = int(importId);
    this.held = new HeldUpdates(conn, this.imp, memoryStageLimit);
  }

  /** Allocates a server-wide import id and records the import as pending (its data hidden). */
  static async begin(conn: Neo4jConnection, files: string[], memoryStageLimit = MEMORY_STAGE_LIMIT): Promise<Neo4jImportWriter> {
    const res = await conn.write<{ id: number }>(
      `MERGE (m:KgwMeta {key: 'imports'}) ON CREATE SET m.next = 0
       SET m.next = m.next + 1
       WITH m.next AS id
       CREATE (:KgwImport {id: id, state: 'pending', files: $files, startedAt: datetime()})
       RETURN id`,
      { files },
      'starting an import',
    );
    return new Neo4jImportWriter(conn, res.records[0].get('id'), Math.max(1, memoryStageLimit));
  }

  private assertOpen(): void {
    if (this.finished) throw new WorkbenchError('STORE_ERROR', `Import ${this.importId} is already committed or rolled back`);
  }

  async write(batch: ParseBatch, file: string): Promise<void> {
    this.assertOpen();
    if (batch.nodes.length > 0) await this.writeNodes(batch.nodes, file);
    if (batch.annotations && batch.annotations.length > 0) await this.writeAnnotations(batch.annotations);
    if (batch.edges.length > 0) await this.writeEdges(batch.edges, file);
  }

  private async writeNodes(nodes: NodeRecord[], file: string): Promise<void> {
    this.nodeRows += nodes.length;
    for (const part of chunks(nodes, BATCH_ROWS)) {
      // A record without a type must not overwrite the type of a node that has one: type stays
      // null here and falls back to 'node' only when the node is created.
      const rows: NodeRow[] = part.map((n) => {
        const type = n.type ?? n.labels?.[0] ?? null;
        const encoded = propsAndJson(n.props);
        // Vectors that came with the data travel as a property, so every write path (create, merge, staged update) keeps them.
        if (n.vector) encoded.props._vec = Array.from(n.vector);
        return { id: n.id, name: n.name ?? null, type, text: n.text ?? null, labels: n.labels ?? [], line: n.line ?? null, key: labelKey(type ?? undefined, n.labels), ...encoded };
      });
      const { created, held } = await this.conn.writeTx(async (tx) => {
        const found = await tx.run<{ id: string; own: boolean }>(LOOKUP, { ids: rows.map((r) => r.id), imp: this.imp });
        const existing = new Map(found.records.map((r) => [r.get('id'), r.get('own')]));
        // Missing ids are CREATEd (first occurrence); repeats and this import's own nodes MERGE after.
        const firsts = new Set<string>();
        const fresh: NodeRow[] = [];
        const own: NodeRow[] = [];
        const later: NodeRow[] = [];
        for (const r of rows) {
          const state = existing.get(r.id);
          if (state === false) later.push(r);
          else if (state === undefined && !firsts.has(r.id)) {
            firsts.add(r.id);
            fresh.push(r);
          } else own.push(r);
        }
        const runs: Array<Promise<unknown>> = [];
        for (const [key, group] of groupBy(fresh, (r) => r.key ?? '')) {
          runs.push(tx.run(CREATE_NODES(labelClause(key)), { rows: group.map((r) => ({ all: newNodeProps(r) })), imp: this.imp, file }));
        }
        // The MERGEs follow the CREATEs in the same transaction (statements run in order).
        for (const [key, group] of groupBy(own, (r) => r.key ?? '')) {
          runs.push(tx.run(WRITE_NODES(labelClause(key)), { rows: group.map((r) => ({ ...r, line: int(r.line) })), imp: this.imp, file }));
        }
        await Promise.all(runs);
        return { created: fresh.length, held: later };
      }, `writing nodes of ${file}`);
      this.nodesCreated += created;
      if (held.length > 0) await this.held.add(held);
    }
  }

  private async writeAnnotations(annotations: NodeAnnotation[]): Promise<void> {
    for (const part of chunks(annotations, BATCH_ROWS)) {
      const held = await this.conn.writeTx(async (tx) => {
        const found = await tx.run<{ id: string; own: boolean }>(LOOKUP, { ids: part.map((a) => a.id), imp: this.imp });
        const existing = new Map(found.records.map((r) => [r.get('id'), r.get('own')]));
        // Annotations only update nodes that exist; others are ignored (the importer warns).
        const rows: UpdateRow[] = part.filter((a) => existing.has(a.id)).map((a) => ({
          id: a.id, name: a.name ?? null, type: null, text: a.text ?? null, labels: null, key: null, ...propsAndJson(a.props),
        }));
        const own = rows.filter((r) => existing.get(r.id));
        if (own.length > 0) await tx.run(UPDATE_OWN, { rows: own, imp: this.imp });
        return rows.filter((r) => !existing.get(r.id));
      }, 'writing node annotations');
      if (held.length > 0) await this.held.add(held);
    }
  }

  private async writeEdges(edges: EdgeRecord[], file: string): Promise<void> {
    for (const part of chunks(edges, BATCH_ROWS)) {
      const rows = part.map((e, i) => {
        const type = e.type ?? DEFAULT_EDGE_TYPE;
        return { i, id: e.id ?? `${this.importId}:${++this.edgeSeq}`, s: e.source, t: e.target, type, line: int(e.line), ...propsAndJson(e.props) };
      });
      const { added, unresolved } = await this.conn.writeTx(async (tx) => {
        // One query per relationship type, all in this transaction and pipelined.
        const runs = [...groupBy(rows, (r) => r.type)].map(([type, group]) => {
          // What is the same for every row (type, import, file) travels once, as a parameter.
          const edgeRows = group.map((r) => {
            const p: Record<string, unknown> = { ...r.props, _id: r.id };
            if (r.line !== null) p._line = r.line;
            if (r.json) p._json = r.json;
            return { i: r.i, s: r.s, t: r.t, p };
          });
          return tx.run<{ done: number[] }>(WRITE_EDGES(quoteName(type, DEFAULT_EDGE_TYPE)), { rows: edgeRows, type, imp: this.imp, file });
        });
        const done = new Set<number>();
        for (const res of await Promise.all(runs)) for (const i of res.records[0]?.get('done') ?? []) done.add(i);
        const rest = rows.filter((r) => !done.has(r.i));
        if (rest.length > 0) await tx.run(STAGE_EDGES, { rows: rest, imp: this.imp, file });
        return { added: done.size, unresolved: rest.length };
      }, `writing edges of ${file}`);
      this.edgesAdded += added;
      this.stagedEdges += unresolved;
    }
  }

  async commit(opts: { missingEndpoints: 'skip' | 'placeholder'; onStage?: (stage: string) => void }): Promise<ImportCounts> {
    this.assertOpen();
    const counts = await commitImport(this.conn, this.imp, {
      nodeRows: this.nodeRows,
      nodesCreated: this.nodesCreated,
      edgesAdded: this.edgesAdded,
      stagedEdges: this.stagedEdges,
      held: this.held,
    }, opts);
    this.finished = true;
    return counts;
  }

  async rollback(): Promise<void> {
    if (this.finished) throw new WorkbenchError('STORE_ERROR', `Import ${this.importId} is already committed or rolled back; remove it with removeImport`);
    this.held.clear();
    await deleteImport(this.conn, this.importId, false);
    this.finished = true;
  }
}

/**
 * Deletes what import `imp` wrote: hides it first (state back to 'pending', one write), then
 * deletes its staging rows, its relationships from older nodes and its nodes, and finally its
 * record. Interrupted midway, the rest stays hidden and the call can simply be repeated.
 * `committed` must say whether the caller expects a committed import (removeImport) or not.
 */
export async function deleteImport(conn: Neo4jConnection, importId: number, committed: boolean): Promise<void> {
  const imp = int(importId);
  const state = await conn.write<{ s: string | null }>(
    "OPTIONAL MATCH (i:KgwImport {id: $imp}) WITH i, i.state AS before SET i.state = 'pending' RETURN before AS s",
    { imp }, 'hiding the import');
  const before = state.records[0]?.get('s');
  if (before === null || before === undefined) throw new WorkbenchError('NOT_FOUND', `No import ${importId} in this database`, { value: String(importId) });
  if (before === 'committed' && !committed) {
    await conn.write("MATCH (i:KgwImport {id: $imp}) SET i.state = 'committed'", { imp }, 'restoring the import state');
    throw new WorkbenchError('STORE_ERROR', `Import ${importId} is committed; remove it with removeImport instead of rolling it back`, { value: String(importId) });
  }
  for (const label of ['KgwStaged', 'KgwEdgeStage']) {
    await conn.run(`MATCH (s:${label} {_import: $imp}) CALL { WITH s DELETE s } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS`, { imp }, 'deleting staged rows');
  }
  // Relationships from older source nodes, listed per write batch in `KgwTouch` rows.
  await conn.run(
    `MATCH (t:KgwTouch {_import: $imp}) UNWIND t.ids AS id
     WITH DISTINCT id
     CALL { WITH id
       MATCH (a:Node {id: id})
       OPTIONAL MATCH (a)-[r]->() WHERE r._import = $imp
       DELETE r
     } IN TRANSACTIONS OF 1000 ROWS`,
    { imp }, 'deleting relationships');
  await conn.run('MATCH (t:KgwTouch {_import: $imp}) DELETE t', { imp }, 'deleting relationship markers');
  if (before === 'committed') {
    // `_touched` is cleared at commit, so a committed import's relationships between older nodes
    // are found by a scan: acceptable for a rare, explicit removal.
    await conn.run(`MATCH ()-[r]->() WHERE r._import = $imp CALL { WITH r DELETE r } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS`, { imp }, 'deleting relationships');
  } else {
    await conn.run(
      `MATCH (a:Node {_touched: $imp})
       CALL { WITH a
         OPTIONAL MATCH (a)-[r]->() WHERE r._import = $imp
         DELETE r
         WITH DISTINCT a REMOVE a._touched
       } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS`,
      { imp }, 'deleting relationships');
  }
  await conn.run(`MATCH (n:Node {_import: $imp}) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS`, { imp }, 'deleting nodes');
  await conn.write('MATCH (i:KgwImport {id: $imp}) DELETE i', { imp }, 'forgetting the import');
}

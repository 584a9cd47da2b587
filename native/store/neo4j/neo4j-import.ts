/**
 * The Neo4j ImportWriter: parameterised UNWIND batches of up to 10K rows, one query text per
 * distinct label set / relationship type (labels and types cannot be parameters; they go through
 * `quoteName`). Data is written pending and made visible by one flip at commit (visibility.ts).
 *
 * - Nodes: MERGE on `:Node {id}`. A node new in this import gets props, labels and markers
 *   directly; an update to a node committed by an earlier import is staged as a `KgwStaged` node
 *   and applied at commit, so a rollback never has to restore old values.
 * - Edges: resolved by MATCH on both endpoint ids at write time when both exist; otherwise staged
 *   as `KgwEdgeStage` and resolved at commit (endpoints may arrive in a later file), where missing
 *   endpoints are skipped and counted, or become placeholder nodes.
 * - The source node of every new relationship gets `_touched = importId`, an indexed handle that
 *   lets commit/rollback find the import's relationships without scanning all relationships.
 */
import type { EdgeRecord, NodeRecord } from '../../../electron/common/model';
import { WorkbenchError } from '../../../electron/common/errors';
import type { ParseBatch, NodeAnnotation } from '../../ingest/format';
import type { ImportCounts, ImportWriter } from '../graph-store';
import type { Neo4jConnection } from './connection';
import { labelName, quoteName } from './cypher-names';
import { encodeProps } from './props-codec';
import { DEFAULT_EDGE_TYPE, DEFAULT_NODE_TYPE } from './visibility';

export const BATCH_ROWS = 10_000;
const MISSING_EXAMPLES = 5;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

function nodeType(n: NodeRecord): string {
  return n.type ?? n.labels?.[0] ?? DEFAULT_NODE_TYPE;
}

/** The sanitised labels of a node besides `Node`, de-duplicated, in a stable order. */
function nodeLabels(n: { type?: string; labels?: string[] }): string[] {
  const all = [n.type, ...(n.labels ?? [])].filter((x): x is string => typeof x === 'string').map((x) => labelName(x, DEFAULT_NODE_TYPE));
  return [...new Set(all)].filter((l) => l !== 'Node').sort();
}

function labelClause(labels: string[]): string {
  return labels.map((l) => ':' + quoteName(l, DEFAULT_NODE_TYPE)).join('');
}

const WRITE_NODES = (labels: string) => `
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
  ON CREATE SET n._import = $imp, n._pending = $imp, n._file = $file, n._line = row.line
WITH n, row, coalesce(n._pending = $imp, false) AS own
FOREACH (_ IN CASE WHEN own THEN [1] ELSE [] END |
  SET n += row.props, n${labels || ':Node'},
      n._type = coalesce(row.type, n._type), n.name = coalesce(row.name, n.name, row.id),
      n._text = coalesce(row.text, n._text), n._labels = row.labels,
      n._json = CASE WHEN row.props._json IS NULL THEN n._json ELSE row.props._json END)
FOREACH (_ IN CASE WHEN own THEN [] ELSE [1] END |
  CREATE (s:KgwStaged) SET s += row.props, s._import = $imp, s._sid = row.id, s._sname = row.name,
         s._stype = row.type, s._stext = row.text, s._slabels = row.labels)
RETURN count(*) AS rows`;

const WRITE_ANNOTATIONS = `
UNWIND $rows AS row
MATCH (n:Node {id: row.id})
WITH n, row, coalesce(n._pending = $imp, false) AS own
FOREACH (_ IN CASE WHEN own THEN [1] ELSE [] END |
  SET n += row.props, n.name = coalesce(row.name, n.name), n._text = coalesce(row.text, n._text),
      n._json = CASE WHEN row.props._json IS NULL THEN n._json ELSE coalesce(n._json, []) + row.props._json END)
FOREACH (_ IN CASE WHEN own THEN [] ELSE [1] END |
  CREATE (s:KgwStaged) SET s += row.props, s._import = $imp, s._sid = row.id, s._sname = row.name, s._stext = row.text)
RETURN count(*) AS rows`;

const WRITE_EDGES = (relType: string) => `
UNWIND $rows AS row
OPTIONAL MATCH (a:Node {id: row.s})
OPTIONAL MATCH (b:Node {id: row.t})
WITH row, a, b, (a IS NOT NULL AND b IS NOT NULL) AS ok
FOREACH (_ IN CASE WHEN ok THEN [1] ELSE [] END |
  CREATE (a)-[r:${relType}]->(b)
  SET r += row.props, r._id = row.id, r._type = row.type, r._import = $imp, r._pending = $imp,
      r._file = $file, r._line = row.line, a._touched = $imp)
FOREACH (_ IN CASE WHEN ok THEN [] ELSE [1] END |
  CREATE (s:KgwEdgeStage)
  SET s += row.props, s._id = row.id, s._s = row.s, s._t = row.t, s._type = row.type,
      s._import = $imp, s._file = $file, s._line = row.line)
RETURN count(*) AS rows`;

export class Neo4jImportWriter implements ImportWriter {
  private nodeRows = 0;
  private edgeSeq = 0;
  private finished = false;

  private constructor(
    private readonly conn: Neo4jConnection,
    readonly importId: number,
  ) {}

  /** Allocates a server-wide import id and records the import as pending. */
  static async begin(conn: Neo4jConnection, files: string[]): Promise<Neo4jImportWriter> {
    const res = await conn.write<{ id: number }>(
      `MERGE (m:KgwMeta {key: 'imports'}) ON CREATE SET m.next = 0
       SET m.next = m.next + 1
       WITH m.next AS id
       CREATE (:KgwImport {id: id, state: 'pending', files: $files, startedAt: datetime()})
       RETURN id`,
      { files },
      'starting an import',
    );
    return new Neo4jImportWriter(conn, res.records[0].get('id'));
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
    for (const [key, group] of groupBy(nodes, (n) => nodeLabels({ type: nodeType(n), labels: n.labels }).join('\u0000'))) {
      const labels = labelClause(key === '' ? [] : key.split('\u0000'));
      for (const part of chunks(group, BATCH_ROWS)) {
        const rows = part.map((n) => ({
          id: n.id,
          name: n.name ?? null,
          type: nodeType(n),
          text: n.text ?? null,
          labels: n.labels ?? [],
          line: n.line ?? null,
          props: encodeProps(n.props),
        }));
        await this.conn.write(WRITE_NODES(labels), { rows, imp: this.importId, file }, `writing nodes of ${file}`);
      }
    }
  }

  private async writeAnnotations(annotations: NodeAnnotation[]): Promise<void> {
    for (const part of chunks(annotations, BATCH_ROWS)) {
      const rows = part.map((a) => ({ id: a.id, name: a.name ?? null, text: a.text ?? null, props: encodeProps(a.props) }));
      await this.conn.write(WRITE_ANNOTATIONS, { rows, imp: this.importId }, 'writing node annotations');
    }
  }

  private async writeEdges(edges: EdgeRecord[], file: string): Promise<void> {
    for (const [type, group] of groupBy(edges, (e) => e.type ?? DEFAULT_EDGE_TYPE)) {
      const relType = quoteName(type, DEFAULT_EDGE_TYPE);
      for (const part of chunks(group, BATCH_ROWS)) {
        const rows = part.map((e) => ({
          id: e.id ?? `${this.importId}:${++this.edgeSeq}`,
          s: e.source,
          t: e.target,
          type,
          line: e.line ?? null,
          props: encodeProps(e.props),
        }));
        await this.conn.write(WRITE_EDGES(relType), { rows, imp: this.importId, file }, `writing edges of ${file}`);
      }
    }
  }

  async commit(opts: { missingEndpoints: 'skip' | 'placeholder'; onStage?: (stage: string) => void }): Promise<ImportCounts> {
    this.assertOpen();
    const imp = this.importId;
    const stage = (s: string) => opts.onStage?.(s);

    stage('resolve-edges');
    const missing = await this.conn.run<{ n: number; ex: Array<{ file: string; line: number | null; value: string }> }>(
      `MATCH (s:KgwEdgeStage {_import: $imp})
       WITH s, EXISTS { MATCH (:Node {id: s._s}) } AS hasS, EXISTS { MATCH (:Node {id: s._t}) } AS hasT
       WHERE NOT (hasS AND hasT)
       RETURN count(s) AS n, collect({file: s._file, line: s._line, value: CASE WHEN hasS THEN s._t ELSE s._s END})[0..${MISSING_EXAMPLES}] AS ex`,
      { imp },
      'finding edges with missing endpoints',
    );
    const missingCount = missing.records[0]?.get('n') ?? 0;
    const missingExamples = (missing.records[0]?.get('ex') ?? []).map((e) => ({ file: e.file, line: e.line ?? undefined, value: e.value }));
    let placeholders = 0;
    if (missingCount > 0 && opts.missingEndpoints === 'placeholder') {
      const res = await this.conn.run<{ n: number }>(
        `MATCH (s:KgwEdgeStage {_import: $imp})
         UNWIND [s._s, s._t] AS pid
         WITH DISTINCT pid WHERE NOT EXISTS { MATCH (:Node {id: pid}) }
         CREATE (p:Node:Placeholder {id: pid, name: pid, _type: 'placeholder', _placeholder: true, _import: $imp, _pending: $imp})
         RETURN count(p) AS n`,
        { imp },
        'creating placeholder nodes',
      );
      placeholders = res.records[0]?.get('n') ?? 0;
    }
    const types = await this.conn.run<{ t: string }>('MATCH (s:KgwEdgeStage {_import: $imp}) RETURN DISTINCT s._type AS t', { imp }, 'reading staged edge types');
    for (const rec of types.records) {
      const type = rec.get('t');
      await this.conn.run(
        `MATCH (s:KgwEdgeStage {_import: $imp}) WHERE s._type = $type
         CALL { WITH s
           OPTIONAL MATCH (a:Node {id: s._s})
           OPTIONAL MATCH (b:Node {id: s._t})
           FOREACH (_ IN CASE WHEN a IS NOT NULL AND b IS NOT NULL THEN [1] ELSE [] END |
             CREATE (a)-[r:${quoteName(type, DEFAULT_EDGE_TYPE)}]->(b)
             SET r += properties(s), r._pending = $imp, a._touched = $imp
             REMOVE r._s, r._t)
           DELETE s
         } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS`,
        { imp, type },
        'resolving staged edges',
      );
    }

    stage('merge-updates');
    await this.applyStagedNodeUpdates();

    stage('count');
    const counts = await this.conn.run<{ added: number; ph: number; edges: number }>(
      `CALL { MATCH (n:Node {_pending: $imp}) RETURN count(n) - count(n._placeholder) AS added, count(n._placeholder) AS ph }
       CALL { MATCH (a:Node {_touched: $imp})-[r]->() WHERE r._pending = $imp RETURN count(r) AS edges }
       RETURN added, ph, edges`,
      { imp },
      'counting the import',
    );
    const c = counts.records[0];
    const nodesAdded = c.get('added');

    stage('commit');
    // The flip: one small write makes the whole import visible at once.
    await this.conn.write("MATCH (i:KgwImport {id: $imp}) SET i.state = 'flipped', i.committedAt = datetime()", { imp }, 'committing the import');
    this.finished = true;

    stage('cleanup');
    await this.clearMarkers();
    return {
      nodesAdded,
      nodesMerged: Math.max(0, this.nodeRows - nodesAdded),
      edgesAdded: c.get('edges'),
      edgesSkipped: opts.missingEndpoints === 'skip' ? missingCount : 0,
      placeholders: placeholders || c.get('ph'),
      missingExamples,
    };
  }

  /** Applies staged updates to nodes of earlier imports, keeping their own provenance. */
  private async applyStagedNodeUpdates(): Promise<void> {
    const imp = this.importId;
    const groups = await this.conn.run<{ l: string[] | null; t: string | null }>(
      'MATCH (s:KgwStaged {_import: $imp}) RETURN DISTINCT s._slabels AS l, s._stype AS t',
      { imp },
      'reading staged node updates',
    );
    for (const g of groups.records) {
      const labels = labelClause(nodeLabels({ type: g.get('t') ?? undefined, labels: g.get('l') ?? undefined }));
      await this.conn.run(
        `MATCH (s:KgwStaged {_import: $imp})
         WHERE (s._slabels = $l OR (s._slabels IS NULL AND $l IS NULL)) AND (s._stype = $t OR (s._stype IS NULL AND $t IS NULL))
         CALL { WITH s
           MATCH (n:Node {id: s._sid})
           WITH s, n, n._import AS keepImport, n._pending AS keepPending, coalesce(n._json, []) AS oldJson,
                n.name AS oldName, n._type AS oldType, n._text AS oldText, n._labels AS oldLabels
           SET n += properties(s)${labels ? `, n${labels}` : ''}
           SET n._import = keepImport, n._pending = keepPending,
               n.name = coalesce(s._sname, oldName), n._type = coalesce(s._stype, oldType),
               n._text = coalesce(s._stext, oldText), n._labels = coalesce(s._slabels, oldLabels),
               n._json = oldJson + [k IN coalesce(s._json, []) WHERE NOT k IN oldJson]
           REMOVE n._sid, n._sname, n._stype, n._stext, n._slabels
           DELETE s
         } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS`,
        { imp, l: g.get('l'), t: g.get('t') },
        'applying staged node updates',
      );
    }
    // Updates for nodes that vanished meanwhile.
    await this.conn.run(`MATCH (s:KgwStaged {_import: $imp}) CALL { WITH s DELETE s } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS`, { imp }, 'clearing staged node updates');
  }

  /** Removes `_pending`/`_touched` after the flip; invisible to readers, safe to redo. */
  private async clearMarkers(): Promise<void> {
    await clearImportMarkers(this.conn, this.importId);
  }

  async rollback(): Promise<void> {
    if (this.finished) throw new WorkbenchError('STORE_ERROR', `Import ${this.importId} is already committed or rolled back; remove it with removeImport`);
    await rollbackPendingImport(this.conn, this.importId);
    this.finished = true;
  }
}

export async function clearImportMarkers(conn: Neo4jConnection, imp: number): Promise<void> {
  await conn.run(
    `MATCH (a:Node {_touched: $imp})
     CALL { WITH a
       OPTIONAL MATCH (a)-[r]->() WHERE r._pending = $imp
       REMOVE r._pending
       WITH DISTINCT a REMOVE a._touched
     } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS`,
    { imp },
    'clearing relationship markers',
  );
  await conn.run(`MATCH (n:Node {_pending: $imp}) CALL { WITH n REMOVE n._pending } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS`, { imp }, 'clearing node markers');
  await conn.write("MATCH (i:KgwImport {id: $imp}) SET i.state = 'committed'", { imp }, 'finishing the import');
}

/** Deletes everything a not-yet-committed import wrote; leaves earlier data as it was. */
export async function rollbackPendingImport(conn: Neo4jConnection, imp: number): Promise<void> {
  const state = await conn.run<{ s: string | null }>('OPTIONAL MATCH (i:KgwImport {id: $imp}) RETURN i.state AS s', { imp }, 'reading the import state');
  const s = state.records[0]?.get('s');
  if (s === 'flipped' || s === 'committed') {
    throw new WorkbenchError('STORE_ERROR', `Import ${imp} is committed; remove it with removeImport instead of rolling it back`, { value: String(imp) });
  }
  await conn.run(
    `MATCH (a:Node {_touched: $imp})
     CALL { WITH a
       OPTIONAL MATCH (a)-[r]->() WHERE r._pending = $imp
       DELETE r
       WITH DISTINCT a REMOVE a._touched
     } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS`,
    { imp },
    'rolling back relationships',
  );
  await conn.run(`MATCH (n:Node {_pending: $imp}) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS`, { imp }, 'rolling back nodes');
  for (const label of ['KgwStaged', 'KgwEdgeStage']) {
    await conn.run(`MATCH (s:${label} {_import: $imp}) CALL { WITH s DELETE s } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS`, { imp }, 'rolling back staged rows');
  }
  await conn.write('MATCH (i:KgwImport {id: $imp}) DELETE i', { imp }, 'forgetting the import');
}

/**
 * The Neo4j ImportWriter: parameterised UNWIND batches of up to 10K rows, one query text per
 * distinct label set / relationship type (labels and types cannot be parameters; they go through
 * `quoteName`). Everything written carries `_import`; it is hidden from readers until the import's
 * record flips to 'committed' (visibility.ts), so commit is atomic whatever the size.
 *
 * - Nodes: a lookup splits each batch into ids that exist from earlier imports and the rest.
 *   New (or this import's own) nodes are MERGEd directly. Updates to nodes of earlier imports are
 *   staged as `KgwStaged` rows and applied at commit, so a rollback never restores old values.
 * - Edges: CREATEd at write time when both endpoints exist (MATCH on the id constraint's index);
 *   the others are staged as `KgwEdgeStage` and resolved at commit (their endpoints may come in a
 *   later file): missing endpoints are then skipped and counted, or become placeholder nodes.
 * - A source node from an earlier import that gets a new relationship is marked
 *   `_touched = importId`: an indexed handle that lets rollback find those relationships without
 *   scanning all relationships (relationships of new nodes go with their node).
 */
import type { EdgeRecord, NodeRecord, Props } from '../../../electron/common/model';
import { WorkbenchError } from '../../../electron/common/errors';
import type { NodeAnnotation, ParseBatch } from '../../ingest/format';
import type { ImportCounts, ImportWriter } from '../graph-store';
import type { Neo4jConnection } from './connection';
import { labelName, quoteName } from './cypher-names';
import { encodeProps } from './props-codec';
import { DEFAULT_EDGE_TYPE, DEFAULT_NODE_TYPE } from './visibility';

export const BATCH_ROWS = 10_000;
/**
 * Updates to nodes of earlier imports are held in memory up to this many rows (applied at
 * commit, dropped on rollback); beyond it they spill to `KgwStaged` rows so memory stays bounded.
 */
export const MEMORY_STAGE_LIMIT = 50_000;

interface UpdateRow {
  id: string;
  name: string | null;
  type: string | null;
  text: string | null;
  labels: string[] | null;
  key: string | null;
  props: Record<string, unknown>;
  json: string[] | null;
}
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

/** The sanitised labels of a node besides `Node`, de-duplicated, in a stable order, as a key. */
function labelKey(type: string | undefined, labels: string[] | undefined): string {
  const all = [type, ...(labels ?? [])].filter((x): x is string => typeof x === 'string').map((x) => labelName(x, DEFAULT_NODE_TYPE));
  return [...new Set(all)].filter((l) => l !== 'Node').sort().join('\u0000');
}

function labelClause(key: string): string {
  return key === '' ? '' : key.split('\u0000').map((l) => ':' + quoteName(l, DEFAULT_NODE_TYPE)).join('');
}

/** Encoded props without the `_json` list, which travels as its own field and is merged. */
function propsAndJson(props: Props | undefined): { props: Record<string, unknown>; json: string[] | null } {
  const props2 = encodeProps(props);
  const json = (props2._json as string[] | undefined) ?? null;
  delete props2._json;
  return { props: props2, json };
}

/** Every property of a node new in this import, as one map for `SET n = map` (nulls dropped). */
function newNodeProps(r: UpdateRow & { line: number | null }, imp: number, file: string): Record<string, unknown> {
  const all: Record<string, unknown> = { ...r.props, id: r.id, name: r.name ?? r.id, _type: r.type ?? DEFAULT_NODE_TYPE, _labels: r.labels, _import: imp, _file: file };
  if (r.text !== null) all._text = r.text;
  if (r.line !== null) all._line = r.line;
  if (r.json) all._json = r.json;
  return all;
}

/** Union of the stored `_json` list and a batch row's, in Cypher. */
const JSON_UNION = (target: string, json: string) =>
  `CASE WHEN ${json} IS NULL THEN ${target}._json ELSE coalesce(${target}._json, []) + [k IN ${json} WHERE NOT k IN coalesce(${target}._json, [])] END`;

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
SET n = row.all`;

/** Updates to nodes of earlier imports, applied at commit (labels only for node rows). */
const APPLY_UPDATES = (labels: string) => `
UNWIND $rows AS row
MATCH (n:Node {id: row.id})
SET n._json = ${JSON_UNION('n', 'row.json')}
SET n += row.props${labels ? `, n${labels}` : ''}, n.name = coalesce(row.name, n.name), n._type = coalesce(row.type, n._type),
    n._text = coalesce(row.text, n._text), n._labels = coalesce(row.labels, n._labels)`;

const STAGE_NODES = `
UNWIND $rows AS row
CREATE (s:KgwStaged)
SET s += row.props, s._import = $imp, s._sid = row.id, s._sname = row.name, s._stype = row.type,
    s._stext = row.text, s._slabels = row.labels, s._sjson = row.json, s._skey = row.key`;

const UPDATE_OWN = `
UNWIND $rows AS row
MATCH (n:Node {id: row.id})
SET n._json = ${JSON_UNION('n', 'row.json')}
SET n += row.props, n.name = coalesce(row.name, n.name), n._text = coalesce(row.text, n._text)`;

const WRITE_EDGES = (relType: string) => `
UNWIND $rows AS row
MATCH (a:Node {id: row.s})
MATCH (b:Node {id: row.t})
CREATE (a)-[r:${relType}]->(b)
SET r = row.all
RETURN collect(row.i) AS done`;

const STAGE_EDGES = `
UNWIND $rows AS row
CREATE (s:KgwEdgeStage)
SET s += row.props, s._id = row.id, s._s = row.s, s._t = row.t, s._type = row.type,
    s._import = $imp, s._file = $file, s._line = row.line, s._sjson = row.json`;

const TOUCH = `
UNWIND $ids AS id
MATCH (a:Node {id: id}) WHERE a._import IS NULL OR a._import <> $imp
SET a._touched = $imp
RETURN count(a) AS n`;

export class Neo4jImportWriter implements ImportWriter {
  private nodeRows = 0;
  private edgesAdded = 0;
  private edgeSeq = 0;
  /** What commit has to do: skipped steps save round trips on the common, clean import. */
  private stagedNodes = 0;
  private memoryUpdates: UpdateRow[] = [];
  private stagedEdges = 0;
  private touched = 0;
  private finished = false;

  private constructor(
    private readonly conn: Neo4jConnection,
    readonly importId: number,
    private readonly memoryStageLimit: number,
  ) {}

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

  /** Which of `ids` exist, and whether each belongs to this import (own) or an earlier one. */
  private async lookup(ids: string[], doing: string): Promise<Map<string, boolean>> {
    const res = await this.conn.read<{ id: string; own: boolean }>(
      'UNWIND $ids AS id MATCH (n:Node {id: id}) RETURN id, coalesce(n._import = $imp, false) AS own',
      { ids, imp: this.importId },
      doing,
    );
    return new Map(res.records.map((r) => [r.get('id'), r.get('own')]));
  }

  private async writeNodes(nodes: NodeRecord[], file: string): Promise<void> {
    this.nodeRows += nodes.length;
    for (const part of chunks(nodes, BATCH_ROWS)) {
      const existing = await this.lookup(part.map((n) => n.id), `looking up node ids of ${file}`);
      // A record without a type must not overwrite the type of a node that has one: type stays
      // null here and falls back to 'node' only when the node is created.
      const rows = part.map((n) => {
        const type = n.type ?? n.labels?.[0] ?? null;
        return { id: n.id, name: n.name ?? null, type, text: n.text ?? null, labels: n.labels ?? [], line: n.line ?? null, key: labelKey(type ?? undefined, n.labels), ...propsAndJson(n.props) };
      });
      // Missing ids are CREATEd (first occurrence); repeats and this import's own nodes MERGE after.
      const created = new Set<string>();
      const fresh: typeof rows = [];
      const own: typeof rows = [];
      for (const r of rows) {
        const state = existing.get(r.id);
        if (state === false) await this.stageUpdate(r);
        else if (state === undefined && !created.has(r.id)) {
          created.add(r.id);
          fresh.push(r);
        } else own.push(r);
      }
      for (const [key, group] of groupBy(fresh, (r) => r.key)) {
        const batch = group.map((r) => ({ all: newNodeProps(r, this.importId, file) }));
        await this.conn.write(CREATE_NODES(labelClause(key)), { rows: batch }, `writing nodes of ${file}`);
      }
      for (const [key, group] of groupBy(own, (r) => r.key)) {
        await this.conn.write(WRITE_NODES(labelClause(key)), { rows: group, imp: this.importId, file }, `writing nodes of ${file}`);
      }
    }
  }

  /** Holds an update to a node of an earlier import until commit (spilling to the DB past a limit). */
  private async stageUpdate(row: UpdateRow): Promise<void> {
    this.memoryUpdates.push(row);
    if (this.memoryUpdates.length >= this.memoryStageLimit) {
      for (const part of chunks(this.memoryUpdates, BATCH_ROWS)) {
        await this.conn.write(STAGE_NODES, { rows: part, imp: this.importId }, 'staging node updates');
      }
      this.stagedNodes += this.memoryUpdates.length;
      this.memoryUpdates = [];
    }
  }

  private async writeAnnotations(annotations: NodeAnnotation[]): Promise<void> {
    for (const part of chunks(annotations, BATCH_ROWS)) {
      const existing = await this.lookup(part.map((a) => a.id), 'looking up annotated node ids');
      // Annotations only update nodes that exist; others are ignored (the importer warns).
      const rows = part.filter((a) => existing.has(a.id)).map((a) => ({
        id: a.id, name: a.name ?? null, type: null, text: a.text ?? null, labels: null, key: null, ...propsAndJson(a.props),
      }));
      const own = rows.filter((r) => existing.get(r.id));
      if (own.length > 0) await this.conn.write(UPDATE_OWN, { rows: own, imp: this.importId }, 'writing node annotations');
      for (const r of rows) if (!existing.get(r.id)) await this.stageUpdate(r);
    }
  }

  private async writeEdges(edges: EdgeRecord[], file: string): Promise<void> {
    for (const [type, group] of groupBy(edges, (e) => e.type ?? DEFAULT_EDGE_TYPE)) {
      const relType = quoteName(type, DEFAULT_EDGE_TYPE);
      for (const part of chunks(group, BATCH_ROWS)) {
        const rows = part.map((e, i) => ({
          i,
          id: e.id ?? `${this.importId}:${++this.edgeSeq}`,
          s: e.source,
          t: e.target,
          type,
          line: e.line ?? null,
          ...propsAndJson(e.props),
        }));
        const edgeRows = rows.map((r) => {
          const all: Record<string, unknown> = { ...r.props, _id: r.id, _type: type, _import: this.importId, _file: file };
          if (r.line !== null) all._line = r.line;
          if (r.json) all._json = r.json;
          return { i: r.i, s: r.s, t: r.t, all };
        });
        const res = await this.conn.write<{ done: number[] }>(WRITE_EDGES(relType), { rows: edgeRows }, `writing edges of ${file}`);
        const done = new Set(res.records[0]?.get('done') ?? []);
        this.edgesAdded += done.size;
        const sources = [...new Set(rows.filter((r) => done.has(r.i)).map((r) => r.s))];
        if (sources.length > 0) {
          const t = await this.conn.write<{ n: number }>(TOUCH, { ids: sources, imp: this.importId }, 'marking source nodes');
          this.touched += t.records[0]?.get('n') ?? 0;
        }
        const unresolved = rows.filter((r) => !done.has(r.i));
        this.stagedEdges += unresolved.length;
        if (unresolved.length > 0) await this.conn.write(STAGE_EDGES, { rows: unresolved, imp: this.importId, file }, `staging edges of ${file}`);
      }
    }
  }

  async commit(opts: { missingEndpoints: 'skip' | 'placeholder'; onStage?: (stage: string) => void }): Promise<ImportCounts> {
    this.assertOpen();
    const imp = this.importId;
    opts.onStage?.('resolve-edges');
    const { missingCount, missingExamples, placeholders, resolved } = this.stagedEdges > 0
      ? await this.resolveStagedEdges(opts.missingEndpoints)
      : { missingCount: 0, missingExamples: [], placeholders: 0, resolved: 0 };
    opts.onStage?.('merge-updates');
    if (this.stagedNodes > 0) await this.applyStagedNodeUpdates();
    await this.applyMemoryUpdates();
    opts.onStage?.('commit');
    const counts = await this.conn.read<{ added: number }>(
      'MATCH (n:Node {_import: $imp}) RETURN count(n) - count(n._placeholder) AS added', { imp }, 'counting the import');
    const nodesAdded = counts.records[0].get('added');
    // The flip: one small write makes the whole import visible at once.
    await this.conn.write("MATCH (i:KgwImport {id: $imp}) SET i.state = 'committed', i.committedAt = datetime()", { imp }, 'committing the import');
    this.finished = true;
    opts.onStage?.('cleanup');
    // Staged edges resolved at commit may have touched nodes too, hence `resolved`.
    if (this.touched + resolved > 0) await this.conn.run(`MATCH (a:Node {_touched: $imp}) CALL { WITH a REMOVE a._touched } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS`, { imp }, 'clearing markers');
    return {
      nodesAdded,
      nodesMerged: Math.max(0, this.nodeRows - nodesAdded),
      edgesAdded: this.edgesAdded + resolved,
      edgesSkipped: opts.missingEndpoints === 'skip' ? missingCount : 0,
      placeholders,
      missingExamples,
    };
  }

  private async resolveStagedEdges(mode: 'skip' | 'placeholder') {
    const imp = this.importId;
    const missing = await this.conn.read<{ n: number; ex: Array<{ file: string; line: number | null; value: string }> }>(
      `MATCH (s:KgwEdgeStage {_import: $imp})
       WITH s, EXISTS { MATCH (:Node {id: s._s}) } AS hasS, EXISTS { MATCH (:Node {id: s._t}) } AS hasT
       WHERE NOT (hasS AND hasT)
       WITH s, hasS ORDER BY s._line
       RETURN count(s) AS n, collect({file: s._file, line: s._line, value: CASE WHEN hasS THEN s._t ELSE s._s END})[0..${MISSING_EXAMPLES}] AS ex`,
      { imp },
      'finding edges with missing endpoints',
    );
    const missingCount = missing.records[0]?.get('n') ?? 0;
    const missingExamples = (missing.records[0]?.get('ex') ?? []).map((e) => ({ file: e.file, line: e.line ?? undefined, value: e.value }));
    let placeholders = 0;
    if (missingCount > 0 && mode === 'placeholder') {
      const res = await this.conn.write<{ n: number }>(
        `MATCH (s:KgwEdgeStage {_import: $imp})
         UNWIND [s._s, s._t] AS pid
         WITH DISTINCT pid WHERE NOT EXISTS { MATCH (:Node {id: pid}) }
         CREATE (p:Node:Placeholder {id: pid, name: pid, _type: 'placeholder', _placeholder: true, _import: $imp})
         RETURN count(p) AS n`,
        { imp },
        'creating placeholder nodes',
      );
      placeholders = res.records[0]?.get('n') ?? 0;
    }
    let resolved = 0;
    const types = await this.conn.read<{ t: string }>('MATCH (s:KgwEdgeStage {_import: $imp}) RETURN DISTINCT s._type AS t', { imp }, 'reading staged edge types');
    for (const rec of types.records) {
      const type = rec.get('t');
      const res = await this.conn.run<{ n: number }>(
        `MATCH (s:KgwEdgeStage {_import: $imp}) WHERE s._type = $type
         CALL { WITH s
           MATCH (a:Node {id: s._s})
           MATCH (b:Node {id: s._t})
           CREATE (a)-[r:${quoteName(type, DEFAULT_EDGE_TYPE)}]->(b)
           SET r += properties(s), r._json = s._sjson, a._touched = CASE WHEN a._import = $imp THEN a._touched ELSE $imp END
           REMOVE r._s, r._t, r._sjson
           RETURN count(r) AS made
         } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS
         RETURN sum(made) AS n`,
        { imp, type },
        'resolving staged edges',
      );
      resolved += res.records[0]?.get('n') ?? 0;
    }
    await this.conn.run(`MATCH (s:KgwEdgeStage {_import: $imp}) CALL { WITH s DELETE s } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS`, { imp }, 'clearing staged edges');
    return { missingCount, missingExamples, placeholders, resolved };
  }

  /** Applies the in-memory updates (after the spilled ones, which are older). */
  private async applyMemoryUpdates(): Promise<void> {
    for (const [key, group] of groupBy(this.memoryUpdates, (r) => r.key ?? '')) {
      for (const part of chunks(group, BATCH_ROWS)) {
        await this.conn.write(APPLY_UPDATES(labelClause(key)), { rows: part }, 'applying node updates');
      }
    }
    this.memoryUpdates = [];
  }

  /** Applies spilled updates to nodes of earlier imports, keeping their own provenance. */
  private async applyStagedNodeUpdates(): Promise<void> {
    const imp = this.importId;
    const keys = await this.conn.read<{ k: string | null }>('MATCH (s:KgwStaged {_import: $imp}) RETURN DISTINCT s._skey AS k', { imp }, 'reading staged node updates');
    if (keys.records.length === 0) return;
    // Labels first (one query text per label set), then all props in one pass.
    for (const rec of keys.records) {
      const key = rec.get('k');
      if (!key) continue;
      await this.conn.run(
        `MATCH (s:KgwStaged {_import: $imp}) WHERE s._skey = $key
         CALL { WITH s MATCH (n:Node {id: s._sid}) SET n${labelClause(key)} } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS`,
        { imp, key },
        'applying staged labels',
      );
    }
    await this.conn.run(
      `MATCH (s:KgwStaged {_import: $imp})
       CALL { WITH s
         MATCH (n:Node {id: s._sid})
         WITH s, n, n._import AS keepImport, n._file AS keepFile, n._line AS keepLine, n._touched AS keepTouched
         SET n._json = ${JSON_UNION('n', 's._sjson')}
         SET n += properties(s)
         SET n._import = keepImport, n._file = keepFile, n._line = keepLine, n._touched = keepTouched,
             n.name = coalesce(s._sname, n.name), n._type = coalesce(s._stype, n._type),
             n._text = coalesce(s._stext, n._text), n._labels = coalesce(s._slabels, n._labels)
         REMOVE n._sid, n._sname, n._stype, n._stext, n._slabels, n._sjson, n._skey
       } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS`,
      { imp },
      'applying staged node updates',
    );
    await this.conn.run(`MATCH (s:KgwStaged {_import: $imp}) CALL { WITH s DELETE s } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS`, { imp }, 'clearing staged node updates');
  }

  async rollback(): Promise<void> {
    if (this.finished) throw new WorkbenchError('STORE_ERROR', `Import ${this.importId} is already committed or rolled back; remove it with removeImport`);
    this.memoryUpdates = [];
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
export async function deleteImport(conn: Neo4jConnection, imp: number, committed: boolean): Promise<void> {
  const state = await conn.write<{ s: string | null }>(
    "OPTIONAL MATCH (i:KgwImport {id: $imp}) WITH i, i.state AS before SET i.state = 'pending' RETURN before AS s",
    { imp }, 'hiding the import');
  const before = state.records[0]?.get('s');
  if (before === null || before === undefined) throw new WorkbenchError('NOT_FOUND', `No import ${imp} in this database`, { value: String(imp) });
  if (before === 'committed' && !committed) {
    await conn.write("MATCH (i:KgwImport {id: $imp}) SET i.state = 'committed'", { imp }, 'restoring the import state');
    throw new WorkbenchError('STORE_ERROR', `Import ${imp} is committed; remove it with removeImport instead of rolling it back`, { value: String(imp) });
  }
  for (const label of ['KgwStaged', 'KgwEdgeStage']) {
    await conn.run(`MATCH (s:${label} {_import: $imp}) CALL { WITH s DELETE s } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS`, { imp }, 'deleting staged rows');
  }
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

/**
 * The commit path of a Neo4j import (see neo4j-import.ts for the writes before it):
 *  - HeldUpdates: updates to nodes of EARLIER imports are held in memory until commit (a rollback
 *    then never has to restore old values); past a limit they spill to `KgwStaged` rows so memory
 *    stays bounded.
 *  - commitImport: resolves staged edges (endpoints that came later, placeholders), applies
 *    spilled updates, then ONE transaction applies the held in-memory updates, drops the import's
 *    `KgwTouch` bookkeeping and flips its record to 'committed' — the whole import appears at once.
 *    Only spilled updates (very large update sets) are applied before that transaction; if the
 *    server dies between the two, those are visible while the new nodes stay hidden.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { ImportCounts } from '../graph-store';
import type { Neo4jConnection } from './connection';
import { quoteName } from './cypher-names';
import { APPLY_UPDATES, BATCH_ROWS, chunks, groupBy, JSON_UNION, labelClause, type CypherInt, type UpdateRow } from './import-rows';
import { DEFAULT_EDGE_TYPE } from './visibility';

/**
 * Updates to nodes of earlier imports are held in memory up to this many rows (applied at
 * commit, dropped on rollback); beyond it they spill to `KgwStaged` rows so memory stays bounded.
 */
export const MEMORY_STAGE_LIMIT = 50_000;
const MISSING_EXAMPLES = 5;

const STAGE_NODES = `
UNWIND $rows AS row
CREATE (s:KgwStaged)
SET s += row.props, s._import = $imp, s._sid = row.id, s._sname = row.name, s._stype = row.type,
    s._stext = row.text, s._slabels = row.labels, s._sjson = row.json, s._skey = row.key`;

/** Held updates to nodes of earlier imports (memory first, spilled to the database past a limit). */
export class HeldUpdates {
  private memory: UpdateRow[] = [];
  /** Rows spilled to `KgwStaged`; they are older than the ones in memory. */
  spilled = 0;

  constructor(
    private readonly conn: Neo4jConnection,
    private readonly imp: CypherInt,
    private readonly limit: number,
  ) {}

  async add(rows: UpdateRow[]): Promise<void> {
    for (const r of rows) {
      this.memory.push(r);
      if (this.memory.length >= this.limit) await this.spill();
    }
  }

  private async spill(): Promise<void> {
    for (const part of chunks(this.memory, BATCH_ROWS)) {
      await this.conn.write(STAGE_NODES, { rows: part, imp: this.imp }, 'staging node updates');
    }
    this.spilled += this.memory.length;
    this.memory = [];
  }

  /** Queues the in-memory updates on a transaction (per label set: labels cannot be parameters). */
  applyInMemory(tx: ManagedTransaction): Array<Promise<unknown>> {
    const runs: Array<Promise<unknown>> = [];
    for (const [key, group] of groupBy(this.memory, (r) => r.key ?? '')) {
      for (const part of chunks(group, BATCH_ROWS)) runs.push(tx.run(APPLY_UPDATES(labelClause(key)), { rows: part }));
    }
    return runs;
  }

  clear(): void {
    this.memory = [];
  }
}

/** What the writer did before commit; zero counts let commit skip whole steps. */
export interface WrittenSoFar {
  nodeRows: number;
  nodesCreated: number;
  edgesAdded: number;
  stagedEdges: number;
  held: HeldUpdates;
}

export async function commitImport(
  conn: Neo4jConnection,
  imp: CypherInt,
  done: WrittenSoFar,
  opts: { missingEndpoints: 'skip' | 'placeholder'; onStage?: (stage: string) => void },
): Promise<ImportCounts> {
  opts.onStage?.('resolve-edges');
  const { missingCount, missingExamples, placeholders, resolved } = done.stagedEdges > 0
    ? await resolveStagedEdges(conn, imp, opts.missingEndpoints)
    : { missingCount: 0, missingExamples: [], placeholders: 0, resolved: 0 };
  opts.onStage?.('merge-updates');
  if (done.held.spilled > 0) await applyStagedNodeUpdates(conn, imp);
  opts.onStage?.('commit');
  // The flip, with the held updates and the bookkeeping cleanup in the same transaction: the
  // import's new data and its updates to older nodes become visible together.
  await conn.writeTx(async (tx) => {
    await Promise.all([
      ...done.held.applyInMemory(tx),
      tx.run('MATCH (t:KgwTouch {_import: $imp}) DELETE t', { imp }),
      tx.run("MATCH (i:KgwImport {id: $imp}) SET i.state = 'committed', i.committedAt = datetime()", { imp }),
    ]);
  }, 'committing the import');
  done.held.clear();
  opts.onStage?.('cleanup');
  // Edges resolved at commit marked their older source nodes `_touched` (for a rollback midway).
  if (resolved > 0) await conn.run(`MATCH (a:Node {_touched: $imp}) CALL { WITH a REMOVE a._touched } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS`, { imp }, 'clearing markers');
  // Nodes this import created are counted as the writer created them (placeholders apart), so
  // no count query is needed.
  const nodesAdded = done.nodesCreated;
  return {
    nodesAdded,
    nodesMerged: Math.max(0, done.nodeRows - nodesAdded),
    edgesAdded: done.edgesAdded + resolved,
    edgesSkipped: opts.missingEndpoints === 'skip' ? missingCount : 0,
    placeholders,
    missingExamples,
  };
}

async function resolveStagedEdges(conn: Neo4jConnection, imp: CypherInt, mode: 'skip' | 'placeholder') {
  const missing = await conn.read<{ n: number; ex: Array<{ file: string; line: number | null; value: string }> }>(
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
    const res = await conn.write<{ n: number }>(
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
  const types = await conn.read<{ t: string }>('MATCH (s:KgwEdgeStage {_import: $imp}) RETURN DISTINCT s._type AS t', { imp }, 'reading staged edge types');
  for (const rec of types.records) {
    const type = rec.get('t');
    const res = await conn.run<{ n: number }>(
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
  await conn.run(`MATCH (s:KgwEdgeStage {_import: $imp}) CALL { WITH s DELETE s } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS`, { imp }, 'clearing staged edges');
  return { missingCount, missingExamples, placeholders, resolved };
}

/** Applies spilled updates to nodes of earlier imports, keeping their own provenance. */
async function applyStagedNodeUpdates(conn: Neo4jConnection, imp: CypherInt): Promise<void> {
  const keys = await conn.read<{ k: string | null }>('MATCH (s:KgwStaged {_import: $imp}) RETURN DISTINCT s._skey AS k', { imp }, 'reading staged node updates');
  if (keys.records.length === 0) return;
  // Labels first (one query text per label set), then all props in one pass.
  for (const rec of keys.records) {
    const key = rec.get('k');
    if (!key) continue;
    await conn.run(
      `MATCH (s:KgwStaged {_import: $imp}) WHERE s._skey = $key
       CALL { WITH s MATCH (n:Node {id: s._sid}) SET n${labelClause(key)} } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS`,
      { imp, key },
      'applying staged labels',
    );
  }
  await conn.run(
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
  await conn.run(`MATCH (s:KgwStaged {_import: $imp}) CALL { WITH s DELETE s } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS`, { imp }, 'clearing staged node updates');
}

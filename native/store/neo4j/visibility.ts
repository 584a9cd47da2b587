/**
 * How an import becomes visible at once although Neo4j cannot hold a huge import in one
 * transaction (see README.md in this folder):
 *  - every node/relationship an import creates carries `_import = id` (provenance, forever) and
 *    `_pending = id` (until cleaned up after commit);
 *  - the import's `(:KgwImport {id, state})` record goes 'pending' -> 'flipped' -> 'committed';
 *  - readers treat an element as visible when it has no `_pending`, or its `_pending` import is
 *    'flipped'. The flip is one tiny write, so a whole import appears atomically; clearing the
 *    `_pending` markers afterwards is invisible to readers.
 * Every read query starts with VIS_PRELUDE (binds `vis`) and filters with `visible(x)`.
 */

export const VIS_PRELUDE = "CALL { OPTIONAL MATCH (i:KgwImport {state: 'flipped'}) RETURN collect(i.id) AS vis }";

/** Cypher predicate: the node or relationship bound to `v` belongs to committed data. */
export function visible(v: string): string {
  return `(${v}._pending IS NULL OR ${v}._pending IN vis)`;
}

/** Relationship-type fallback when a record has none; node type fallback. */
export const DEFAULT_EDGE_TYPE = 'RELATED_TO';
export const DEFAULT_NODE_TYPE = 'node';

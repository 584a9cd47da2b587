/**
 * How an import becomes visible at once although Neo4j cannot hold a huge import in one
 * transaction:
 *  - every node/relationship an import creates carries `_import = id` (its provenance, kept);
 *  - the import's `(:KgwImport {id, state})` record is 'pending' until commit, then 'committed';
 *  - readers hide elements whose `_import` is a pending import. Committing is one tiny write
 *    (the state flip), so a whole import appears atomically and nothing has to be rewritten
 *    afterwards; a rollback (or removeImport) first hides the import, then deletes its elements.
 * Every read query starts with VIS_PRELUDE (binds `hidden`, usually empty) and filters with
 * `visible(x)`.
 */

export const VIS_PRELUDE = "CALL { OPTIONAL MATCH (i:KgwImport {state: 'pending'}) RETURN collect(i.id) AS hidden }";

/** Cypher predicate: the node or relationship bound to `v` belongs to committed data. */
export function visible(v: string): string {
  return `(${v}._import IS NULL OR NOT ${v}._import IN hidden)`;
}

/** Relationship-type fallback when a record has none; node type fallback. */
export const DEFAULT_EDGE_TYPE = 'RELATED_TO';
export const DEFAULT_NODE_TYPE = 'node';

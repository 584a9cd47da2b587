/**
 * Row shapes and Cypher fragments shared by the Neo4j import writer (neo4j-import.ts) and its
 * commit path (import-commit.ts): batching helpers, label sets as query-text keys, and the
 * encoding of records into parameter rows. Numbers that Neo4j should keep as integers (import id,
 * source line) are sent as driver Integers: a plain JS number reaches Cypher as a float.
 */
import neo4j from 'neo4j-driver';
import type { Props } from '../../../electron/common/model';
import { labelName, quoteName } from './cypher-names';
import { encodeProps } from './props-codec';
import { DEFAULT_NODE_TYPE } from './visibility';

/** Rows per UNWIND batch (and per inner transaction of `CALL {} IN TRANSACTIONS`). */
export const BATCH_ROWS = 10_000;

export type CypherInt = ReturnType<typeof neo4j.int>;

/** An integer parameter (import ids, line numbers) or null. */
export function int(n: number): CypherInt;
export function int(n: number | null | undefined): CypherInt | null;
export function int(n: number | null | undefined): CypherInt | null {
  return n === null || n === undefined ? null : neo4j.int(Math.trunc(n));
}

/** A node record as parameter row: what a merge or a held update applies. */
export interface UpdateRow {
  id: string;
  name: string | null;
  type: string | null;
  text: string | null;
  labels: string[] | null;
  key: string | null;
  props: Record<string, unknown>;
  json: string[] | null;
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
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
export function labelKey(type: string | undefined, labels: string[] | undefined): string {
  const all = [type, ...(labels ?? [])].filter((x): x is string => typeof x === 'string').map((x) => labelName(x, DEFAULT_NODE_TYPE));
  return [...new Set(all)].filter((l) => l !== 'Node').sort().join('\u0000');
}

/** `:A:B` for a label key (labels cannot be parameters; each is quoted by `quoteName`). */
export function labelClause(key: string): string {
  return key === '' ? '' : key.split('\u0000').map((l) => ':' + quoteName(l, DEFAULT_NODE_TYPE)).join('');
}

/** Encoded props without the `_json` list, which travels as its own field and is merged. */
export function propsAndJson(props: Props | undefined): { props: Record<string, unknown>; json: string[] | null } {
  const props2 = encodeProps(props);
  const json = (props2._json as string[] | undefined) ?? null;
  delete props2._json;
  return { props: props2, json };
}

/**
 * The properties of a node new in this import, as one map for `SET n = map` (nulls dropped);
 * `_import` and `_file`, the same for the whole batch, are set from query parameters.
 */
export function newNodeProps(r: UpdateRow & { line: number | null }): Record<string, unknown> {
  const all: Record<string, unknown> = { ...r.props, id: r.id, name: r.name ?? r.id, _type: r.type ?? DEFAULT_NODE_TYPE, _labels: r.labels };
  if (r.text !== null) all._text = r.text;
  if (r.line !== null) all._line = int(r.line);
  if (r.json) all._json = r.json;
  return all;
}

/** Union of the stored `_json` list and a batch row's, in Cypher. */
export const JSON_UNION = (target: string, json: string) =>
  `CASE WHEN ${json} IS NULL THEN ${target}._json ELSE coalesce(${target}._json, []) + [k IN ${json} WHERE NOT k IN coalesce(${target}._json, [])] END`;

/** Updates to nodes of earlier imports, applied at commit (labels only for node rows). */
export const APPLY_UPDATES = (labels: string) => `
UNWIND $rows AS row
MATCH (n:Node {id: row.id})
SET n._json = ${JSON_UNION('n', 'row.json')}
SET n += row.props${labels ? `, n${labels}` : ''}, n.name = coalesce(row.name, n.name), n._type = coalesce(row.type, n._type),
    n._text = coalesce(row.text, n._text), n._labels = coalesce(row.labels, n._labels)`;

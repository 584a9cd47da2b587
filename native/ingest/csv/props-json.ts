/**
 * Props of a Neo4j/AutoSchemaKG CSV row written straight to JSON text, for flat batches
 * (../flat-rows.ts). The text is exactly `propsJson` of the props object the record path builds
 * (neo4j-handler.ts readProps + the extra key): same keys in the same order, same values. What
 * it saves per record: the props object, one array per list cell, and JSON.stringify walking
 * them again.
 *
 * Key order is insertion order only for keys that are not array indexes ("0", "12" go first in a
 * JS object), a repeated column name keeps its first position with the last value, and
 * `__proto__` is no own key at all; headers with any of these build the object instead.
 */
import type { PropValue, Props } from '../../../electron/common/model';
import type { Neo4jColumn } from './neo4j-header';
import { listLiteralJson } from './python-literal';
import { inferNumber } from './values';
import { propsJson } from '../flat-rows';

/** Converts one non-empty cell of a property column (neo4j-handler.ts cellValue). */
export type CellReader = (raw: string, col: Neo4jColumn, line: number, column: number) => PropValue;

const ARRAY_INDEX_RE = /^(?:0|[1-9]\d*)$/;

function plainKey(name: string): boolean {
  if (name === '__proto__') return false;
  return !(ARRAY_INDEX_RE.test(name) && Number(name) < 4294967295);
}

export class PropsJsonWriter {
  /** `"name":` per property column, in plan order; undefined: build the object instead. */
  private readonly keys: string[] | undefined;
  private readonly extraKey: string;
  private readonly extraName: string;

  /**
   * `props`: the plan's property columns; `extraKey`: the one key a row may add after them (the
   * ID column's name on grouped node ids, `neo4j_type` on edges), '' for none.
   */
  constructor(
    private readonly columns: Neo4jColumn[],
    private readonly props: number[],
    private readonly autoschemakg: boolean,
    private readonly readCell: CellReader,
    extraKey: string,
  ) {
    const names = props.map((i) => columns[i].name);
    if (extraKey !== '') names.push(extraKey);
    const distinct = new Set(names).size === names.length;
    this.keys = distinct && names.every(plainKey) ? names.map((n) => JSON.stringify(n) + ':') : undefined;
    this.extraName = extraKey;
    this.extraKey = JSON.stringify(extraKey) + ':';
  }

  /** The props JSON of `row` (null for none); `extra` is the extra key's string value, if any. */
  json(row: string[], line: number, extra?: string): string | null {
    const keys = this.keys;
    if (keys === undefined) return propsJson(this.object(row, line, extra));
    const props = this.props;
    let out = '';
    for (let k = 0; k < props.length; k++) {
      const i = props[k];
      const raw = row[i];
      if (raw === '') continue; // Neo4j sets no property for an empty cell
      out += (out === '' ? '{' : ',') + keys[k] + this.valueJson(raw, this.columns[i], line, i + 1);
    }
    if (extra !== undefined) out += (out === '' ? '{' : ',') + this.extraKey + JSON.stringify(extra);
    return out === '' ? null : out + '}';
  }

  /** The props object, as the record path builds it. */
  object(row: string[], line: number, extra?: string): Props {
    const props: Props = {};
    for (let k = 0; k < this.props.length; k++) {
      const i = this.props[k];
      const raw = row[i];
      if (raw === '') continue;
      props[this.columns[i].name] = this.readCell(raw, this.columns[i], line, i + 1);
    }
    if (extra !== undefined) props[this.extraName] = extra;
    return props;
  }

  private valueJson(raw: string, col: Neo4jColumn, line: number, column: number): string {
    if (this.autoschemakg && col.type === 'string' && !col.array) {
      // readCell's AutoSchemaKG branch, written as JSON without the intermediate values.
      if (raw.charCodeAt(0) === 91 /* [ */) return listLiteralJson(raw) ?? JSON.stringify(raw);
      const v = inferNumber(raw);
      return JSON.stringify(v);
    }
    return JSON.stringify(this.readCell(raw, col, line, column));
  }
}

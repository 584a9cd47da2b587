/**
 * Neo4j admin-import header cells (`name:ID(Group)`, `:START_ID`, `:LABEL`, `year:int`,
 * `tags:string[]`, `:IGNORE` ...) and the typed casts they ask for.
 */
import { WorkbenchError } from '../../../electron/common/errors';
import type { PropValue } from '../../../electron/common/model';

export type SpecialKind = 'ID' | 'START_ID' | 'END_ID' | 'LABEL' | 'TYPE' | 'IGNORE';
export type ScalarType = 'string' | 'int' | 'long' | 'short' | 'byte' | 'float' | 'double' | 'boolean' | 'char' | 'other';

export interface Neo4jColumn {
  /** Property name ('' for `:ID`, `:LABEL` ...). */
  name: string;
  kind: SpecialKind | 'PROPERTY';
  /** Only for PROPERTY columns. */
  type: ScalarType;
  array: boolean;
  /** ID space of an ID / START_ID / END_ID column. */
  group?: string;
  /** The raw header cell, for messages. */
  header: string;
}

const SPECIAL = new Set(['ID', 'START_ID', 'END_ID', 'LABEL', 'TYPE', 'IGNORE']);
const SCALARS = new Set(['string', 'int', 'long', 'short', 'byte', 'float', 'double', 'boolean', 'char']);
/** Typed Neo4j columns kept as text (dates, points, durations): valid, just not cast here. */
const OTHER_TYPES = new Set(['date', 'localtime', 'time', 'localdatetime', 'datetime', 'duration', 'point']);

const CELL_RE = /^(.*):([A-Za-z_]+)(\[\])?(?:\(([^()]*)\))?(?:\{.*\})?$/;

export function parseHeaderCell(cell: string): Neo4jColumn {
  const m = CELL_RE.exec(cell.trim());
  if (m) {
    const [, name, rawType, brackets, group] = m;
    const upper = rawType.toUpperCase();
    const lower = rawType.toLowerCase();
    if (SPECIAL.has(upper)) return { name, kind: upper as SpecialKind, type: 'string', array: false, group: group || undefined, header: cell };
    if (SCALARS.has(lower)) return { name, kind: 'PROPERTY', type: lower as ScalarType, array: !!brackets, header: cell };
    if (OTHER_TYPES.has(lower)) return { name, kind: 'PROPERTY', type: 'other', array: !!brackets, header: cell };
  }
  return { name: cell.trim(), kind: 'PROPERTY', type: 'string', array: false, header: cell };
}

export function parseHeader(cells: string[]): Neo4jColumn[] {
  return cells.map(parseHeaderCell);
}

/** True when a header row uses Neo4j's id columns (the sure sign of an admin-import file). */
export function isNeo4jHeader(cells: string[]): boolean {
  return cells.some((c) => {
    const k = parseHeaderCell(c).kind;
    return k === 'ID' || k === 'START_ID' || k === 'END_ID';
  });
}

/** Node id in its ID space: ids 1..3 of `Actor-ID` and of `Movie-ID` stay apart. */
export function namespacedId(raw: string, group: string | undefined): string {
  return group ? `${group}:${raw}` : raw;
}

export interface CastContext {
  file: string;
  line: number;
  column: number;
}

const INT_RE = /^[+-]?\d+$/;
const FLOAT_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?(?:Infinity|NaN)$/;

/** Casts one cell to its declared type; throws a WorkbenchError that names the cell. */
export function castValue(raw: string, col: Neo4jColumn, ctx: CastContext, arrayDelimiter = ';'): PropValue {
  if (col.array) return raw.split(arrayDelimiter).map((part) => castScalar(part, col, ctx));
  return castScalar(raw, col, ctx);
}

function castScalar(raw: string, col: Neo4jColumn, ctx: CastContext): PropValue {
  const v = col.type === 'string' || col.type === 'other' || col.type === 'char' ? raw : raw.trim();
  switch (col.type) {
    case 'int':
    case 'long':
    case 'short':
    case 'byte': {
      if (!INT_RE.test(v)) throw castError(raw, col, ctx, 'an integer');
      const n = Number(v);
      // Beyond 2^53 a JS number would silently change the value: keep the digits as text.
      return Number.isSafeInteger(n) ? n : v;
    }
    case 'float':
    case 'double':
      if (!FLOAT_RE.test(v)) throw castError(raw, col, ctx, 'a number');
      return Number(v);
    case 'boolean': {
      const l = v.toLowerCase();
      if (l === 'true') return true;
      if (l === 'false') return false;
      throw castError(raw, col, ctx, 'true or false');
    }
    default:
      return raw;
  }
}

function castError(raw: string, col: Neo4jColumn, ctx: CastContext, expected: string): WorkbenchError {
  return new WorkbenchError('PARSE_ERROR', `Column "${col.header}" expects ${expected}, got ${JSON.stringify(raw)} on line ${ctx.line}`, {
    file: ctx.file, line: ctx.line, column: ctx.column, value: raw, expected: `${expected} (${col.header})`,
  });
}

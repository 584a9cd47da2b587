/**
 * Converts the text of a GraphML `<data>` / GEXF `<attvalue>` to the declared type. A value that does
 * not fit its type is kept as the original string and reported, so no data is silently lost.
 */
import type { PropValue } from '../../../electron/common/model';

export type ValueKind = 'int' | 'float' | 'boolean' | 'string';

/** GraphML attr.type and GEXF attribute types, mapped to how the value is stored. */
export function valueKind(declared: string | undefined): ValueKind {
  switch ((declared ?? 'string').toLowerCase()) {
    case 'int': case 'integer': case 'long': case 'short': case 'byte':
      return 'int';
    case 'float': case 'double': case 'bigdecimal':
      return 'float';
    case 'boolean':
      return 'boolean';
    default:
      return 'string';
  }
}

export interface Converted {
  value: PropValue;
  /** Set when the text did not fit the declared type (the value is then the text). */
  mismatch?: boolean;
}

const INT_RE = /^[+-]?\d+$/;

/** Returns undefined for an empty non-string value (igraph writes `<data></data>` for missing). */
export function convertValue(text: string, kind: ValueKind): Converted | undefined {
  if (kind === 'string') return { value: text };
  const t = text.trim();
  if (t === '') return undefined;
  if (kind === 'int') {
    if (INT_RE.test(t)) {
      const n = Number(t);
      // Beyond 2^53 a number would change the value: keep the exact digits as a string.
      return Number.isSafeInteger(n) ? { value: n } : { value: t };
    }
    return { value: text, mismatch: true };
  }
  if (kind === 'float') {
    const n = Number(t);
    if (!Number.isNaN(n) && Number.isFinite(n)) return { value: n };
    return { value: text, mismatch: true };
  }
  const lower = t.toLowerCase();
  if (lower === 'true' || lower === '1') return { value: true };
  if (lower === 'false' || lower === '0') return { value: false };
  return { value: text, mismatch: true };
}

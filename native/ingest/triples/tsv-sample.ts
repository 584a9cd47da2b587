/**
 * Shape of a headerless tab-separated file from its first bytes: how many columns each line
 * has. Triples (head, relation, tail) have 3, id-to-name files have 2.
 */
import { KNOWN_COLUMN_NAMES } from '../csv/column-guess';
import { hasHeader, headText, looksNumeric, normalizeName, sampleRows } from '../csv/sniff';

export interface TsvShape {
  rows: string[][];
  /** The column count when every sample line has the same one, else 0. */
  width: number;
}

export function tsvShape(head: Buffer): TsvShape {
  const text = headText(head);
  if (!text || !text.includes('\t') || /^\s*[<{[]/.test(text)) return { rows: [], width: 0 };
  // A short file has no cut-off last line: tokenize it whole.
  const rows = sampleRows(head.length < 64 * 1024 ? text + '\n' : text, '\t', false);
  if (rows.length === 0) return { rows, width: 0 };
  const width = rows[0].length;
  const regular = rows.every((r) => r.length === width && r.every((c) => c !== ''));
  return { rows, width: regular ? width : 0 };
}

/** Numbers with a leading zero (`00260881`) are identifiers, not quantities. */
function columnNumeric(rows: string[][], i: number): boolean {
  return rows.length > 0 && rows.every((r) => looksNumeric(r[i]) && !/^[+-]?0\d/.test(r[i]));
}

/** A first line naming known columns (id, name, source ...) is a header: not a headerless file. */
export function startsWithHeader(rows: string[][]): boolean {
  return hasHeader(rows[0], KNOWN_COLUMN_NAMES) && rows[0].some((c) => KNOWN_COLUMN_NAMES.has(normalizeName(c)));
}

/**
 * source, target, weight rather than head, relation, tail: the third column is numeric while
 * the first is not (numeric tails of numeric heads are ids, as in WN18RR), or the middle column
 * is numeric too (relations are names, not numbers).
 */
export function looksWeighted(rows: string[][]): boolean {
  return columnNumeric(rows, 2) && (columnNumeric(rows, 1) || !columnNumeric(rows, 0));
}

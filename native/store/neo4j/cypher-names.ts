/**
 * Labels and relationship types cannot be Cypher parameters, so they are spliced into query text.
 * Everything spliced goes through `quoteName`, which builds a backtick-quoted identifier from a
 * strict, reduced form of the name:
 *  - backticks are doubled (the Cypher escape inside a quoted name);
 *  - backslashes are replaced, so no `\u0060`-style escape can ever form a backtick;
 *  - control characters (incl. newlines, NUL) and unpaired surrogates are replaced;
 *  - leading/trailing space is trimmed, length is capped, empty names get a fallback.
 * The exact original type is kept in the `_type` property, so sanitising never loses data: the
 * label is an index and a convenience for people browsing the database with Cypher.
 */

/** Neo4j's own token limit is far larger; long "types" are almost always a parsing accident. */
export const MAX_NAME_LENGTH = 120;

/** The readable form of a type used as a label/relationship type (before quoting). */
export function labelName(raw: string | undefined, fallback: string): string {
  let s = (raw ?? '').normalize('NFC');
  // Control chars (C0, DEL, C1), backslash, and lone surrogates become '_'.
  s = s.replace(/[\u0000-\u001f\u007f-\u009f\\]/g, '_').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '_');
  s = s.trim();
  if ([...s].length > MAX_NAME_LENGTH) s = [...s].slice(0, MAX_NAME_LENGTH).join('');
  return s.length > 0 ? s : fallback;
}

/** A backtick-quoted Cypher identifier, safe to splice after `:` in a pattern. */
export function quoteName(raw: string | undefined, fallback: string): string {
  return '`' + labelName(raw, fallback).replace(/`/g, '``') + '`';
}

/** Property keys are parameters inside maps (`SET n += $map`), so they need no quoting; this only
 * keeps them storable: Neo4j rejects empty keys. */
export function propertyKey(raw: string): string {
  return raw.length > 0 ? raw : '_empty';
}

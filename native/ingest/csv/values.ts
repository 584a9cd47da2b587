/**
 * Cell values of untyped columns: text that is plainly a number becomes a number, anything
 * else stays text. Leading zeros (`007`, zip codes, WordNet offsets) mean an identifier, not a
 * quantity, so such cells stay text.
 */
import type { PropValue } from '../../../electron/common/model';

const NUMBER_RE = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export function inferNumber(raw: string): PropValue {
  const c = raw.charCodeAt(0);
  // Cheap reject before the regex: most text cells start with a letter.
  if (!((c >= 48 && c <= 57) || c === 45)) return raw;
  if (!NUMBER_RE.test(raw)) return raw;
  const n = Number(raw);
  if (!Number.isFinite(n)) return raw;
  // An integer beyond 2^53 would change value as a number: keep its digits.
  if (Number.isInteger(n) && !Number.isSafeInteger(n) && !/[.eE]/.test(raw)) return raw;
  return n;
}

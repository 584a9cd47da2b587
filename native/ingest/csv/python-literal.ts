/**
 * Parses list cells that Python or JSON wrote: `['a', "b's"]`, `[1, 2.5, None, True]`,
 * `["x", null]`, nested lists. AutoSchemaKG stores concepts/synsets as `str(list)`, so strings
 * use Python's quoting: either quote, backslash escapes, the other quote unescaped.
 * Returns undefined when the text is not exactly one list literal (the caller keeps the string).
 */
import type { PropValue } from '../../../electron/common/model';

class ListSyntaxError extends Error {}

export function parseListLiteral(text: string): PropValue[] | undefined {
  if (text === '[]') return []; // most AutoSchemaKG synsets/concepts cells
  const s = text.trim();
  if (s.length < 2 || s[0] !== '[' || s[s.length - 1] !== ']') return undefined;
  try {
    const p = new LiteralParser(s);
    const value = p.parseValue();
    p.skipSpace();
    if (p.pos !== s.length || !Array.isArray(value)) return undefined;
    return value;
  } catch (e) {
    if (e instanceof ListSyntaxError) return undefined;
    throw e;
  }
}

/**
 * The JSON text of parseListLiteral(text) (exactly `JSON.stringify` of it), or undefined where
 * that returns undefined. Props of flat batches are JSON anyway: writing it while parsing skips
 * one array per cell and the stringify pass over it.
 */
export function listLiteralJson(text: string): string | undefined {
  if (text === '[]') return '[]';
  const simple = simpleListJson(text);
  if (simple !== undefined) return simple;
  const s = text.trim();
  if (s.length < 2 || s[0] !== '[' || s[s.length - 1] !== ']') return undefined;
  try {
    const p = new LiteralParser(s);
    const json = p.parseListJson();
    p.skipSpace();
    return p.pos === s.length ? json : undefined;
  } catch (e) {
    if (e instanceof ListSyntaxError) return undefined;
    throw e;
  }
}

/**
 * What AutoSchemaKG writes most: `['a', 'b c']`, single-quoted strings ', ' apart with no quote,
 * backslash or character JSON.stringify would escape (controls, and surrogates, lest a lone one
 * slip through) inside them. Their JSON is the same characters between double quotes.
 */
const SIMPLE_STRING_LIST = /^\['[^'"\\\x00-\x1f\ud800-\udfff]*'(?:, '[^'"\\\x00-\x1f\ud800-\udfff]*')*\]$/;

/**
 * The JSON of a plain list (SIMPLE_STRING_LIST), undefined for any other text (the parser then
 * decides). One regex test and a replaceAll, native code that is fast from the first call, where
 * the parser's character loops run slowly until V8 has optimised them (CSV 10K nodes + 10K
 * edges, 40K list cells, fresh process: ~30 -> ~12 ms CPU with split/join). 2M cells, warm:
 * split/join ~600 ms CPU, replaceAll ~315 ms; a hand-written one-pass loop ~225 ms warm but
 * cost the 10K import ~20 ms CPU cold, so it was dropped.
 */
export function simpleListJson(text: string): string | undefined {
  return SIMPLE_STRING_LIST.test(text) ? '["' + text.slice(2, -2).replaceAll("', '", '","') + '"]' : undefined;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '/': '/', '0': '\0', a: '\x07', v: '\v',
};

const WORDS: Record<string, PropValue> = { True: true, False: false, None: null, true: true, false: false, null: null };

const NUMBER_AT = /[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const WORD_AT = /[A-Za-z]+/y;

class LiteralParser {
  pos = 0;
  constructor(private readonly s: string) {}

  skipSpace(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      // space, \t \n \v \f \r
      if (c === 32 || (c >= 9 && c <= 13)) this.pos++;
      else return;
    }
  }

  parseValue(): PropValue {
    this.skipSpace();
    const c = this.s[this.pos];
    if (c === '[') return this.parseList();
    if (c === "'" || c === '"') return this.parseString(c);
    // Sticky regexes match in place: no copy of the rest of the text per value.
    NUMBER_AT.lastIndex = this.pos;
    const num = NUMBER_AT.exec(this.s);
    if (num) {
      this.pos += num[0].length;
      return Number(num[0]);
    }
    WORD_AT.lastIndex = this.pos;
    const word = WORD_AT.exec(this.s);
    if (word && Object.prototype.hasOwnProperty.call(WORDS, word[0])) {
      this.pos += word[0].length;
      return WORDS[word[0]];
    }
    throw new ListSyntaxError(`unexpected ${JSON.stringify(c)} at ${this.pos}`);
  }

  /** parseValue as JSON text (numbers and words through JSON.stringify, as the array would be). */
  parseValueJson(): string {
    this.skipSpace();
    const c = this.s[this.pos];
    if (c === '[') return this.parseListJson();
    if (c === "'" || c === '"') return JSON.stringify(this.parseString(c));
    return JSON.stringify(this.parseValue());
  }

  /** parseList as JSON text; same grammar, element for element. */
  parseListJson(): string {
    this.pos++; // [
    this.skipSpace();
    if (this.s[this.pos] === ']') {
      this.pos++;
      return '[]';
    }
    let out = '[';
    for (;;) {
      out += this.parseValueJson();
      this.skipSpace();
      const c = this.s[this.pos++];
      if (c === ']') return out + ']';
      if (c !== ',') throw new ListSyntaxError(`expected , or ] at ${this.pos - 1}`);
      this.skipSpace();
      if (this.s[this.pos] === ']') {
        this.pos++;
        return out + ']';
      }
      out += ',';
    }
  }

  private parseList(): PropValue[] {
    this.pos++; // [
    const out: PropValue[] = [];
    this.skipSpace();
    if (this.s[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.parseValue());
      this.skipSpace();
      const c = this.s[this.pos++];
      if (c === ']') return out;
      if (c !== ',') throw new ListSyntaxError(`expected , or ] at ${this.pos - 1}`);
      this.skipSpace();
      if (this.s[this.pos] === ']') { // trailing comma, as Python allows
        this.pos++;
        return out;
      }
    }
  }

  parseString(quote: string): string {
    const s = this.s;
    let i = this.pos + 1;
    let out = '';
    let seg = i;
    while (i < s.length) {
      const c = s[i];
      if (c === quote) {
        out += s.slice(seg, i);
        this.pos = i + 1;
        return out;
      }
      if (c === '\\') {
        out += s.slice(seg, i);
        const e = s[i + 1];
        if (e === undefined) break;
        if (Object.prototype.hasOwnProperty.call(SIMPLE_ESCAPES, e)) {
          out += SIMPLE_ESCAPES[e];
          i += 2;
        } else if (e === 'x' || e === 'u' || e === 'U') {
          const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
          const hex = s.slice(i + 2, i + 2 + n);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) throw new ListSyntaxError(`bad \\${e} escape`);
          out += String.fromCodePoint(parseInt(hex, 16));
          i += 2 + n;
        } else {
          out += '\\' + e; // Python keeps unknown escapes literally
          i += 2;
        }
        seg = i;
        continue;
      }
      i++;
    }
    throw new ListSyntaxError('unterminated string');
  }
}

/**
 * A list of numbers (an embedding written as `[0.1, -0.2, ...]`) as a Float32Array; undefined
 * when any element is not a number. Hot path for `*_with_emb` files, so no general parsing.
 */
export function parseFloatList(text: string): Float32Array | undefined {
  const s = text.trim();
  if (s.length < 2 || s[0] !== '[' || s[s.length - 1] !== ']') return undefined;
  const inner = s.slice(1, -1).trim();
  if (inner === '') return new Float32Array(0);
  const parts = inner.split(',');
  const out = new Float32Array(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const t = parts[i].trim();
    if (t === '') return undefined;
    const v = Number(t);
    if (Number.isNaN(v)) return undefined;
    out[i] = v;
  }
  return out;
}

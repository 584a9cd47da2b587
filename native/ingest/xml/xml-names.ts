/**
 * Character-level pieces of the XML scanner (xml-scanner.ts): character classes, line ends,
 * references, attribute-value normalisation as saxes does them, and GraphML's names as constant
 * strings. Anything outside the scanner's subset throws NotScanned (saxes then reads the file).
 */

/** The scanner met something outside its subset: saxes must read this file. */
export class NotScanned extends Error {
  constructor(reason: string) {
    super(`not scanned: ${reason}`);
  }
}

const TAB = 9;
const NL = 10;
const CR = 13;
const SPACE = 32;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#x([0-9a-fA-F]{1,6})|#([0-9]{1,7}));/y;

export function isNameStart(c: number): boolean {
  // ASCII letters, '_' and ':'; other name characters (non-ASCII) leave the file to saxes.
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
}

export function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 45 || c === 46;
}

export function isSpace(c: number): boolean {
  return c === SPACE || c === NL || c === TAB || c === CR;
}

/** The XML 1.0 Char production for a character reference's code point. */
export function isXmlChar(n: number): boolean {
  return n === 9 || n === 10 || n === 13 || (n >= 0x20 && n <= 0xd7ff) || (n >= 0xe000 && n <= 0xfffd) || (n >= 0x10000 && n <= 0x10ffff);
}

/** `raw` with its references decoded; NotScanned for anything saxes would refuse or read otherwise. */
export function decodeEntities(raw: string): string {
  let out = '';
  let from = 0;
  let amp = raw.indexOf('&');
  while (amp !== -1) {
    ENTITY.lastIndex = amp;
    const m = ENTITY.exec(raw);
    if (m === null) throw new NotScanned('entity');
    let text: string;
    if (m[1] !== undefined) text = ENTITIES[m[1]];
    else {
      const code = m[2] !== undefined ? parseInt(m[2], 16) : parseInt(m[3], 10);
      if (!isXmlChar(code)) throw new NotScanned('character reference');
      text = String.fromCodePoint(code);
    }
    out += raw.slice(from, amp) + text;
    from = ENTITY.lastIndex;
    amp = raw.indexOf('&', from);
  }
  return from === 0 ? raw : out + raw.slice(from);
}

/** Attribute value normalisation as saxes does it: literal tab, \n, \r\n, \r each become one space. */
export function attributeValue(raw: string): string {
  const spaced = /[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, ' ') : raw;
  return spaced.indexOf('&') === -1 ? spaced : decodeEntities(spaced);
}

/** s.startsWith(word, at), without a builtin call (this runs a few times per tag). */
export function matches(s: string, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (s.charCodeAt(at + k) !== word.charCodeAt(k)) return false;
  return true;
}

/** The words, each at the index of its length (an empty list where no word has that length). */
function byLength(words: readonly string[]): string[][] {
  const table = Array.from({ length: Math.max(...words.map((w) => w.length)) + 1 }, (): string[] => []);
  for (const w of words) table[w.length]!.push(w);
  return table;
}

/**
 * s.slice(start, end), or the word of `table` it spells as a constant (internalised) string:
 * storing a name sliced from the text as an object key first looks it up in V8's string table,
 * and handlers compare names with constants.
 */
function constantName(table: readonly string[][], s: string, start: number, end: number): string {
  const words = table[end - start];
  if (words !== undefined) {
    for (let k = 0; k < words.length; k++) if (matches(s, start, words[k]!)) return words[k]!;
  }
  return s.slice(start, end);
}

/** The attribute names GraphML handlers read. */
const ATTRIBUTE_NAMES = byLength(['id', 'key', 'for', 'source', 'target', 'directed', 'attr.name', 'attr.type', 'edgedefault']);
/** The element names of GraphML. */
const ELEMENT_NAMES = byLength(['key', 'data', 'node', 'edge', 'graph', 'default', 'graphml']);

export function attributeName(s: string, start: number, end: number): string {
  return constantName(ATTRIBUTE_NAMES, s, start, end);
}

export function elementName(s: string, start: number, end: number): string {
  return constantName(ELEMENT_NAMES, s, start, end);
}

/**
 * The attributes as an object, in document order. GraphML's usual sets are object literals:
 * adding keys one by one to `{}` (a keyed store and a map transition each) took ~5% of the
 * parser thread on the 158 MB file.
 */
export function attributes(names: string[], values: string[], count: number): Record<string, string> {
  if (count === 1) {
    if (names[0] === 'key') return { key: values[0] };
    if (names[0] === 'id') return { id: values[0] };
  } else if (count === 2 && names[0] === 'source' && names[1] === 'target') {
    return { source: values[0], target: values[1] };
  }
  const attrs: Record<string, string> = {};
  for (let k = 0; k < count; k++) attrs[names[k]] = values[k];
  return attrs;
}


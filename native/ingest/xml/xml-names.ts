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

/**
 * The attribute names GraphML handlers read, as constant (internalised) strings: storing a name
 * sliced from the text as an object key first looks it up in V8's string table.
 */
export function attributeName(s: string, start: number, end: number): string {
  switch (end - start) {
    case 2: if (matches(s, start, 'id')) return 'id'; break;
    case 3:
      if (matches(s, start, 'key')) return 'key';
      if (matches(s, start, 'for')) return 'for';
      break;
    case 6:
      if (matches(s, start, 'source')) return 'source';
      if (matches(s, start, 'target')) return 'target';
      break;
    case 8: if (matches(s, start, 'directed')) return 'directed'; break;
    case 9:
      if (matches(s, start, 'attr.name')) return 'attr.name';
      if (matches(s, start, 'attr.type')) return 'attr.type';
      break;
    case 11: if (matches(s, start, 'edgedefault')) return 'edgedefault'; break;
    default: break;
  }
  return s.slice(start, end);
}

/** The element names of GraphML as constant strings (handlers compare them with constants). */
export function elementName(s: string, start: number, end: number): string {
  switch (end - start) {
    case 3: if (matches(s, start, 'key')) return 'key'; break;
    case 4:
      if (matches(s, start, 'data')) return 'data';
      if (matches(s, start, 'node')) return 'node';
      if (matches(s, start, 'edge')) return 'edge';
      break;
    case 5: if (matches(s, start, 'graph')) return 'graph'; break;
    case 7:
      if (matches(s, start, 'default')) return 'default';
      if (matches(s, start, 'graphml')) return 'graphml';
      break;
    default: break;
  }
  return s.slice(start, end);
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


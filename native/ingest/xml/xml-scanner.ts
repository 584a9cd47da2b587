/**
 * A streaming XML scanner for the common shape of GraphML files, calling the same XmlHandler
 * (sax-driver.ts) with the same events saxes gives: open(local name, attributes, line of the
 * tag's `>`), close, and text (entities decoded, line ends normalised, CDATA as text).
 *
 * It reads only a strict subset of XML 1.0 that saxes accepts: an XML declaration of version 1.0,
 * ASCII names, quoted attributes, the five predefined entities and character references,
 * comments, CDATA. Anything else (a DOCTYPE, processing instructions, non-ASCII names, an entity
 * it cannot decode, anything malformed) throws NotScanned and sax-driver.ts parses the file again
 * with saxes, which then gives the result or the error (same message, line, column) it always
 * gave. So this scanner never decides an error and never accepts what saxes refuses.
 *
 * Why: on the generated GraphML 100K/500K (158 MB) saxes took ~1.5 s of the parser thread's
 * ~2.9 s CPU. With this scanner (and the smaller changes beside it) the parse-only flat path
 * takes 1.66-1.70 s CPU against 2.8-3.0 s (quiet machine, same file); numbers of the whole
 * import in ../README.md.
 */
import type { XmlHandler } from './sax-driver';
import { countLineBreaks } from '../line-breaks';
import {
  attributes, attributeName, attributeValue, decodeEntities, elementName, isNameChar, isNameStart, isSpace, matches, NotScanned,
} from './xml-names';

export { NotScanned } from './xml-names';

/** Text a token may leave for the next chunk before the scanner gives the file to saxes. */
const MAX_CARRY = 1 << 20;

const DQUOTE = 34;
const SQUOTE = 39;
const SLASH = 47;
const EQ = 61;
const GT = 62;

/** Characters XML 1.0 forbids anywhere (saxes: "disallowed character"); decoded UTF-8 holds no lone surrogates. */
const FORBIDDEN_CHAR = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;
/**
 * The forbidden characters plus tab and CR. A chunk without any (the usual case; one regex test
 * per chunk) is scanned with indexOf cursors instead of looking at every character: its line ends
 * are '\n' only and its attribute values need no white-space normalisation but of '\n'.
 */
const RARE_CHAR = /[\x00-\x09\x0b-\x1f\ufffe\uffff]/;
/** An XML declaration saxes accepts (version 1.0 only: 1.1 changes the character rules). */
const XML_DECL = /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.0\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\3)?[ \t\r\n]*\?>/;

export class XmlScanner {
  /** 1-based line of the next character not yet counted, as saxes' `line`. */
  private line = 1;
  /** Text of an unfinished token, scanned again with the next chunk. */
  private rest = '';
  private started = false;
  /** Attributes of the start tag being read. */
  private readonly names: string[] = [];
  private readonly values: string[] = [];
  /** Qualified and local names of the open elements. */
  private readonly open: string[] = [];
  private readonly openLocal: string[] = [];
  private closedRoot = false;
  /** The current text has no tab, CR or forbidden character (RARE_CHAR). */
  private plain = true;
  /** Cursors into the current text (its length when there is none further): the next '\n' not yet counted, '&', ']' and '<'. */
  private nl = 0;
  private amp = 0;
  private bracket = 0;
  private nextLt = 0;

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: string): void {
    let s = this.rest === '' ? chunk : this.rest + chunk;
    let p = 0;
    if (!this.started) {
      if (s.length < 6) {
        this.rest = s;
        return;
      }
      if (s.startsWith('<?xml')) {
        const m = XML_DECL.exec(s);
        if (m === null && s.indexOf('?>') === -1 && s.length < 1024) {
          this.rest = s; // the declaration goes on in the next chunk
          return;
        }
        if (m === null) throw new NotScanned('XML declaration');
        this.line += countLineBreaks(s, 0, m[0].length);
        s = s.slice(m[0].length);
      }
      this.started = true;
    }
    this.plain = !RARE_CHAR.test(s);
    if (!this.plain && FORBIDDEN_CHAR.test(s)) throw new NotScanned('disallowed character');
    this.nl = this.find(s, '\n', 0);
    this.amp = this.bracket = this.nextLt = -1;
    p = this.scan(s, p);
    this.rest = p === s.length ? '' : s.slice(p);
    if (this.rest.length > MAX_CARRY) throw new NotScanned('long token');
  }

  /** After the last chunk: what saxes' close() checks (a root, nothing left open). */
  close(): void {
    const s = this.rest;
    if (!this.closedRoot || this.open.length !== 0) throw new NotScanned('unclosed document');
    for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) throw new NotScanned('text after root');
    if (s !== '') this.handler.text(s.indexOf('\r') === -1 ? s : s.replace(/\r\n?/g, '\n'));
    this.rest = '';
  }

  private find(s: string, c: string, from: number): number {
    const i = s.indexOf(c, from);
    return i === -1 ? s.length : i;
  }

  /** Counts the line ends of s[from, to), a whole token just read (cursor in plain text). */
  private countLines(s: string, from: number, to: number): void {
    if (!this.plain) {
      this.line += countLineBreaks(s, from, to);
      return;
    }
    let nl = this.nl;
    while (nl < to) {
      this.line++;
      nl = this.find(s, '\n', nl + 1);
    }
    this.nl = nl;
  }

  /** True when s[from, to) holds '&', by a cursor that only moves forward (`from` never decreases). */
  private holdsAmp(s: string, from: number, to: number): boolean {
    if (this.amp < from) this.amp = this.find(s, '&', from);
    return this.amp < to;
  }

  /** The same for ']' (a "]]>" in text). */
  private holdsBracket(s: string, from: number, to: number): boolean {
    if (this.bracket < from) this.bracket = this.find(s, ']', from);
    return this.bracket < to;
  }

  /** Scans whole tokens of s from p; returns where the first unfinished one starts. */
  private scan(s: string, p: number): number {
    const n = s.length;
    for (;;) {
      const lt = this.nextLt >= p ? this.nextLt : s.indexOf('<', p);
      if (lt === -1 || lt + 1 >= n) return p;
      if (lt > p) this.text(s, p, lt);
      p = lt;
      const c = s.charCodeAt(lt + 1);
      let next: number;
      this.nextLt = s.indexOf('<', lt + 1);
      if (c === SLASH) next = this.endTag(s, lt);
      else if (c === 33) next = this.bang(s, lt);
      else if (isNameStart(c)) next = this.startTag(s, lt);
      else throw new NotScanned('markup');
      if (next === -1) return p;
      p = next;
    }
  }

  /** Character data s[from, to), complete (a '<' follows). */
  private text(s: string, from: number, to: number): void {
    let t = s.slice(from, to);
    if (this.open.length === 0) {
      // Outside the root element saxes allows white space only.
      for (let i = from; i < to; i++) if (!isSpace(s.charCodeAt(i))) throw new NotScanned('text outside root');
      if (!this.plain) t = t.replace(/\r\n?/g, '\n');
    } else if (this.plain) {
      if (this.holdsBracket(s, from, to) && t.indexOf(']]>') !== -1) throw new NotScanned(']]> in text');
      if (this.holdsAmp(s, from, to)) t = decodeEntities(t);
    } else {
      if (t.indexOf(']]>') !== -1) throw new NotScanned(']]> in text');
      if (t.indexOf('\r') !== -1) t = t.replace(/\r\n?/g, '\n');
      if (t.indexOf('&') !== -1) t = decodeEntities(t);
    }
    this.countLines(s, from, to);
    this.handler.text(t);
  }

  /** An attribute value s[from, to) (quotes excluded): normalised, references decoded. */
  private value(s: string, from: number, to: number): string {
    if (this.nextLt !== -1 && this.nextLt < to) throw new NotScanned('< in attribute');
    const raw = s.slice(from, to);
    if (this.plain) {
      // this.nl is the tag's first '\n' (its lines are counted after it): a cheap maybe.
      const spaced = this.nl < to && raw.indexOf('\n') !== -1 ? raw.replace(/\n/g, ' ') : raw;
      return this.holdsAmp(s, from, to) ? decodeEntities(spaced) : spaced;
    }
    return attributeValue(raw);
  }

  /** A start tag at s[lt]; returns the index after it, or -1 when it is not complete yet. */
  private startTag(s: string, lt: number): number {
    const n = s.length;
    let i = lt + 2;
    // A name may start with ':' (saxes without namespaces; sax-driver.ts's localName drops it).
    let colon = s.charCodeAt(lt + 1) === 58 ? lt + 1 : -1;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (!isNameChar(c)) break;
      if (c === 58 && colon === -1) colon = i;
    }
    if (i >= n) return -1;
    const qname = elementName(s, lt + 1, i);
    const local = colon === -1 ? qname : elementName(s, colon + 1, i);
    const names = this.names;
    const values = this.values;
    let count = 0;
    let selfClosing = false;
    for (;;) {
      if (i >= n) return -1;
      let c = s.charCodeAt(i);
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        if (i + 1 >= n) return -1;
        if (s.charCodeAt(i + 1) !== GT) throw new NotScanned('slash in tag');
        i += 2;
        selfClosing = true;
        break;
      }
      if (!isSpace(c)) throw new NotScanned('tag');
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return -1;
      c = s.charCodeAt(i);
      if (c === GT || c === SLASH) continue;
      if (!isNameStart(c)) throw new NotScanned('attribute name');
      const nameStart = i;
      while (i < n && isNameChar(s.charCodeAt(i))) i++;
      const name = attributeName(s, nameStart, i);
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i + 1 >= n) return -1;
      if (s.charCodeAt(i) !== EQ) throw new NotScanned('attribute');
      i++;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return -1;
      const q = s.charCodeAt(i);
      if (q !== DQUOTE && q !== SQUOTE) throw new NotScanned('unquoted attribute');
      const end = s.indexOf(q === DQUOTE ? '"' : "'", i + 1);
      if (end === -1) return -1;
      if (name === '__proto__') throw new NotScanned('attribute name');
      for (let k = 0; k < count; k++) if (names[k] === name) throw new NotScanned('duplicate attribute');
      names[count] = name;
      values[count++] = this.value(s, i + 1, end);
      i = end + 1;
    }
    const attrs = attributes(names, values, count);
    if (this.open.length === 0 && this.closedRoot) throw new NotScanned('second root');
    this.countLines(s, lt, i);
    this.handler.open(local, attrs, this.line);
    if (selfClosing) {
      this.handler.close(local);
      if (this.open.length === 0) this.closedRoot = true;
    } else {
      this.open.push(qname);
      this.openLocal.push(local);
    }
    return i;
  }

  /** An end tag at s[lt]: `</name S*>` naming the innermost open element. */
  private endTag(s: string, lt: number): number {
    const gt = s.indexOf('>', lt + 2);
    if (gt === -1) return -1;
    const top = this.open.length - 1;
    // The name must be the innermost open element's, followed by white space only.
    if (top < 0 || !matches(s, lt + 2, this.open[top])) throw new NotScanned('end tag name');
    for (let k = lt + 2 + this.open[top].length; k < gt; k++) if (!isSpace(s.charCodeAt(k))) throw new NotScanned('end tag');
    this.countLines(s, lt, gt);
    this.open.pop();
    this.handler.close(this.openLocal.pop()!);
    if (this.open.length === 0) this.closedRoot = true;
    return gt + 1;
  }

  /** A comment or CDATA section at s[lt] (`<!`); anything else (DOCTYPE) goes to saxes. */
  private bang(s: string, lt: number): number {
    const head = s.slice(lt, lt + 9);
    if (head.startsWith('<!--')) {
      const end = s.indexOf('-->', lt + 4);
      if (end === -1) return -1;
      const body = s.slice(lt + 4, end);
      if (body.indexOf('--') !== -1 || body.endsWith('-')) throw new NotScanned('comment');
      this.countLines(s, lt, end);
      return end + 3;
    }
    if (head === '<![CDATA[') {
      if (this.open.length === 0) throw new NotScanned('CDATA outside root');
      const end = s.indexOf(']]>', lt + 9);
      if (end === -1) return -1;
      const body = s.slice(lt + 9, end);
      this.countLines(s, lt, end);
      this.handler.text(body.indexOf('\r') === -1 ? body : body.replace(/\r\n?/g, '\n'));
      return end + 3;
    }
    if (head.length < 9 && ('<!--'.startsWith(head) || '<![CDATA['.startsWith(head))) return -1;
    throw new NotScanned('declaration');
  }
}

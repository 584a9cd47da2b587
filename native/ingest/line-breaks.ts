/**
 * Line counting shared by the CSV tokenizer (csv/tokenizer.ts: lines of quoted fields) and the XML
 * scanner (xml/xml-scanner.ts: start-tag lines as saxes reports them); both count the same way.
 */
const LF = 10;
const CR = 13;

/** Line breaks in s[from, to): LF, CRLF and a lone CR count one each. */
export function countLineBreaks(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR && s.charCodeAt(i + 1) !== LF) n++;
  }
  return n;
}

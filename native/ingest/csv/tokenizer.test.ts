import { describe, expect, it } from 'vitest';
import { CsvTokenizer } from './tokenizer';

function tokenize(text: string, pieces: number[] = [], delimiter = ',', quotes = true): { rows: string[][]; lines: number[] } {
  const tok = new CsvTokenizer({ delimiter, quotes, file: 't.csv' });
  const rows: string[][] = [];
  const lines: number[] = [];
  let at = 0;
  for (const p of pieces) {
    const r = tok.push(text.slice(at, p), false);
    rows.push(...r.rows);
    lines.push(...r.lines);
    at = p;
  }
  const r = tok.push(text.slice(at), true);
  rows.push(...r.rows);
  lines.push(...r.lines);
  return { rows, lines };
}

/** Splits the text at every position, one cut at a time: results must not depend on chunking. */
function everySplit(text: string): void {
  const whole = tokenize(text);
  for (let i = 0; i <= text.length; i++) expect(tokenize(text, [i]), `split at ${i}`).toEqual(whole);
  const charByChar = Array.from({ length: text.length }, (_, i) => i + 1);
  expect(tokenize(text, charByChar)).toEqual(whole);
}

describe('CsvTokenizer', () => {
  it('splits plain and quoted fields, with doubled quotes and embedded delimiters', () => {
    const { rows } = tokenize('a,b,c\n"x, y","W. H. ""Bud"" Barron",3\n');
    expect(rows).toEqual([['a', 'b', 'c'], ['x, y', 'W. H. "Bud" Barron', '3']]);
  });

  it('keeps newlines inside quoted fields and reports the physical start line of each record', () => {
    const text = 'id,text\r\n1,"line one\nline two\n\nline four"\r\n2,plain\r\n';
    const { rows, lines } = tokenize(text);
    expect(rows).toEqual([['id', 'text'], ['1', 'line one\nline two\n\nline four'], ['2', 'plain']]);
    expect(lines).toEqual([1, 2, 6]);
  });

  it('accepts LF, CRLF and lone CR line ends mixed in one file, and skips blank lines', () => {
    const { rows, lines } = tokenize('a,b\r\n1,2\n3,4\r5,6\n\n\r\n7,8');
    expect(rows).toEqual([['a', 'b'], ['1', '2'], ['3', '4'], ['5', '6'], ['7', '8']]);
    expect(lines).toEqual([1, 2, 3, 4, 7]);
  });

  it('gives the same records however the input is cut into chunks', () => {
    everySplit('h1,h2\r\n"q,""x""\r\ny",2\r\nplain,"end"\r\n"",\n');
    everySplit('a,b\r\n"c,d",e\r');
  });

  it('keeps empty fields and a quoted empty field', () => {
    expect(tokenize('a,,c\n"",x,\n').rows).toEqual([['a', '', 'c'], ['', 'x', '']]);
  });

  it('treats quotes as ordinary characters when quoting is off (plain TSV)', () => {
    expect(tokenize('"a\tb"c\t"\n', [], '\t', false).rows).toEqual([['"a', 'b"c', '"']]);
  });

  it('keeps a quote inside an unquoted field literally', () => {
    expect(tokenize('5" disk,x\n').rows).toEqual([['5" disk', 'x']]);
  });

  it('refuses a quote that is never closed, naming the line where the field starts', () => {
    let err: { code?: string; details?: { line?: number } } = {};
    try {
      tokenize('a,b\n1,2\n3,"never closed\nmore\n');
    } catch (e) {
      err = e as typeof err;
    }
    expect(err.code).toBe('PARSE_ERROR');
    expect(err.details?.line).toBe(3);
  });

  it('refuses text after a closing quote', () => {
    expect(() => tokenize('"a"b,c\n')).toThrow(/after a closing quote/);
  });

  it('bounds a pending record: an unclosed quote in a huge file fails instead of eating memory', () => {
    const tok = new CsvTokenizer({ delimiter: ',', quotes: true, file: 'big.csv', maxRecordChars: 1000 });
    tok.push('a,"open\n', false);
    expect(() => tok.push('x'.repeat(2000), false)).toThrow(/longer than/);
  });

  it('finds field ends and line numbers alike when delimiters, line ends and quoted breaks are far apart or absent', () => {
    // One column (no delimiter anywhere), then a quoted field with every kind of line break, then
    // lines whose only line end is a lone CR: each cached "next" position is used many times.
    const single = Array.from({ length: 50 }, (_, i) => `row ${i}`).join('\n');
    const text = `${single}\n"a\r\nb\rc\nd",x\r1,2\r3,"4"\r\n,\n`;
    const { rows, lines } = tokenize(text);
    expect(rows.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, i) => [`row ${i}`]));
    expect(rows.slice(50)).toEqual([['a\r\nb\rc\nd', 'x'], ['1', '2'], ['3', '4'], ['', '']]);
    expect(lines.slice(48)).toEqual([49, 50, 51, 55, 56, 57]);
    everySplit(text);
  });

  it('stops after maxRows records and hands the rest out on the next push, lines and all', () => {
    const text = 'id,n\n1,"a\nb"\n\n2,c\n3,d\n4,e\n';
    const tok = new CsvTokenizer({ delimiter: ',', quotes: true, file: 'm.csv' });
    const first = tok.push(text, false, 3);
    expect(first).toEqual({ rows: [['id', 'n'], ['1', 'a\nb'], ['2', 'c']], lines: [1, 2, 5] });
    const rest = tok.push('', true);
    expect(rest).toEqual({ rows: [['3', 'd'], ['4', 'e']], lines: [6, 7] });
    expect({ rows: [...first.rows, ...rest.rows], lines: [...first.lines, ...rest.lines] }).toEqual(tokenize(text));
  });
});

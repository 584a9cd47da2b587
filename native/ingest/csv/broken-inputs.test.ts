/**
 * A corpus of broken files written to a temp dir: each must fail with its error code, the
 * file's name and the line (and column, value, expectation where they are known).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormatHandler } from '../format';
import { autoSchemaKgCsvHandler, genericCsvHandler, namesHandler, neo4jCsvHandler, triplesHandler } from './index';
import { caught, parseFile } from './test-support';

let dir: string;
const write = (name: string, content: string | Buffer): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-broken-csv-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ALL: FormatHandler[] = [genericCsvHandler, neo4jCsvHandler, autoSchemaKgCsvHandler, triplesHandler, namesHandler];

describe('broken inputs', () => {
  it('unclosed quote: PARSE_ERROR at the line where the field opens', async () => {
    const p = write('unclosed.csv', 'id,name\r\n1,ok\r\n2,"never closed\r\n3,more\r\n');
    const e = await caught(() => parseFile(p, {}, genericCsvHandler));
    expect(e).toMatchObject({ code: 'PARSE_ERROR', details: { file: 'unclosed.csv', line: 3, column: 2 } });
    expect(e.message).toMatch(/Unclosed quote/);
  });

  it('unclosed quote after many chunks still names the right line', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `n${i},"name, ${i}"`).join('\n');
    const p = write('unclosed-late.csv', `id,name\n${rows}\nlast,"open\n`);
    const e = await caught(() => parseFile(p, {}, genericCsvHandler));
    expect(e).toMatchObject({ code: 'PARSE_ERROR', details: { line: 60_002 } });
  });

  it('wrong column count: says expected N got M', async () => {
    const p = write('short-row.csv', 'id,name,age\n1,a,3\n2,b\n');
    const e = await caught(() => parseFile(p, {}, genericCsvHandler));
    expect(e).toMatchObject({ code: 'PARSE_ERROR', details: { file: 'short-row.csv', line: 3, expected: '3 columns' } });
    expect(e.message).toMatch(/expected 3, got 2/);
    const neo = write('long-row.csv', 'id:ID,name\n1,a\n2,b,extra\n');
    expect(await caught(() => parseFile(neo, {}, neo4jCsvHandler))).toMatchObject({ code: 'PARSE_ERROR', details: { line: 3 }, message: expect.stringMatching(/expected 2, got 3/) });
    const tri = write('two-cols.txt', 'a\tr\tb\nc\td\n');
    expect(await caught(() => parseFile(tri, {}, triplesHandler))).toMatchObject({ code: 'PARSE_ERROR', details: { line: 2 }, message: expect.stringMatching(/expected 3, got 2/) });
    const names = write('names3.txt', 'a\tAlpha\nb\tBeta\textra\n');
    expect(await caught(() => parseFile(names, {}, namesHandler))).toMatchObject({ code: 'PARSE_ERROR', details: { line: 2 } });
  });

  it('bad typed cast: names column, line, value and expected type', async () => {
    const p = write('bad-int.csv', 'movieId:ID,title,year:int\n1,"A",1999\n2,"B",abc\n');
    const e = await caught(() => parseFile(p, {}, neo4jCsvHandler));
    expect(e).toMatchObject({ code: 'PARSE_ERROR', details: { file: 'bad-int.csv', line: 3, column: 3, value: 'abc', expected: 'an integer (year:int)' } });
    const f = write('bad-float.csv', 'id:ID,score:float\n1,0.5x\n');
    expect(await caught(() => parseFile(f, {}, neo4jCsvHandler))).toMatchObject({ details: { line: 2, value: '0.5x' } });
    const b = write('bad-bool.csv', ':START_ID,:END_ID,:TYPE,flag:boolean\n1,2,R,maybe\n');
    expect(await caught(() => parseFile(b, {}, neo4jCsvHandler))).toMatchObject({ details: { line: 2, column: 4, value: 'maybe' } });
  });

  it('empty id or endpoint: PARSE_ERROR with line and column', async () => {
    const p = write('empty-id.csv', ':START_ID,:END_ID,:TYPE\na,b,R\n,c,R\n');
    expect(await caught(() => parseFile(p, {}, neo4jCsvHandler))).toMatchObject({ code: 'PARSE_ERROR', details: { line: 3, column: 1 } });
  });

  it('a relationship header without :END_ID is refused', async () => {
    const p = write('half-edge.csv', ':START_ID,role\na,x\n');
    expect(await caught(() => parseFile(p, {}, neo4jCsvHandler))).toMatchObject({ code: 'PARSE_ERROR', details: { line: 1 } });
  });

  it('binary garbage with NUL bytes: ENCODING at the line of the first NUL, from every handler', async () => {
    const garbage = Buffer.concat([Buffer.from('a\tb\tc\n1\t2\t3\n'), Buffer.from([0x89, 0x50, 0x00, 0x1a, 0xff, 0x00, 0x0a])]);
    const p = write('garbage.csv', garbage);
    for (const h of ALL) {
      const e = await caught(() => parseFile(p, {}, h));
      expect(e, h.format).toMatchObject({ code: 'ENCODING', details: { file: 'garbage.csv', line: 3 } });
      expect(e.message).toMatch(/binary/);
    }
  });

  it('not UTF-8 (Latin-1 bytes): ENCODING', async () => {
    const p = write('latin1.csv', Buffer.from('id,name\n1,Caf\xe9 du Monde\n2,Cr\xe8me\n', 'latin1'));
    expect(await caught(() => parseFile(p, {}, genericCsvHandler))).toMatchObject({ code: 'ENCODING', message: expect.stringMatching(/UTF-8/) });
  });

  it('UTF-16: ENCODING that says to save as UTF-8, from every handler', async () => {
    const le = write('utf16le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,name\r\n1,a\r\n', 'utf16le')]));
    const be = write('utf16be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('id,name\r\n1,a\r\n', 'utf16le').swap16()]));
    for (const h of ALL) {
      for (const p of [le, be]) {
        const e = await caught(() => parseFile(p, {}, h));
        expect(e, h.format).toMatchObject({ code: 'ENCODING', details: { line: 1 } });
        expect(e.message).toMatch(/UTF-16.*save it as UTF-8/);
      }
    }
  });

  it('empty file, BOM only or blank lines only: EMPTY_FILE from every handler', async () => {
    const files = [write('empty.csv', ''), write('bom-only.csv', Buffer.from([0xef, 0xbb, 0xbf])), write('blank.csv', '\r\n\n\n')];
    for (const h of ALL) {
      for (const p of files) {
        expect(await caught(() => parseFile(p, {}, h)), `${h.format} ${path.basename(p)}`).toMatchObject({ code: 'EMPTY_FILE', details: { file: path.basename(p) } });
      }
    }
  });

  it('cancel: CANCELLED at the next batch once the signal is aborted', async () => {
    const p = write('big-triples.txt', Array.from({ length: 50_000 }, (_, i) => `e${i}\tr\te${i + 1}`).join('\n'));
    const ctrl = new AbortController();
    let batches = 0;
    const e = await caught(async () => {
      for await (const _b of triplesHandler.parse({ path: p, displayName: 'big-triples.txt', size: 0, options: {}, signal: ctrl.signal })) {
        batches++;
        ctrl.abort();
      }
    });
    expect(e).toMatchObject({ code: 'CANCELLED', details: { file: 'big-triples.txt' } });
    expect(batches).toBe(1);
  });
});

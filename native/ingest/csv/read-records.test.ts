import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readRecords, type RecordChunk } from './read-records';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-read-records-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function all(file: string, chunkBytes?: number, signal?: AbortSignal): Promise<RecordChunk[]> {
  const out: RecordChunk[] = [];
  for await (const c of readRecords({ path: file, file: path.basename(file), delimiter: ',', quotes: true, chunkBytes, signal })) out.push(c);
  return out;
}

describe('readRecords', () => {
  // Multi-byte characters (2, 3 and 4 bytes), a quoted newline and a BOM: every chunk size must
  // cut them somewhere and give the same records. The file ends with a 4-byte character and a
  // newline, which the first chunk's UTF-8 check used to cut in two (and refuse the file).
  const text = '\ufeffid,name\n1,"é ✓\n𝄞"\n2,plain\n' + Array.from({ length: 200 }, (_, i) => `${i + 3},ünïcödé ${i} ✓ 𝄞`).join('\n') + '\n';
  const file = path.join(tmp, 'multi.csv');
  fs.writeFileSync(file, text);

  it('reads the same records, lines and byte counts at any chunk size', async () => {
    const whole = await all(file);
    const rows = whole.flatMap((c) => c.rows);
    const lines = whole.flatMap((c) => c.lines);
    expect(rows[0]).toEqual(['id', 'name']);
    expect(rows[1]).toEqual(['1', 'é ✓\n𝄞']);
    expect(rows).toHaveLength(203);
    expect(lines.slice(0, 4)).toEqual([1, 2, 4, 5]);
    expect(whole[whole.length - 1].bytesRead).toBe(Buffer.byteLength(text));
    for (const chunkBytes of [3, 4, 5, 7, 64, 1000]) {
      const chunks = await all(file, chunkBytes);
      expect(chunks.flatMap((c) => c.rows), `chunk ${chunkBytes}`).toEqual(rows);
      expect(chunks.flatMap((c) => c.lines)).toEqual(lines);
      expect(chunks[chunks.length - 1].bytesRead).toBe(Buffer.byteLength(text));
    }
  });

  it('refuses an empty file and a cancelled read, and closes the file when the reader stops early', async () => {
    const empty = path.join(tmp, 'empty.csv');
    fs.writeFileSync(empty, '');
    await expect(all(empty)).rejects.toMatchObject({ code: 'EMPTY_FILE' });
    const abort = new AbortController();
    abort.abort();
    await expect(all(file, 64, abort.signal)).rejects.toMatchObject({ code: 'CANCELLED' });
    const before = fs.readdirSync('/proc/self/fd').length;
    for (let i = 0; i < 5; i++) {
      for await (const c of readRecords({ path: file, file: 'multi.csv', delimiter: ',', quotes: true, chunkBytes: 64 })) {
        expect(c.rows.length).toBeGreaterThan(0);
        break;
      }
    }
    expect(fs.readdirSync('/proc/self/fd').length).toBe(before);
  });
});

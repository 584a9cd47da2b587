/** ChunkDecoder gives what one TextDecoder gives for the whole file, however the bytes are cut. */
import { describe, expect, it } from 'vitest';
import { ChunkDecoder } from './chunk-decoder';

function decodeInChunks(bytes: Buffer, cuts: number[], encoding = 'utf-8'): string {
  const d = new ChunkDecoder(encoding);
  let out = '';
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    out += d.decode(bytes.subarray(from, cut));
    from = cut;
  }
  return out + d.end();
}

describe('ChunkDecoder', () => {
  const text = '\ufeff<a>ascii only here</a>\n<b>caf\u00e9 \u{1F600} \u4e2d\u6587</b>\ufeff<c>more ascii</c>\u00e9';
  const bytes = Buffer.from(text, 'utf8');
  const expected = new TextDecoder().decode(bytes);

  it('drops the first byte-order mark only, at any cut', () => {
    expect(expected.startsWith('<a>')).toBe(true);
    for (let cut = 0; cut <= bytes.length; cut++) expect(decodeInChunks(bytes, [cut]), `cut ${cut}`).toBe(expected);
    for (let a = 0; a < bytes.length; a += 3) {
      for (let b = a; b < bytes.length; b += 5) expect(decodeInChunks(bytes, [a, b]), `cuts ${a},${b}`).toBe(expected);
    }
  });

  it('keeps a mark that is not at the start, after ASCII chunks', () => {
    const late = Buffer.from('<a>x</a>\ufeff<b/>', 'utf8');
    expect(decodeInChunks(late, [8])).toBe('<a>x</a>\ufeff<b/>');
  });

  it('single-byte encodings, as the streaming TextDecoder the driver used reads them', () => {
    // (Node 20's one-shot decode of windows-1252 maps 0x80-0x9f like ISO-8859-1; stream mode does not.)
    const streamed = (b: Buffer, enc: string) => {
      const d = new TextDecoder(enc);
      return d.decode(b, { stream: true }) + d.decode();
    };
    const latin = Buffer.from('<a>caf\u00e9</a>\u00ff', 'latin1');
    expect(decodeInChunks(latin, [4, 8], 'iso-8859-1')).toBe(streamed(latin, 'iso-8859-1'));
    const cp = Buffer.from([0x3c, 0x61, 0x3e, 0x80, 0x9f, 0x3c]);
    expect(decodeInChunks(cp, [3], 'windows-1252')).toBe('<a>\u20ac\u0178<');
    expect(decodeInChunks(cp, [3], 'windows-1252')).toBe(streamed(cp, 'windows-1252'));
  });
});

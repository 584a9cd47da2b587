import { describe, expect, it } from 'vitest';
import { completeUtf8Length } from './utf8';

describe('completeUtf8Length', () => {
  it('leaves out only a character cut at the end', () => {
    const b = Buffer.from('a𝄞é✓');
    expect(completeUtf8Length(b)).toBe(b.length);
    const cuts = Array.from({ length: b.length + 1 }, (_, n) => completeUtf8Length(b.subarray(0, n)));
    // 'a' | 𝄞 (4 bytes) | é (2) | ✓ (3): a cut inside a character goes back to its start.
    expect(cuts).toEqual([0, 1, 1, 1, 1, 5, 5, 7, 7, 7, 10]);
    expect(completeUtf8Length(Buffer.from([0x80, 0x80]))).toBe(2); // not UTF-8 at all: left to isUtf8
    expect(completeUtf8Length(Buffer.from([0x61, 0xff]))).toBe(2);
  });

  it('keeps a complete last character of a chunk, whatever its length', () => {
    for (const ch of ['a', 'é', '✓', '𝄞']) expect(completeUtf8Length(Buffer.from(`x${ch}`))).toBe(Buffer.byteLength(`x${ch}`));
  });
});

import { describe, expect, it } from 'vitest';
import { Hash64Table, Key64, zeroedCells } from './hash64-table';

const hashOf = (s: string): [number, number] => {
  const k = new Key64();
  k.begin();
  k.mix(s);
  k.finish();
  return [k.h1, k.h2];
};

describe('Hash64Table', () => {
  it('keeps every key and its value through many doublings from 4 slots', () => {
    const table = new Hash64Table(4, true);
    for (let i = 0; i < 20_000; i++) {
      const [h1, h2] = hashOf(`node ${i}`);
      const slot = table.slot(h1, h2);
      expect(table.occupied(slot)).toBe(false);
      table.fill(slot, h1, h2, i + 1);
    }
    expect(table.count).toBe(20_000);
    for (let i = 0; i < 20_000; i += 97) {
      const [h1, h2] = hashOf(`node ${i}`);
      const slot = table.slot(h1, h2);
      expect(table.occupied(slot)).toBe(true);
      expect(table.value(slot)).toBe(i + 1);
    }
    const [h1, h2] = hashOf('node 20000');
    expect(table.occupied(table.slot(h1, h2))).toBe(false);
  });

  it('hashes keys apart by content and order', () => {
    expect(hashOf('ab')).not.toEqual(hashOf('ba'));
    expect(hashOf('ab')).toEqual(hashOf('ab'));
    const row = (fields: string[]) => {
      const k = new Key64();
      k.begin();
      for (const f of fields) {
        k.mix(f);
        k.mixCode(0x1f);
      }
      k.finish();
      return [k.h1, k.h2];
    };
    expect(row(['ab', 'c'])).not.toEqual(row(['a', 'bc']));
  });

  it('hashes a key the same however it is cut into mix calls, and tells lengths apart', () => {
    const parts = (pieces: string[], codes: number[] = []) => {
      const k = new Key64();
      k.begin();
      for (const p of pieces) k.mix(p);
      for (const c of codes) k.mixCode(c);
      k.finish();
      return [k.h1, k.h2];
    };
    expect(parts(['ab', 'c'])).toEqual(hashOf('abc'));
    expect(parts(['a', 'bc'])).toEqual(hashOf('abc'));
    expect(parts(['a', '', 'b', 'cd'])).toEqual(hashOf('abcd'));
    expect(parts(['ab'], [0x1f])).toEqual(hashOf('ab\x1f'));
    expect(parts(['a'], [0x1f, 0x62])).toEqual(hashOf('a\x1fb'));
    // A last lone unit c is not the pair (c, 0).
    expect(hashOf('a')).not.toEqual(hashOf('a\0'));
    expect(hashOf('')).not.toEqual(hashOf('\0'));
    expect(hashOf('')).not.toEqual([0, 0]);
  });

  it('mixes whole 32-bit integers (row ids past 2^16 stay apart)', () => {
    const ints = (a: number, b: number) => {
      const k = new Key64();
      k.begin();
      k.mixInt(a);
      k.mixInt(b);
      k.mix('t');
      k.finish();
      return [k.h1, k.h2];
    };
    expect(ints(1, 70_000)).not.toEqual(ints(1, 70_000 + 65_536));
    expect(ints(70_000, 1)).not.toEqual(ints(4_464, 1));
    expect(ints(5, 6)).toEqual(ints(5, 6));
  });

  it('keeps signed values and tells empty from filled slots without values', () => {
    const table = new Hash64Table(8, true);
    const at = table.slot(7, 9);
    table.fill(at, 7, 9, -1);
    expect(table.value(table.slot(7, 9))).toBe(-1);
    table.setValue(at, 2 ** 31 - 1);
    expect(table.value(table.slot(7, 9))).toBe(2 ** 31 - 1);
    const keys = new Hash64Table(4, false);
    for (let i = 1; i <= 100; i++) keys.fill(keys.slot(i, i * 3), i, i * 3);
    for (let i = 1; i <= 100; i++) expect(keys.occupied(keys.slot(i, i * 3))).toBe(true);
    expect(keys.occupied(keys.slot(101, 303))).toBe(false);
    expect(keys.count).toBe(100);
  });

  it('gives each table its own zeroed cells, exactly as many as asked (not whole pages)', () => {
    const a = zeroedCells(16_385 * 3);
    const b = zeroedCells(16_385 * 3);
    expect(a.length).toBe(16_385 * 3);
    expect(a.every((x) => x === 0)).toBe(true);
    a.fill(0xffffffff);
    expect(b.every((x) => x === 0)).toBe(true);
    expect(a[a.length - 1]).toBe(0xffffffff);
    expect(zeroedCells(2).length).toBe(2);
  });
});

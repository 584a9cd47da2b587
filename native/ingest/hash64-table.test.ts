import { describe, expect, it } from 'vitest';
import { Hash64Table, Key64 } from './hash64-table';

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
      expect(table.values[slot]).toBe(i + 1);
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
});

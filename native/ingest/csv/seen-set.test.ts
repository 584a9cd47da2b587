import { describe, expect, it } from 'vitest';
import { SeenSet } from './seen-set';

/** Keys and rows in a deterministic order with repeats, some of them after many new keys. */
function workload(n: number): Array<string | string[]> {
  const out: Array<string | string[]> = [];
  for (let i = 0; i < n; i++) {
    out.push(`id ${i}`);
    if (i % 7 === 0) out.push(`id ${Math.floor(i / 2)}`);
    out.push(['src ' + (i % 50), 'dst ' + i, 'rel']);
    if (i % 5 === 0) out.push(['src ' + (i % 50), 'dst ' + Math.floor(i / 3), 'rel']);
  }
  return out;
}

function answers(set: SeenSet, keys: Array<string | string[]>): boolean[] {
  return keys.map((k) => (typeof k === 'string' ? set.add(k) : set.addRow(k)));
}

describe('SeenSet', () => {
  it('gives the same answers with exact keys first, across the move into the table, as hashing from the start', () => {
    const keys = workload(3000);
    const hashed = answers(new SeenSet(1_000_000, 16, undefined, 0), keys);
    for (const exactKeys of [1, 100, 2500, 1_000_000]) {
      const set = new SeenSet(1_000_000, 16, undefined, exactKeys);
      expect(answers(set, keys), `exactKeys ${exactKeys}`).toEqual(hashed);
      expect(set.size).toBe(hashed.filter(Boolean).length);
    }
    // Against a plain Set of the keys: nothing lost, no false repeat.
    const plain = new Set<string>();
    expect(hashed).toEqual(keys.map((k) => {
      const s = typeof k === 'string' ? k : k.join('\x1f') + '\x1f';
      const fresh = !plain.has(s);
      plain.add(s);
      return fresh;
    }));
  });

  it('keeps rows apart by field in the exact part and after the move', () => {
    const set = new SeenSet(1_000_000, 16, undefined, 3);
    expect(set.addRow(['ab', 'c'])).toBe(true);
    expect(set.addRow(['a', 'bc'])).toBe(true);
    expect(set.addRow(['ab', 'c'])).toBe(false);
    expect(set.add('x')).toBe(true);
    expect(set.add('y')).toBe(true); // the fourth key: the exact keys move into the table
    expect(set.addRow(['a', 'bc'])).toBe(false);
    expect(set.addRow(['abc'])).toBe(true);
    expect(set.add('x')).toBe(false);
    expect(set.size).toBe(5);
  });

  it('never keeps more exact keys than its cap allows, and still saturates there', () => {
    const set = new SeenSet(10, 16, undefined, 1000);
    for (let i = 0; i < 10; i++) expect(set.add(`k${i}`)).toBe(true);
    expect(set.add('k3')).toBe(false);
    expect(set.saturated).toBe(false);
    expect(set.add('k10')).toBe(false);
    expect(set.saturated).toBe(true);
    expect(set.size).toBe(10);
  });
});

import { describe, expect, it } from 'vitest';
import { ParallelOrds } from './parallel-ords';

/** Edge keys with parallel edges, some repeated long after their first edge; types with commas. */
function keys(n: number): Array<[number, number, string]> {
  const out: Array<[number, number, string]> = [];
  for (let i = 0; i < n; i++) {
    out.push([i % 97, (i * 7) % 89, i % 3 === 0 ? 'led, then won' : 'rel']);
    if (i % 11 === 0) out.push([1, 2, 'rel']);
  }
  return out;
}

function ordsOf(o: ParallelOrds, ks: Array<[number, number, string]>): number[] {
  return ks.map(([s, d, t]) => o.next(s, d, t));
}

describe('ParallelOrds', () => {
  it('numbers each key 0, 1, 2 ... whether counted exactly, hashed, or moved from one to the other', () => {
    const ks = keys(5000);
    const seen = new Map<string, number>();
    const expected = ks.map(([s, d, t]) => {
      const k = JSON.stringify([s, d, t]);
      const n = seen.get(k) ?? 0;
      seen.set(k, n + 1);
      return n;
    });
    for (const exactKeys of [0, 1, 50, 3000, 1 << 16]) {
      expect(ordsOf(new ParallelOrds(1 << 19, 16, exactKeys), ks), `exactKeys ${exactKeys}`).toEqual(expected);
    }
    // '1,2' + 'x' and '1' + '2,x' are different keys.
    const o = new ParallelOrds();
    expect([o.next(1, 2, 'x'), o.next(12, 0, 'x'), o.next(1, 2, 'x'), o.next(1, 20, 'x')]).toEqual([0, 0, 1, 0]);
  });

  it('gives new keys ord 0 once full, also when the exact keys filled it', () => {
    const o = new ParallelOrds(3, 16, 100);
    expect(ordsOf(o, [[1, 1, 'a'], [1, 1, 'a'], [2, 2, 'a'], [3, 3, 'a']])).toEqual([0, 1, 0, 0]);
    expect(o.saturated).toBe(false);
    expect(ordsOf(o, [[4, 4, 'a'], [4, 4, 'a'], [1, 1, 'a']])).toEqual([0, 0, 2]);
    expect(o.saturated).toBe(true);
  });
});

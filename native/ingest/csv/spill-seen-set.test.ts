import { describe, expect, it } from 'vitest';
import { SeenSet } from './seen-set';
import { SpillSeenSet } from './spill-seen-set';

describe('SpillSeenSet', () => {
  it('counts duplicates exactly after the in-memory table is full', () => {
    const set = new SpillSeenSet(1000, 256);
    let fresh = 0;
    let dups = 0;
    // 5000 distinct ids, each repeated once later: repeats of early ids hit the memory table,
    // repeats of late ids hit the SQLite spill.
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < 5000; i++) {
        if (set.add(`node-${i}`)) fresh++;
        else dups++;
      }
    }
    // A third of the ids a third time, interleaved with new ones.
    for (let i = 0; i < 5000; i += 3) {
      if (set.add(`node-${i}`)) fresh++;
      else dups++;
      if (set.add(`extra-${i}`)) fresh++;
      else dups++;
    }
    expect(set.spilled).toBe(true);
    expect(set.saturated).toBe(false);
    expect(fresh).toBe(5000 + 1667);
    expect(dups).toBe(5000 + 1667);
    expect(set.size).toBe(5000 + 1667);
    set.close();
  });

  it('keeps rows apart by field and counts repeated rows past the memory part', () => {
    const set = new SpillSeenSet(10, 16);
    const seen: boolean[] = [];
    for (let i = 0; i < 50; i++) seen.push(set.addRow([`a${i}`, 'b']));
    expect(seen.every(Boolean)).toBe(true);
    expect(set.addRow(['a49', 'b'])).toBe(false);
    expect(set.addRow(['a4', '9b'])).toBe(true);
    expect(set.addRow(['a0', 'b'])).toBe(false);
    expect(set.size).toBe(51);
    set.close();
  });

  it('opens no spill file while everything fits in memory', () => {
    const set = new SpillSeenSet(100, 16);
    for (let i = 0; i < 100; i++) set.add(`k${i}`);
    expect(set.add('k5')).toBe(false);
    expect(set.spilled).toBe(false);
    set.close();
  });

  it('a plain SeenSet still saturates at its cap', () => {
    const set = new SeenSet(10, 16);
    for (let i = 0; i < 10; i++) expect(set.add(`k${i}`)).toBe(true);
    expect(set.add('k10')).toBe(false);
    expect(set.saturated).toBe(true);
  });
});

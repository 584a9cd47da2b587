import { describe, expect, it } from 'vitest';
import { CounterSet } from './counter-set';

describe('CounterSet', () => {
  it('drains counts and per-second rates since the previous drain', () => {
    let now = 1000;
    const c = new CounterSet(() => now);
    c.add('entities', 500);
    c.add('edges', 100);
    c.add('entities');
    now += 500;
    expect(c.drain()).toEqual({ intervalMs: 500, counts: { entities: 501, edges: 100 }, rates: { entities: 1002, edges: 200 } });

    c.add('edges', 30);
    now += 2000;
    // entities did nothing this interval: it stays listed at 0 so charts drop to zero.
    expect(c.drain()).toEqual({ intervalMs: 2000, counts: { entities: 0, edges: 30 }, rates: { entities: 0, edges: 15 } });
    expect(c.totals()).toEqual({ entities: 501, edges: 130 });
  });

  it('reports zero rates for a zero-length interval and ignores non-finite adds', () => {
    const c = new CounterSet(() => 5);
    c.add('queries', Number.NaN);
    c.add('queries', 2);
    expect(c.peek()).toEqual({ queries: 2 });
    expect(c.drain()).toEqual({ intervalMs: 0, counts: { queries: 2 }, rates: { queries: 0 } });
    expect(c.peek()).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import { bucketLegend, countRelations, countTypes, filteredElements } from './legend';
import { createCache, mergeNeighborPage, viewOf } from '../../graph/view-model';
import { colorForType } from '../../graph/colors';
import type { WireNode } from '../../graph/wire-types';

const node = (id: string, type: string): WireNode => ({ rid: 0, id, name: id, type, labels: [], props: {} });

describe('bucketLegend', () => {
  it('keeps the top N by count (ties by name) and folds the rest into other', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) counts.set(`T${i}`, i % 7 === 0 ? 100 : 1);
    counts.set('big', 5000);
    const legend = bucketLegend(counts, { topN: 5, totals: new Map([['big', 9000]]) });
    expect(legend.entries.map((e) => e.key)).toEqual(['big', 'T0', 'T1001', 'T1008', 'T1015']);
    expect(legend.entries[0]).toEqual({ key: 'big', count: 5000, total: 9000, color: colorForType('big') });
    const all = [...counts.values()].reduce((a, b) => a + b, 0);
    expect(legend.other!.count).toBe(all - legend.entries.reduce((s, e) => s + e.count, 0));
    expect(legend.other!.keys.length).toBe(3001 - 5);
  });

  it('lists a hidden key by name even when it is small, and does not fold a lone key', () => {
    const counts = new Map([['a', 10], ['b', 5], ['c', 1], ['d', 1], ['e', 1]]);
    expect(bucketLegend(counts, { topN: 2, keep: new Set(['d']) }).entries.map((e) => e.key)).toEqual(['a', 'b', 'd']);
    expect(bucketLegend(counts, { topN: 2, keep: new Set(['d']) }).other).toEqual({ keys: ['c', 'e'], count: 2 });
    expect(bucketLegend(new Map([['a', 1], ['b', 1]]), { topN: 1 }).other).toBeNull();
  });
});

describe('filters', () => {
  it('hides nodes of a type with their edges and handles, and edges of a relation', () => {
    const cache = createCache();
    let view = viewOf(cache, {
      nodes: [node('a', 'person'), node('b', 'city'), node('c', 'person')],
      edges: [
        { rid: 0, id: 'ab', source: 'a', target: 'b', type: 'lives_in', props: {} },
        { rid: 0, id: 'ac', source: 'a', target: 'c', type: 'knows', props: {} },
      ],
    });
    view = mergeNeighborPage(cache, view, 'b', { nodes: [], edges: [], total: 500 }, 0, 50);
    expect(countTypes(cache, view)).toEqual(new Map([['person', 2], ['city', 1]]));
    expect(countRelations(cache, view)).toEqual(new Map([['lives_in', 1], ['knows', 1]]));

    const byType = filteredElements(cache, view, new Set(['city']), new Set());
    expect([...byType.nodes].sort()).toEqual(['b', 'more:b']);
    expect([...byType.edges].sort()).toEqual(['ab', 'more-edge:b']);

    const byRel = filteredElements(cache, view, new Set(), new Set(['knows']));
    expect([...byRel.nodes]).toEqual([]);
    expect([...byRel.edges]).toEqual(['ac']);
  });
});

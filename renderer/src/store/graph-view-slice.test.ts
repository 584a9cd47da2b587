import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode, Subgraph } from '../../../electron/common/model';
import { createAppStore } from './index';
import { HISTORY_LIMIT } from './graph-view-slice';
import { moreHandleId, NEIGHBOR_PAGE } from '../graph/view-model';

const node = (id: string, type = 'entity'): GraphNode => ({ rid: 0, id, name: id.toUpperCase(), type, labels: [], props: {} });
const edge = (source: string, target: string, type = 'rel'): GraphEdge => ({ rid: 0, id: `${source}->${target}`, source, target, type, props: {} });
const sub = (nodes: string[], edges: Array<[string, string]>): Subgraph => ({ nodes: nodes.map((n) => node(n)), edges: edges.map(([s, t]) => edge(s, t)) });
const ids = (set: ReadonlySet<string>) => [...set].sort();

describe('graph view slice', () => {
  it('shows a subgraph, dropping edges whose ends are not in it', () => {
    const store = createAppStore();
    store.getState().showSubgraph(sub(['a', 'b'], [['a', 'b'], ['a', 'zzz']]));
    expect(ids(store.getState().view.nodeIds)).toEqual(['a', 'b']);
    expect(ids(store.getState().view.edgeIds)).toEqual(['a->b']);
  });

  it('merges a page of neighbours and hangs a "+K more" handle that knows the next offset', () => {
    const store = createAppStore();
    store.getState().showSubgraph(sub(['hub', 'x'], [['hub', 'x']]));
    const neighbours = Array.from({ length: NEIGHBOR_PAGE }, (_, i) => `n${i}`);
    store.getState().addNeighborPage('hub', { ...sub(['hub', ...neighbours], neighbours.map((n) => ['hub', n] as [string, string])), total: 120 }, 0);
    const s = store.getState();
    expect(s.view.nodeIds.size).toBe(2 + NEIGHBOR_PAGE + 1);
    expect(s.view.edgeIds.has('hub->x')).toBe(true);
    const handle = s.cache.nodes.get(moreHandleId('hub'));
    expect(handle).toMatchObject({ kind: 'more', anchor: 'hub', nextOffset: 50, remaining: 70, name: '+70 more' });
    expect(s.lastChange).toEqual({ kind: 'expand', anchor: 'hub' });

    // Second page: the handle moves on; last page: it disappears.
    store.getState().addNeighborPage('hub', { ...sub(['m0'], [['hub', 'm0']]), total: 120 }, 50);
    expect(store.getState().cache.nodes.get(moreHandleId('hub'))).toMatchObject({ nextOffset: 100, remaining: 20 });
    store.getState().addNeighborPage('hub', { ...sub(['k0'], [['hub', 'k0']]), total: 120 }, 100);
    expect(store.getState().view.nodeIds.has(moreHandleId('hub'))).toBe(false);
    expect(store.getState().view.edgeIds.has('hub->k0')).toBe(true);
  });

  it('hides nodes with their edges and handles, and undo/redo walks the history', () => {
    const store = createAppStore();
    store.getState().showSubgraph(sub(['a', 'b', 'c'], [['a', 'b'], ['b', 'c']]), { resetHistory: true });
    store.getState().addNeighborPage('b', { ...sub(['d'], [['b', 'd']]), total: 80 }, 0);
    const expanded = store.getState().view;
    store.getState().hide(['b']);
    expect(ids(store.getState().view.nodeIds)).toEqual(['a', 'c', 'd']);
    expect(store.getState().view.edgeIds.size).toBe(0);

    store.getState().undo();
    expect(store.getState().view).toBe(expanded);
    store.getState().undo();
    expect(ids(store.getState().view.nodeIds)).toEqual(['a', 'b', 'c']);
    store.getState().undo(); // nothing older than the reset: stays
    expect(ids(store.getState().view.nodeIds)).toEqual(['a', 'b', 'c']);

    store.getState().redo();
    store.getState().redo();
    expect(ids(store.getState().view.nodeIds)).toEqual(['a', 'c', 'd']);
    expect(store.getState().future).toHaveLength(0);
  });

  it('a new change after undo drops the redo branch; no-op changes leave history alone', () => {
    const store = createAppStore();
    store.getState().showSubgraph(sub(['a', 'b'], [['a', 'b']]), { resetHistory: true });
    store.getState().hide(['a']);
    store.getState().undo();
    store.getState().hide(['zzz-not-visible']);
    expect(store.getState().past).toHaveLength(0);
    expect(store.getState().future).toHaveLength(1);
    store.getState().addSubgraph(sub(['c'], [['a', 'c']]), 'a');
    expect(store.getState().future).toHaveLength(0);
    expect(ids(store.getState().view.edgeIds)).toEqual(['a->b', 'a->c']);
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    const store = createAppStore();
    store.getState().showSubgraph(sub(['root'], []), { resetHistory: true });
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) store.getState().addSubgraph(sub([`n${i}`], []), 'root');
    expect(store.getState().past).toHaveLength(HISTORY_LIMIT);
  });
});

describe('selection and jobs slices', () => {
  it('drops details that arrive for a node no longer selected', () => {
    const store = createAppStore();
    store.getState().select('a');
    store.getState().select('b');
    store.getState().setDetails('a', { node: node('a'), passages: [] });
    expect(store.getState().details).toBeNull();
    expect(store.getState().detailsLoading).toBe(true);
    store.getState().setDetails('b', { node: node('b'), passages: [] });
    expect(store.getState().details?.node.id).toBe('b');
    expect(store.getState().detailsLoading).toBe(false);
  });

  it('tracks running jobs from progress events until they end', () => {
    const store = createAppStore();
    store.getState().noteJobProgress({ jobId: 'j1', method: 'import.start', stage: 'parse', done: 10, total: 100, unit: 'bytes' });
    expect(Object.keys(store.getState().runningJobs)).toEqual(['j1']);
    store.getState().noteJobEnded('j1');
    expect(store.getState().runningJobs).toEqual({});
  });
});

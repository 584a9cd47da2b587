/**
 * What the canvas shows: the visible element sets plus an undo/redo history of them. Element data
 * lives in a cache (mutated in place, never part of history) so a snapshot is just two id sets.
 */
import type { WireSubgraph as Subgraph } from '../graph/wire-types';
import {
  createCache,
  EMPTY_SET,
  collapseNode,
  hideNodes,
  mergeInto,
  mergeNeighborPage,
  sameSet,
  viewOf,
  withPinned,
  type ElementCache,
  type VisibleSet,
} from '../graph/view-model';
import type { SliceCreator } from './types';

export const HISTORY_LIMIT = 50;

/** Why the view changed, so the canvas knows whether to lay out everything or only around an anchor. */
export type ViewChange =
  | { kind: 'replace' }
  | { kind: 'expand'; anchor: string }
  | { kind: 'hide' }
  | { kind: 'pin' }
  | { kind: 'history' };

export interface GraphViewSlice {
  cache: ElementCache;
  view: VisibleSet;
  past: VisibleSet[];
  future: VisibleSet[];
  lastChange: ViewChange;
  /** Replaces the view; `resetHistory` for a new workspace, where undoing into another graph makes no sense. */
  showSubgraph(sub: Subgraph, opts?: { resetHistory?: boolean }): void;
  addSubgraph(sub: Subgraph, anchor: string): void;
  addNeighborPage(anchor: string, page: Subgraph & { total: number }, offset: number, pageSize?: number): void;
  hide(ids: string[]): void;
  /** Removes the neighbours an expansion of `id` brought (those linked to nothing else). */
  collapse(id: string): void;
  setPinned(ids: string[], pinned: boolean): void;
  /** Pins restored from saved positions: not a user step, so no history entry. */
  restorePins(ids: string[]): void;
  undo(): void;
  redo(): void;
  clearView(): void;
}

export const createGraphViewSlice: SliceCreator<GraphViewSlice> = (set, get) => {
  /** Records the current view in history and moves to `next` (no-op when nothing changed). */
  const commit = (next: VisibleSet, change: ViewChange) => {
    const { view, past } = get();
    if (sameSet(view, next)) return;
    set({ view: next, past: [...past, view].slice(-HISTORY_LIMIT), future: [], lastChange: change });
  };
  return {
    cache: createCache(),
    view: EMPTY_SET,
    past: [],
    future: [],
    lastChange: { kind: 'replace' },
    showSubgraph: (sub, opts) => {
      const next = viewOf(get().cache, sub);
      if (opts?.resetHistory) set({ view: next, past: [], future: [], lastChange: { kind: 'replace' } });
      else commit(next, { kind: 'replace' });
    },
    addSubgraph: (sub, anchor) => commit(mergeInto(get().cache, get().view, sub), { kind: 'expand', anchor }),
    addNeighborPage: (anchor, page, offset, pageSize) =>
      commit(mergeNeighborPage(get().cache, get().view, anchor, page, offset, pageSize), { kind: 'expand', anchor }),
    hide: (ids) => commit(hideNodes(get().cache, get().view, ids), { kind: 'hide' }),
    collapse: (id) => commit(collapseNode(get().cache, get().view, id), { kind: 'hide' }),
    setPinned: (ids, pinned) => commit(withPinned(get().view, ids, pinned), { kind: 'pin' }),
    restorePins: (ids) => {
      const next = withPinned(get().view, ids, true);
      if (!sameSet(next, get().view)) set({ view: next, lastChange: { kind: 'pin' } });
    },
    undo: () => {
      const { past, view, future } = get();
      if (!past.length) return;
      set({ view: past[past.length - 1], past: past.slice(0, -1), future: [view, ...future], lastChange: { kind: 'history' } });
    },
    redo: () => {
      const { past, view, future } = get();
      if (!future.length) return;
      set({ view: future[0], past: [...past, view], future: future.slice(1), lastChange: { kind: 'history' } });
    },
    clearView: () => set({ cache: createCache(), view: EMPTY_SET, past: [], future: [], lastChange: { kind: 'replace' } }),
  };
};

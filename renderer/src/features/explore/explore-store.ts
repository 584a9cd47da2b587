/**
 * Explore settings and canvas state that are not part of the graph view's history: filters by
 * node type and relation, the layout choice, the renderer preference, neighbours per expansion,
 * and a pending confirmation. A small zustand store of its own, beside the app store.
 */
import { createStore, useStore } from 'zustand';
import { subscribeWithSelector } from 'zustand/middleware';
import type { LayoutName } from '../../graph/layout-compute';
import type { RenderMode, RenderPreference } from '../../graph/render-mode';

export const PAGE_SIZES = [25, 50, 100, 250, 500, 1000] as const;
/** Asking before a step would put more than this many elements on the canvas. */
export const CONFIRM_ELEMENTS = 3000;

export interface PendingConfirm {
  text: string;
  answer(ok: boolean): void;
}

export interface ExploreState {
  hiddenTypes: ReadonlySet<string>;
  hiddenRelations: ReadonlySet<string>;
  neighborsPerExpansion: number;
  layout: LayoutName;
  layoutRunning: boolean;
  lastLayout: { algorithm: string; ms: number; nodes: number } | null;
  renderPref: RenderPreference;
  renderMode: RenderMode;
  legendOpen: boolean;
  confirm: PendingConfirm | null;
  toggleType(type: string): void;
  setTypesHidden(types: string[], hidden: boolean): void;
  toggleRelation(rel: string): void;
  setRelationsHidden(rels: string[], hidden: boolean): void;
  showAll(): void;
  setNeighborsPerExpansion(n: number): void;
  setLayout(name: LayoutName): void;
  setRenderPref(p: RenderPreference): void;
}

const PAGE_KEY = 'kgw.neighborsPerExpansion';

function savedPageSize(): number {
  try {
    const v = Number(globalThis.localStorage?.getItem(PAGE_KEY));
    return (PAGE_SIZES as readonly number[]).includes(v) ? v : 50;
  } catch {
    return 50;
  }
}

function toggled(set: ReadonlySet<string>, keys: string[], on: boolean): Set<string> {
  const next = new Set(set);
  for (const k of keys) {
    if (on) next.add(k);
    else next.delete(k);
  }
  return next;
}

export function createExploreStore() {
  return createStore<ExploreState>()(
    subscribeWithSelector((set) => ({
      hiddenTypes: new Set(),
      hiddenRelations: new Set(),
      neighborsPerExpansion: savedPageSize(),
      layout: 'auto',
      layoutRunning: false,
      lastLayout: null,
      renderPref: 'auto',
      renderMode: 'canvas',
      legendOpen: true,
      confirm: null,
      toggleType: (type) => set((s) => ({ hiddenTypes: toggled(s.hiddenTypes, [type], !s.hiddenTypes.has(type)) })),
      setTypesHidden: (types, hidden) => set((s) => ({ hiddenTypes: toggled(s.hiddenTypes, types, hidden) })),
      toggleRelation: (rel) => set((s) => ({ hiddenRelations: toggled(s.hiddenRelations, [rel], !s.hiddenRelations.has(rel)) })),
      setRelationsHidden: (rels, hidden) => set((s) => ({ hiddenRelations: toggled(s.hiddenRelations, rels, hidden) })),
      showAll: () => set({ hiddenTypes: new Set(), hiddenRelations: new Set() }),
      setNeighborsPerExpansion: (n) => {
        try {
          globalThis.localStorage?.setItem(PAGE_KEY, String(n));
        } catch {
          // Storage disabled: the choice lasts for this session.
        }
        set({ neighborsPerExpansion: n });
      },
      setLayout: (layout) => set({ layout }),
      setRenderPref: (renderPref) => set({ renderPref }),
    })),
  );
}

export const exploreStore = createExploreStore();

export function useExplore<T>(selector: (s: ExploreState) => T): T {
  return useStore(exploreStore, selector);
}

/** Asks the user (the ConfirmDialog answers); resolves false when dismissed. */
export function askUser(text: string): Promise<boolean> {
  return new Promise((resolve) => {
    exploreStore.getState().confirm?.answer(false);
    exploreStore.setState({
      confirm: {
        text,
        answer: (ok) => {
          exploreStore.setState({ confirm: null });
          resolve(ok);
        },
      },
    });
  });
}

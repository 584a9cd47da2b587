/**
 * The app state: one zustand store made of slices. A vanilla store (no React needed), so tests
 * and the Cytoscape canvas subscribe to it directly; components read it through `useApp(selector)`.
 */
import { createStore, useStore, type StoreApi } from 'zustand';
import { subscribeWithSelector } from 'zustand/middleware';
import { createWorkspaceSlice } from './workspace-slice';
import { createGraphViewSlice } from './graph-view-slice';
import { createSelectionSlice } from './selection-slice';
import { createJobsSlice } from './jobs-slice';
import { createMetricsSlice } from './metrics-slice';
import { createUiSlice } from './ui-slice';
import type { AppState } from './types';

export type { AppState } from './types';

export function createAppStore() {
  return createStore<AppState>()(
    subscribeWithSelector((...a) => ({
      ...createWorkspaceSlice(...a),
      ...createGraphViewSlice(...a),
      ...createSelectionSlice(...a),
      ...createJobsSlice(...a),
      ...createMetricsSlice(...a),
      ...createUiSlice(...a),
    })),
  );
}

export type AppStore = ReturnType<typeof createAppStore>;

/** The app's single store. */
export const appStore: AppStore = createAppStore();

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore as StoreApi<AppState>, selector);
}

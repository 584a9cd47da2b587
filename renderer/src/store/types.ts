import type { StateCreator } from 'zustand';
import type { WorkspaceSlice } from './workspace-slice';
import type { GraphViewSlice } from './graph-view-slice';
import type { SelectionSlice } from './selection-slice';
import type { JobsSlice } from './jobs-slice';
import type { MetricsSlice } from './metrics-slice';
import type { UiSlice } from './ui-slice';

export type AppState = WorkspaceSlice & GraphViewSlice & SelectionSlice & JobsSlice & MetricsSlice & UiSlice;

/** Every slice sees the whole state (slices may read each other) and the selector-subscribe middleware. */
export type SliceCreator<T> = StateCreator<AppState, [['zustand/subscribeWithSelector', never]], [], T>;

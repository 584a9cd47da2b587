import type { WorkbenchErrorShape } from '../../../electron/common/errors';
import type { GraphNode } from '../../../electron/common/model';
import type { SliceCreator } from './types';

export interface NodeDetails {
  node: GraphNode;
  passages: Array<{ id: string; text: string }>;
}

export interface SelectionSlice {
  selectedId: string | null;
  details: NodeDetails | null;
  detailsLoading: boolean;
  detailsError: WorkbenchErrorShape | null;
  select(id: string | null): void;
  setDetails(id: string, details: NodeDetails | null, error?: WorkbenchErrorShape): void;
}

export const createSelectionSlice: SliceCreator<SelectionSlice> = (set, get) => ({
  selectedId: null,
  details: null,
  detailsLoading: false,
  detailsError: null,
  select: (id) => set({ selectedId: id, details: null, detailsError: null, detailsLoading: id !== null }),
  // Answers for a node that is no longer selected (the user clicked on) are dropped.
  setDetails: (id, details, error) => {
    if (get().selectedId !== id) return;
    set({ details, detailsError: error ?? null, detailsLoading: false });
  },
});

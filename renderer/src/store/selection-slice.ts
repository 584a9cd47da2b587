import type { WorkbenchErrorShape } from '../../../electron/common/errors';
import type { WireNode as GraphNode } from '../graph/wire-types';
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
  /** A request to centre the canvas on a node; `seq` changes even when the id does not. */
  focus: { id: string; seq: number } | null;
  focusNode(id: string): void;
  select(id: string | null): void;
  setDetails(id: string, details: NodeDetails | null, error?: WorkbenchErrorShape): void;
}

export const createSelectionSlice: SliceCreator<SelectionSlice> = (set, get) => ({
  selectedId: null,
  details: null,
  detailsLoading: false,
  detailsError: null,
  focus: null,
  focusNode: (id) => set((s) => ({ focus: { id, seq: (s.focus?.seq ?? 0) + 1 } })),
  select: (id) => set({ selectedId: id, details: null, detailsError: null, detailsLoading: id !== null }),
  // Answers for a node that is no longer selected (the user clicked on) are dropped.
  setDetails: (id, details, error) => {
    if (get().selectedId !== id) return;
    set({ details, detailsError: error ?? null, detailsLoading: false });
  },
});

import type { WorkspaceInfo } from '../../../electron/common/protocol';
import type { GraphStats } from '../../../electron/common/model';
import type { SliceCreator } from './types';

export interface WorkspaceSlice {
  /** The open workspace, null when none; undefined until the host has been asked. */
  workspace: WorkspaceInfo | null | undefined;
  recent: Array<{ path: string; name: string }>;
  stats: GraphStats | null;
  setWorkspace(info: WorkspaceInfo | null): void;
  setRecent(recent: Array<{ path: string; name: string }>): void;
  setStats(stats: GraphStats | null): void;
}

export const createWorkspaceSlice: SliceCreator<WorkspaceSlice> = (set) => ({
  workspace: undefined,
  recent: [],
  stats: null,
  setWorkspace: (info) => set((s) => ({ workspace: info, stats: info && s.workspace?.path === info.path ? s.stats : null })),
  setRecent: (recent) => set({ recent }),
  setStats: (stats) => set({ stats }),
});

/** Counts for the status bar: the store's stats when known, else the workspace info's counts. */
export const selectCounts = (s: WorkspaceSlice): { nodes: number; edges: number } | null =>
  s.stats ? { nodes: s.stats.nodes, edges: s.stats.edges } : s.workspace ? { nodes: s.workspace.nodes, edges: s.workspace.edges } : null;

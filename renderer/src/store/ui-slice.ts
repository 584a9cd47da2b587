import type { ConnectionState } from '../api/transport';
import type { SliceCreator } from './types';

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

export interface UiSlice {
  theme: ThemeChoice;
  /** What prefers-color-scheme says now. */
  systemDark: boolean;
  shortcutsOpen: boolean;
  dragOver: boolean;
  connection: ConnectionState;
  toasts: Toast[];
  /** How many of the highest-degree nodes the overview shows. */
  overviewLimit: number;
  setOverviewLimit(limit: number): void;
  setTheme(theme: ThemeChoice): void;
  setSystemDark(dark: boolean): void;
  setShortcutsOpen(open: boolean): void;
  setDragOver(over: boolean): void;
  setConnection(state: ConnectionState): void;
  toast(text: string, tone?: Toast['tone']): void;
  dismissToast(id: number): void;
}

let nextToastId = 1;

const THEME_KEY = 'kgw.theme';

/** The user's last explicit choice survives restarts; tests (no localStorage) get 'system'. */
function savedTheme(): ThemeChoice {
  try {
    const v = globalThis.localStorage?.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

function saveTheme(theme: ThemeChoice): void {
  try {
    globalThis.localStorage?.setItem(THEME_KEY, theme);
  } catch {
    // Storage can be disabled (private mode); the choice then lasts for this session only.
  }
}

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  theme: savedTheme(),
  systemDark: false,
  shortcutsOpen: false,
  dragOver: false,
  connection: 'connecting',
  toasts: [],
  overviewLimit: 300,
  setOverviewLimit: (overviewLimit) => set({ overviewLimit }),
  setTheme: (theme) => {
    saveTheme(theme);
    set({ theme });
  },
  setSystemDark: (systemDark) => set({ systemDark }),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  setDragOver: (dragOver) => set({ dragOver }),
  setConnection: (connection) => set({ connection }),
  toast: (text, tone = 'info') => set((s) => ({ toasts: [...s.toasts.slice(-3), { id: nextToastId++, text, tone }] })),
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
});

export const selectDark = (s: UiSlice): boolean => (s.theme === 'system' ? s.systemDark : s.theme === 'dark');

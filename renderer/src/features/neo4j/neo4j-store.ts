/** State of the Neo4j settings dialog: open or not, the form, and the last test or connect outcome. */
import { create } from 'zustand';
import type { Neo4jSettingsView } from '../../../../electron/common/protocol';

export interface Neo4jForm {
  uri: string;
  user: string;
  /** Empty means "keep the saved password" when one is saved. */
  password: string;
  database: string;
}

export type Neo4jOutcome = { tone: 'ok' | 'error' | 'busy'; text: string } | null;

interface Neo4jState {
  open: boolean;
  form: Neo4jForm;
  saved: Neo4jSettingsView | null;
  outcome: Neo4jOutcome;
  setOpen(open: boolean): void;
  edit(patch: Partial<Neo4jForm>): void;
  loaded(saved: Neo4jSettingsView): void;
  setOutcome(outcome: Neo4jOutcome): void;
}

export const neo4jStore = create<Neo4jState>((set) => ({
  open: false,
  form: { uri: '', user: 'neo4j', password: '', database: '' },
  saved: null,
  outcome: null,
  setOpen: (open) => set(open ? { open, outcome: null } : { open, form: { ...neo4jStore.getState().form, password: '' } }),
  edit: (patch) => set((s) => ({ form: { ...s.form, ...patch } })),
  loaded: (saved) => set({ saved, form: { uri: saved.uri, user: saved.user || 'neo4j', password: '', database: saved.database ?? '' } }),
  setOutcome: (outcome) => set({ outcome }),
}));

/**
 * Model manager panel state, apart from the app store (like the other features): the model's
 * details from the embed worker, the settings (auto-embed, text per node), a running download
 * and the last outcome to show.
 */
import { create } from 'zustand';
import type { EmbeddingTextSettings, ModelDetails } from '../../../../electron/common/protocol/models';

export interface DownloadState {
  jobId: string | null;
  /** Bytes of the file being fetched, its size when known, and which file ("onnx/model.onnx (5/5)"). */
  done: number;
  total?: number;
  message?: string;
}

export type Outcome = { tone: 'ok' | 'error'; text: string } | null;

interface ModelsState {
  open: boolean;
  details: ModelDetails | null;
  autoEmbed: boolean | null;
  textConfig: EmbeddingTextSettings | null;
  download: DownloadState | null;
  outcome: Outcome;
  /** Hub repository to download ("owner/name"); the hub URL itself comes from the host. */
  repo: string;
  folder: string;
  setOpen(open: boolean): void;
  patch(p: Partial<Omit<ModelsState, 'setOpen' | 'patch'>>): void;
}

export const modelsStore = create<ModelsState>((set) => ({
  open: false,
  details: null,
  autoEmbed: null,
  textConfig: null,
  download: null,
  outcome: null,
  repo: '',
  folder: '',
  setOpen: (open) => set({ open }),
  patch: (p) => set(p),
}));

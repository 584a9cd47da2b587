/**
 * The pending mapping question, apart from the app store: the import flow awaits `askMapping`,
 * the dialog edits the choices and answers with import options, or null when the user cancels.
 */
import { createStore, useStore } from 'zustand';
import type { ImportOptions, ImportPreviewFile } from '../../../../electron/common/protocol/import';
import { initialChoice, toImportOptions, type FileChoice, type MissingEndpoints } from './mapping';

export interface MappingState {
  files: ImportPreviewFile[] | null;
  choices: Record<string, FileChoice>;
  missing: MissingEndpoints;
  answer: ((options: ImportOptions | null) => void) | null;
  setChoice(name: string, choice: FileChoice): void;
  setMissing(missing: MissingEndpoints): void;
  confirm(): void;
  cancel(): void;
}

export const mappingStore = createStore<MappingState>((set, get) => {
  const close = (options: ImportOptions | null) => {
    const answer = get().answer;
    set({ files: null, choices: {}, answer: null, missing: 'skip' });
    answer?.(options);
  };
  return {
    files: null,
    choices: {},
    missing: 'skip',
    answer: null,
    setChoice: (name, choice) => set((s) => ({ choices: { ...s.choices, [name]: choice } })),
    setMissing: (missing) => set({ missing }),
    confirm: () => {
      const { files, choices, missing } = get();
      close(toImportOptions(files ?? [], choices, missing));
    },
    cancel: () => close(null),
  };
});

export const useMapping = <T,>(pick: (s: MappingState) => T): T => useStore(mappingStore, pick);

/** Shows the mapping step for these files; resolves with the options chosen, null on cancel. */
export function askMapping(files: ImportPreviewFile[]): Promise<ImportOptions | null> {
  mappingStore.getState().answer?.(null);
  return new Promise((resolve) => {
    mappingStore.setState({
      files,
      choices: Object.fromEntries(files.filter((f) => f.mappable).map((f) => [f.name, initialChoice(f)])),
      missing: 'skip',
      answer: resolve,
    });
  });
}

/** Generic CSV files need the step; formats with their own headers (Neo4j, AutoSchemaKG, GraphML ...) do not. */
export function needsMapping(files: ImportPreviewFile[]): boolean {
  return files.some((f) => f.mappable);
}

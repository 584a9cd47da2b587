import type { WorkbenchErrorShape } from '../../../electron/common/errors';
import type { ImportResult, JobProgress } from '../../../electron/common/protocol';
import type { SliceCreator } from './types';

/** The import in progress: first the upload (headless) then the host's job with its stages. */
export interface ImportState {
  phase: 'uploading' | 'running' | 'cancelling';
  jobId: string | null;
  fileNames: string[];
  startedAt: number;
  progress: Pick<JobProgress, 'stage' | 'done' | 'total' | 'unit' | 'rate' | 'etaMs' | 'message'> | null;
}

export interface JobsSlice {
  importState: ImportState | null;
  importSummary: ImportResult | null;
  importError: WorkbenchErrorShape | null;
  /** Jobs seen through `job.progress` events, by id (any method, any client), for the status bar. */
  runningJobs: Record<string, JobProgress>;
  beginImport(fileNames: string[]): void;
  updateImport(patch: Partial<ImportState>): void;
  finishImport(result: ImportResult): void;
  failImport(error: WorkbenchErrorShape): void;
  dismissImportResult(): void;
  noteJobProgress(p: JobProgress): void;
  noteJobEnded(jobId: string): void;
}

export const createJobsSlice: SliceCreator<JobsSlice> = (set) => ({
  importState: null,
  importSummary: null,
  importError: null,
  runningJobs: {},
  beginImport: (fileNames) =>
    set({ importState: { phase: 'uploading', jobId: null, fileNames, startedAt: Date.now(), progress: null }, importSummary: null, importError: null }),
  updateImport: (patch) => set((s) => (s.importState ? { importState: { ...s.importState, ...patch } } : {})),
  finishImport: (result) => set({ importState: null, importSummary: result, importError: null }),
  failImport: (error) => set({ importState: null, importSummary: null, importError: error }),
  dismissImportResult: () => set({ importSummary: null, importError: null }),
  noteJobProgress: (p) => set((s) => ({ runningJobs: { ...s.runningJobs, [p.jobId]: p } })),
  noteJobEnded: (jobId) =>
    set((s) => {
      if (!(jobId in s.runningJobs)) return {};
      const { [jobId]: _ended, ...rest } = s.runningJobs;
      return { runningJobs: rest };
    }),
});

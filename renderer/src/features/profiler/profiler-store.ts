/**
 * The profiler's own state, apart from the app store: whether the panel is open, paused, which
 * time window it shows, and the sample history of every process (host history + live events +
 * the renderer's own samples) in a SampleStore. The store object is mutable for speed (an hour of
 * seven processes is 25 000 samples); `version` changes whenever it does, so React re-renders.
 */
import { createStore, useStore } from 'zustand';
import { SampleStore } from '../../../../electron/common/metrics/sample-store';
import type { JobState, ProcessSample } from '../../../../electron/common/protocol';

export const WINDOWS = [
  { sec: 60, label: '1 min' },
  { sec: 300, label: '5 min' },
  { sec: 900, label: '15 min' },
  { sec: 3600, label: '1 h' },
] as const;

export interface ProfilerState {
  open: boolean;
  paused: boolean;
  windowSec: number;
  /** Bumped on every change of `samples`. */
  version: number;
  samples: SampleStore;
  jobs: JobState[];
  exporting: string | null;
  setOpen(open: boolean): void;
  toggle(): void;
  setPaused(paused: boolean): void;
  setWindow(sec: number): void;
  addSamples(samples: readonly ProcessSample[]): void;
  setJobs(jobs: JobState[]): void;
  setExporting(format: string | null): void;
}

/**
 * Adds samples newer than the newest kept one of their process. The host re-sends the newest
 * sample of every process each second, and history may overlap live events: both would otherwise
 * be stored twice.
 */
export function mergeSamples(store: SampleStore, samples: readonly ProcessSample[]): number {
  let added = 0;
  for (const s of [...samples].sort((a, b) => a.t - b.t)) {
    const last = store.latest(s.process);
    if (last && last.t >= s.t) continue;
    store.add(s);
    added++;
  }
  return added;
}

export function createProfilerStore() {
  return createStore<ProfilerState>()((set, get) => ({
    open: false,
    paused: false,
    windowSec: 300,
    version: 0,
    samples: new SampleStore(),
    jobs: [],
    exporting: null,
    setOpen: (open) => set({ open }),
    toggle: () => set({ open: !get().open }),
    setPaused: (paused) => set({ paused }),
    setWindow: (windowSec) => set({ windowSec }),
    addSamples: (samples) => {
      if (mergeSamples(get().samples, samples) > 0) set({ version: get().version + 1 });
    },
    setJobs: (jobs) => set({ jobs }),
    setExporting: (exporting) => set({ exporting }),
  }));
}

export const profilerStore = createProfilerStore();

export function useProfiler<T>(selector: (s: ProfilerState) => T): T {
  return useStore(profilerStore, selector);
}

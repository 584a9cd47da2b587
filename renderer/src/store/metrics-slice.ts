import type { ProcessSample } from '../../../electron/common/protocol';
import type { SliceCreator } from './types';

export interface MetricsSlice {
  /** Latest sample per process name (host, store, ingest ...). */
  latestSamples: Record<string, ProcessSample>;
  addSamples(samples: ProcessSample[]): void;
}

export const createMetricsSlice: SliceCreator<MetricsSlice> = (set) => ({
  latestSamples: {},
  addSamples: (samples) =>
    set((s) => {
      const next = { ...s.latestSamples };
      for (const sample of samples) next[sample.process] = sample;
      return { latestSamples: next };
    }),
});

/** Host first, then the workers in a stable order, so the status bar does not jump around. */
export function memoryLine(latest: Record<string, ProcessSample>): string {
  const names = Object.keys(latest).sort((a, b) => (a === 'host' ? -1 : b === 'host' ? 1 : a.localeCompare(b)));
  return names.map((name) => `${name} ${Math.round(latest[name].rss / (1024 * 1024))} MB`).join(' · ');
}

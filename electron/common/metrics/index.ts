/** Profiling building blocks shared by every runtime (no Node, no DOM). */
export { percentileOfSorted, percentiles, latencyPercentiles, type LatencyPercentiles } from './percentile';
export { LatencyWindow, type LatencyWindowOptions } from './latency-window';
export { CounterSet, type CounterDrain } from './counter-set';
export { RingBuffer } from './ring-buffer';
export { SampleStore, DEFAULT_SAMPLES_PER_PROCESS, type ProcessTotals } from './sample-store';
export { JobStages, type StageTiming, type StageRate } from './job-stages';
export { alignSeries, counterRate, counterNames, type SeriesSpec, type AlignedSeries } from './chart-series';
export { ProfilingReportSchema, ProfilingEnvironmentSchema, type ProfilingReport, type ProfilingEnvironment } from './report-schema';

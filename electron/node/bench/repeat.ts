/**
 * Repeated measurements of one scenario (`npm run bench -- --runs N`): on a shared 2-core machine
 * one run of the same import varies by 20-40% within minutes, so the headline is the median run
 * and the spread is printed beside it.
 */
import type { ScenarioResult } from './scenario';

/**
 * The median run's time and extras (the lower middle one for an even count, so the numbers
 * belong to one real run), the spread of all runs, and the highest peak RSS of each process
 * (memory targets are about the worst run).
 */
export function summarizeRuns(results: readonly ScenarioResult[]): ScenarioResult {
  if (!results.length) throw new Error('summarizeRuns needs at least one result');
  if (results.length === 1) return results[0]!;
  const sorted = [...results].sort((a, b) => a.ms - b.ms);
  const median = sorted[(sorted.length - 1) >> 1]!;
  const peakRssMB: Record<string, number> = {};
  for (const r of results) {
    for (const [proc, mb] of Object.entries(r.peakRssMB ?? {})) peakRssMB[proc] = Math.max(peakRssMB[proc] ?? 0, mb);
  }
  const summary: ScenarioResult = {
    ms: median.ms,
    extra: {
      ...median.extra,
      runs: results.length,
      msAll: sorted.map((r) => Math.round(r.ms)).join(' '),
    },
  };
  if (Object.keys(peakRssMB).length) summary.peakRssMB = peakRssMB;
  return summary;
}

/** Runs `once` `runs` times one after another and summarizes them. */
export async function repeatRuns(runs: number, once: (i: number) => Promise<ScenarioResult>): Promise<ScenarioResult> {
  const results: ScenarioResult[] = [];
  for (let i = 0; i < Math.max(1, runs); i++) results.push(await once(i));
  return summarizeRuns(results);
}

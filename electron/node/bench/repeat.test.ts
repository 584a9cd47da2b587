/** Repeated bench runs: the median run's numbers, every run's time, the worst peak RSS. */
import { describe, expect, it } from 'vitest';
import { repeatRuns, summarizeRuns } from './repeat';
import type { ScenarioResult } from './scenario';

describe('summarizeRuns', () => {
  it('takes the median run (lower middle for an even count), lists all times, keeps the highest RSS per process', () => {
    const runs: ScenarioResult[] = [
      { ms: 300, peakRssMB: { 'kgw import': 200 }, extra: { cpu: 3 } },
      { ms: 100, peakRssMB: { 'kgw import': 210 }, extra: { cpu: 1 } },
      { ms: 200, peakRssMB: { 'kgw import': 190, other: 5 }, extra: { cpu: 2 } },
      { ms: 400, peakRssMB: { 'kgw import': 195 }, extra: { cpu: 4 } },
    ];
    expect(summarizeRuns(runs)).toEqual({
      ms: 200,
      peakRssMB: { 'kgw import': 210, other: 5 },
      extra: { cpu: 2, runs: 4, msAll: '100 200 300 400' },
    });
    expect(summarizeRuns(runs.slice(0, 3)).ms).toBe(200);
  });

  it('one run is returned as it is; none is an error', () => {
    const one = { ms: 5, extra: { a: 1 } };
    expect(summarizeRuns([one])).toBe(one);
    expect(() => summarizeRuns([])).toThrow();
  });

  it('repeatRuns calls the work once per run, in order', async () => {
    const calls: number[] = [];
    const r = await repeatRuns(3, async (i) => {
      calls.push(i);
      return { ms: 10 * (3 - i) };
    });
    expect(calls).toEqual([0, 1, 2]);
    expect(r).toMatchObject({ ms: 20, extra: { runs: 3, msAll: '10 20 30' } });
    expect((await repeatRuns(0, async () => ({ ms: 7 }))).ms).toBe(7);
  });
});

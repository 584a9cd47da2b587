import { describe, expect, it } from 'vitest';
import { StageTimes } from './stage-times';

const cpuSince = (u: NodeJS.CpuUsage) => ((v) => (v.user + v.system) / 1000)(process.cpuUsage(u));

/** Burns CPU on this thread for about `ms` of wall time and returns the wall ms it took. */
function spinWall(ms: number): number {
  const t = performance.now();
  let x = 0;
  while (performance.now() - t < ms) x += Math.sqrt(x + 1);
  return x >= 0 ? performance.now() - t : 0;
}

/**
 * Burns about `cpuMs` of CPU time on this thread. Counted in CPU time: on a loaded machine a
 * wall-time spin gets only part of a core, and a CPU bound would measure the machine's load.
 */
function spinCpu(cpuMs: number): number {
  const t = performance.now();
  const start = process.cpuUsage();
  let x = 0;
  while (cpuSince(start) < cpuMs) x += Math.sqrt(x + 1);
  return x >= 0 ? performance.now() - t : 0;
}

describe('StageTimes', () => {
  it('per-batch stages read CPU rarely but keep the total, split by wall time', () => {
    const before = process.cpuUsage();
    const times = new StageTimes();
    let parseWall = 0;
    let writeWall = 0;
    for (let i = 0; i < 40; i++) {
      const p = spinWall(1);
      parseWall += p;
      times.add('parse', p, undefined, true);
      const w = spinWall(3);
      writeWall += w;
      times.add('write', w, 10, true);
    }
    const listed = times.list();
    const total = cpuSince(before);
    const parse = listed.find((s) => s.name === 'parse')!;
    const write = listed.find((s) => s.name === 'write')!;
    expect(write.items).toBe(400);
    expect(write.ms).toBeCloseTo(writeWall, 0);
    expect(parse.ms).toBeCloseTo(parseWall, 0);
    expect(Math.abs(parse.cpuMs + write.cpuMs - total)).toBeLessThan(15);
    // Both stages burn CPU the same way: each gets its share of the wall time.
    expect(parse.cpuMs / (parse.cpuMs + write.cpuMs)).toBeCloseTo(parseWall / (parseWall + writeWall), 1);
  });

  it('other stages and restart count only their own time', () => {
    const times = new StageTimes();
    spinCpu(30);
    times.restart(); // nothing pending: the 30 ms above belong to no stage
    const t = spinCpu(40);
    times.add('index', t);
    const [index] = times.list();
    expect(index.name).toBe('index');
    expect(index.cpuMs).toBeGreaterThanOrEqual(35);
    expect(index.cpuMs).toBeLessThan(60);
  });
});

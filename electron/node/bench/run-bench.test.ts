/** The bench runner with a tiny scenario list of real (small) work: selection, rows, table, files. */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkbenchError } from '../../common/errors';
import type { Scenario } from './scenario';
import { runBench, selectScenarios, targetMet } from './run-bench';
import { compareRuns, renderComparison, renderTable, TABLE_COLUMNS } from './report-table';
import { readRun, writeRun } from './report-files';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-bench-test-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Sorts n random numbers in a typed array and writes them to the scenario's scratch folder. */
function sortScenario(n: number, quick: boolean): Scenario {
  return {
    group: 'query',
    name: `sort ${n}`,
    size: `${n} numbers`,
    quick,
    seed: { text: '1 h', ms: 3_600_000 },
    target: { text: '< 10 min', ms: 600_000 },
    async run(ctx) {
      const t = performance.now();
      const a = new Float64Array(n).map(() => Math.random());
      a.sort();
      fs.writeFileSync(path.join(ctx.tmpDir, 'sorted.bin'), Buffer.from(a.buffer));
      ctx.log(`wrote ${a.byteLength} bytes`);
      return { ms: performance.now() - t, extra: { first: a[0]!, scratch: ctx.tmpDir }, peakRssMB: { worker: 42 } };
    },
  };
}

const failing: Scenario = {
  group: 'vector',
  name: 'broken',
  size: 'n/a',
  quick: true,
  run: async () => {
    throw new WorkbenchError('IO_ERROR', 'the generated file vanished', { file: 'x.bin' });
  },
};

describe('selectScenarios', () => {
  const all = [sortScenario(1000, true), sortScenario(200_000, false), failing];
  it('filters by group and by the quick set', () => {
    expect(selectScenarios(all, [], false)).toHaveLength(3);
    expect(selectScenarios(all, [], true).map((s) => s.name)).toEqual(['sort 1000', 'broken']);
    expect(selectScenarios(all, ['query'], false).map((s) => s.name)).toEqual(['sort 1000', 'sort 200000']);
    expect(selectScenarios(all, ['query'], true).map((s) => s.name)).toEqual(['sort 1000']);
  });
  it('refuses a group nobody registered', () => {
    expect(() => selectScenarios(all, ['imprt'], false)).toThrow(/unknown bench group imprt; known: query, vector/);
  });
});

describe('targetMet', () => {
  it('checks time and memory where given', () => {
    expect(targetMet(undefined, 5, {})).toBeUndefined();
    expect(targetMet({ text: 'fast' }, 5, {})).toBeUndefined();
    expect(targetMet({ text: '< 10 ms', ms: 10 }, 5, { a: 999 })).toBe(true);
    expect(targetMet({ text: '< 10 ms', ms: 10 }, 11, {})).toBe(false);
    expect(targetMet({ text: '< 100 MB', rssMB: 100 }, 1e9, { a: 50, b: 120 })).toBe(false);
    expect(targetMet({ text: '< 10 ms, < 100 MB', ms: 10, rssMB: 100 }, 3, { a: 50 })).toBe(true);
  });
});

describe('runBench', () => {
  it('runs each scenario, keeps going after a failure, and prints one table', async () => {
    const lines: string[] = [];
    const run = await runBench([sortScenario(50_000, true), failing, sortScenario(1_000_000, false)], { quick: true, tmpRoot: tmp, log: (l) => lines.push(l) });
    expect(run.rows.map((r) => r.name)).toEqual(['sort 50000', 'broken']);
    const [ok, bad] = run.rows;
    expect(ok!.ms!).toBeGreaterThan(0);
    expect(ok!.ratio).toBeCloseTo(3_600_000 / ok!.ms!, 6);
    expect(ok!.met).toBe(true);
    expect(ok!.peakRssMB.worker).toBe(42);
    expect(ok!.peakRssMB.bench).toBeGreaterThan(10);
    // The scratch folder existed during the run and is gone after it.
    expect(fs.existsSync(String(ok!.extra!.scratch))).toBe(false);
    expect(bad!.error).toEqual({ code: 'IO_ERROR', message: 'the generated file vanished' });
    expect(bad!.ms).toBeUndefined();
    expect(lines).toContain('[1/2] query: sort 50000 (50000 numbers)');
    expect(lines.some((l) => l.includes('wrote 400000 bytes'))).toBe(true);

    const table = renderTable(run).split('\n');
    expect(table[0]).toMatch(/^Machine: \d+ × .+; load average at start [\d.]+ \/ [\d.]+ \/ [\d.]+$/);
    const header = table.find((l) => l.startsWith('scenario'))!;
    expect(header.split('|').map((c) => c.trim())).toEqual([...TABLE_COLUMNS]);
    const okLine = table.find((l) => l.startsWith('query: sort 50000'))!;
    expect(okLine).toMatch(/\| 1 h +\| \d+x faster +\| < 10 min \| yes +\| bench \d+ MB, worker 42 MB$/);
    expect(table.find((l) => l.startsWith('vector: broken'))).toContain('FAILED (IO_ERROR)');
    expect(table).toContain('  vector: broken — the generated file vanished');
  });

  it('saves JSON and HTML, reads the JSON back and compares two runs', async () => {
    const first = await runBench([sortScenario(20_000, true)], { tmpRoot: tmp });
    const second = await runBench([sortScenario(20_000, true), failing], { tmpRoot: tmp });
    const files = writeRun(first, path.join(tmp, 'results'));
    expect(path.basename(files.json)).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.json$/);
    const html = fs.readFileSync(files.html, 'utf8');
    expect(html).toContain('<td>query: sort 20000</td>');
    expect(html).toContain('id="kgw-bench"');
    const back = readRun(files.json);
    expect(back).toEqual(JSON.parse(JSON.stringify(first)));
    const deltas = compareRuns(back, second);
    expect(deltas).toHaveLength(2);
    expect(deltas[0]!.change).toBeCloseTo((second.rows[0]!.ms! - first.rows[0]!.ms!) / first.rows[0]!.ms!, 9);
    expect(deltas[1]).toEqual({ key: 'vector: broken (n/a)' });
    expect(renderComparison(deltas, back.startedAt)).toMatch(/query: sort 20000 \(20000 numbers\) \| [\d.]+ ms +\| [\d.]+ ms +\| [+-]?[\d.]+ %/);
    fs.writeFileSync(path.join(tmp, 'not-a-run.json'), '{"hello": 1}');
    expect(() => readRun(path.join(tmp, 'not-a-run.json'))).toThrow(/Not a bench run/);
  });
});

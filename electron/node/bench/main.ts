/**
 * `npm run bench [-- group ...] [--quick] [--runs N] [--compare <old.json>] [--out-dir <dir>]`: runs the
 * scenarios of every area (or the named groups) and prints one table; the run is saved as
 * bench-results/<timestamp>.json and .html so runs can be compared.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatError, toErrorShape } from '../../common/errors';
import { scenarios } from './scenarios';
import { runBench } from './run-bench';
import { compareRuns, renderComparison, renderTable } from './report-table';
import { readRun, writeRun } from './report-files';

const USAGE = `Usage: npm run bench [-- group ...] [--quick] [--runs N] [--compare <old.json>] [--out-dir <dir>]
  --runs N   measure each import N times (input generated once); the table shows the median run
Groups: ${[...new Set(scenarios.map((s) => s.group))].sort().join(', ') || '(none registered yet)'}`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { quick: { type: 'boolean' }, runs: { type: 'string' }, compare: { type: 'string' }, 'out-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    console.error(`bench: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  const runs = parsed.values.runs === undefined ? 1 : Number(parsed.values.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 50) {
    console.error(`bench: --runs expects a whole number from 1 to 50, got "${parsed.values.runs}"\n${USAGE}`);
    return 2;
  }
  const old = parsed.values.compare ? readRun(parsed.values.compare) : undefined;
  let run;
  try {
    run = await runBench(scenarios, { groups: parsed.positionals, quick: parsed.values.quick ?? false, runs, log: (l) => console.error(l) });
  } catch (err) {
    console.error(`bench: ${(err as Error).message}`);
    return 2;
  }
  console.log(`\n${renderTable(run)}`);
  if (old) console.log(`\n${renderComparison(compareRuns(old, run), old.startedAt)}`);
  const files = writeRun(run, path.resolve(parsed.values['out-dir'] ?? 'bench-results'));
  console.log(`\nSaved ${files.json}\n  and ${files.html}`);
  return run.rows.some((r) => r.error) ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`bench: ${formatError(toErrorShape(err))}`);
    process.exit(1);
  },
);

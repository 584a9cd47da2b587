/** Writes a bench run as bench-results/<timestamp>.json and .html; reads an old run back. */
import fs from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../common/errors';
import { benchHtml } from './report-html';
import type { BenchRun } from './run-bench';

export function writeRun(run: BenchRun, dir: string): { json: string; html: string } {
  const stamp = run.startedAt.slice(0, 19).replace(/:/g, '-');
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, `${stamp}.json`);
  const html = path.join(dir, `${stamp}.html`);
  fs.writeFileSync(json, `${JSON.stringify(run, null, 2)}\n`);
  fs.writeFileSync(html, benchHtml(run));
  return { json, html };
}

export function readRun(file: string): BenchRun {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new WorkbenchError('IO_ERROR', `Cannot read the bench run to compare with: ${(err as Error).message}`, { file });
  }
  const run = parsed as Partial<BenchRun>;
  if (!Array.isArray(run.rows) || typeof run.startedAt !== 'string') {
    throw new WorkbenchError('BAD_REQUEST', 'Not a bench run: expected the JSON that `npm run bench` writes to bench-results/', { file, expected: '{startedAt, rows: [...]}' });
  }
  return run as BenchRun;
}

/**
 * `kgw report --workspace <dir> --format json|html|csv|prometheus [--out <file>]`: a profiling
 * report of this CLI process (sampled from start to end of the command) and of the workspace:
 * the environment with the workspace's size, and every import recorded in its `imports` table as a
 * finished job (with its stage breakdown where the record holds one).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { WorkbenchError } from '../../common/errors';
import type { JobState } from '../../common/protocol/jobs';
import type { ProcessSample } from '../../common/protocol/metrics';
import { REPORT_FORMATS, type ReportFormat } from '../../common/protocol/profiling';
import { databasePath } from '../../../native/store/sqlite/open';
import { ProcessSampler } from '../metrics/process-sampler';
import { buildReport, toCSV, toHTML, toJSON } from '../metrics/report';
import { renderPrometheusText } from '../metrics/prometheus';
import { SampleStore } from '../../common/metrics/sample-store';
import { printResult, type CliIO } from './output';

export interface ReportArgs {
  workspace: string;
  format?: string;
  out?: string;
}

interface ImportRow {
  id: number;
  started_at: number;
  finished_at: number | null;
  result: string | null;
}

/** The workspace's import records as jobs: what `report` shows in its jobs table. */
export function importJobs(workspaceDir: string): JobState[] {
  const file = databasePath(workspaceDir);
  let db: Database.Database;
  try {
    // Read-only: a report must never migrate or lock a workspace another process may be writing.
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new WorkbenchError('STORE_ERROR', `Cannot read the workspace database: ${(err as Error).message}`, { file });
  }
  try {
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'imports'").get();
    if (!hasTable) return [];
    const rows = db.prepare('SELECT id, started_at, finished_at, result FROM imports ORDER BY id').all() as ImportRow[];
    return rows.map((r): JobState => {
      const job: JobState = { jobId: `import-${r.id}`, method: 'import.start', state: r.finished_at === null ? 'failed' : 'finished', startedAt: r.started_at };
      if (r.finished_at !== null) job.finishedAt = r.finished_at;
      else job.error = { code: 'INTERNAL', message: 'The import has no finish time: it never committed.' };
      if (r.result !== null) {
        try {
          job.result = JSON.parse(r.result);
        } catch {
          job.result = { unreadable: r.result.slice(0, 200) };
        }
      }
      return job;
    });
  } finally {
    db.close();
  }
}

function parseFormat(format: string | undefined): ReportFormat {
  const f = format ?? 'json';
  if (!(REPORT_FORMATS as readonly string[]).includes(f)) {
    throw new WorkbenchError('BAD_REQUEST', `--format must be one of ${REPORT_FORMATS.join(', ')}, not "${f}"`, { value: f, expected: REPORT_FORMATS.join('|') });
  }
  return f as ReportFormat;
}

export async function reportCommand(args: ReportArgs, io: CliIO): Promise<void> {
  const format = parseFormat(args.format);
  const dir = path.resolve(args.workspace);
  if (!fs.existsSync(databasePath(dir))) throw new WorkbenchError('NO_WORKSPACE', `${dir} is not a workspace (no ${path.basename(databasePath(dir))} in it)`, { file: dir });

  const samples: ProcessSample[] = [];
  const sampler = new ProcessSampler({ process: 'cli', onSample: (s) => samples.push(s) }).start();
  samples.push(sampler.sample());
  let text: string;
  let jobs: JobState[];
  try {
    jobs = importJobs(dir);
    const report = await buildReport({ samples: [], jobs, workspaceDir: dir });
    samples.push(sampler.sample());
    report.samples = [...samples].sort((a, b) => a.t - b.t);
    if (format === 'prometheus') {
      const store = new SampleStore();
      for (const s of report.samples) store.add(s);
      text = renderPrometheusText({ samples: report.samples, jobs, totals: store.allTotals() });
    } else {
      text = format === 'json' ? toJSON(report) : format === 'csv' ? toCSV(report) : toHTML(report, { title: `KG Workbench profile — ${path.basename(dir)}` });
    }
  } finally {
    sampler.stop();
  }

  if (!args.out) {
    if (io.json) printResult(io, { format, text }, () => []);
    else process.stdout.write(text);
    return;
  }
  const out = path.resolve(args.out);
  try {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, text);
  } catch (err) {
    throw new WorkbenchError('IO_ERROR', `Cannot write the report: ${(err as Error).message}`, { file: out });
  }
  printResult(io, { out, format, bytes: Buffer.byteLength(text), samples: samples.length, jobs: jobs.length }, () => [
    `${format} report of ${jobs.length} import(s) and ${samples.length} samples written to ${out}`,
  ]);
}

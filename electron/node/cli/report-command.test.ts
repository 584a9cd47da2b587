/** `kgw report` as a user runs it: a real process on a workspace built by `kgw import`. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ProfilingReportSchema } from '../../common/metrics/report-schema';

const repo = path.resolve(__dirname, '../../..');
const datasets = path.resolve(repo, '../shared/datasets');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-report-'));
const ws = path.join(tmp, 'ws');
const parsePrometheus = require('parse-prometheus-text-format') as (text: string) => Array<{ name: string }>;

function kgw(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(repo, 'bin/kgw.js'), ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  const r = kgw('import', path.join(datasets, 'graphml_gephi_miserables.graphml'), '--workspace', ws, '--json');
  expect(r.code, r.stderr).toBe(0);
}, 60_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('kgw report', () => {
  it('writes a JSON report of the CLI process and the workspace, with its import as a job', () => {
    const out = path.join(tmp, 'r.json');
    const r = kgw('report', '--workspace', ws, '--format', 'json', '--out', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ out, format: 'json', jobs: 1, samples: 2 });
    const report = ProfilingReportSchema.parse(JSON.parse(fs.readFileSync(out, 'utf8')));
    expect(report.samples.every((s) => s.process === 'cli' && s.rss > 10e6)).toBe(true);
    const dbBytes = fs.statSync(path.join(ws, 'graph.sqlite')).size;
    expect(report.environment.workspace).toMatchObject({ path: ws });
    expect(report.environment.workspace!.bytes).toBeGreaterThanOrEqual(dbBytes);
    expect(report.jobs).toHaveLength(1);
    expect(report.jobs[0]).toMatchObject({ jobId: 'import-1', method: 'import.start', state: 'finished', result: { nodesAdded: 77, edgesAdded: 254 } });
    expect(report.jobs[0]!.finishedAt!).toBeGreaterThanOrEqual(report.jobs[0]!.startedAt);
  });

  it('shows a stage breakdown when the import record holds one', () => {
    // The store's import record may carry `stages` (as ImportResult does); the report must show them.
    const copy = path.join(tmp, 'ws-stages');
    fs.cpSync(ws, copy, { recursive: true });
    const db = new Database(path.join(copy, 'graph.sqlite'));
    const row = db.prepare('SELECT result FROM imports WHERE id = 1').get() as { result: string };
    const result = { ...JSON.parse(row.result), stages: [{ name: 'parse', ms: 12.5, items: 331 }, { name: 'commit', ms: 3 }] };
    db.prepare('UPDATE imports SET result = ? WHERE id = 1').run(JSON.stringify(result));
    db.close();
    const out = path.join(tmp, 'r.html');
    expect(kgw('report', '--workspace', copy, '--format', 'html', '--out', out).code).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toMatch(/<tr class="stage-row"><td>import-1<\/td><td>import\.start<\/td><td>finished<\/td><td class="num">[\d.,]+<\/td><td>parse<\/td><td class="num">12\.5<\/td><td class="num">331<\/td>/);
    expect(html).toContain('id="kgw-charts"');
  });

  it('CSV and Prometheus to stdout', () => {
    const csv = kgw('report', '--workspace', ws, '--format', 'csv');
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^t,time,process,pid,rss/);
    expect(lines.slice(1).every((l) => l.split(',')[2] === 'cli')).toBe(true);
    const prom = kgw('report', '--workspace', ws, '--format', 'prometheus');
    expect(prom.code).toBe(0);
    const names = parsePrometheus(prom.stdout).map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['kgw_process_resident_memory_bytes', 'kgw_jobs_total', 'kgw_work_items_total']));
    expect(prom.stdout).toContain('kgw_jobs_total{method="import.start",state="finished"} 1');
  });

  it('refuses a bad format (exit 2) and a folder that is not a workspace (exit 1)', () => {
    const bad = kgw('report', '--workspace', ws, '--format', 'pdf');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format must be one of json, html, csv, prometheus/);
    const none = kgw('report', '--workspace', path.join(tmp, 'nothing'));
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/not a workspace/);
  });
});

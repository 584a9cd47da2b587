/**
 * The profiling methods and /metrics of a real headless host with real workers: history after an
 * import, reports in every format, and a /metrics page that an independent parser accepts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHeadless, type HeadlessServer } from '../../headless/server';
import { TestClient } from '../../headless/test-client';
import { fromColumns, type SampleColumns, type ProfilingReportText } from '../../../common/protocol/profiling';
import { ProfilingReportSchema } from '../../../common/metrics/report-schema';
import { reportFileName } from './profiling-handlers';

interface PromFamily {
  name: string;
  type: string;
  metrics: Array<{ labels?: Record<string, string>; value?: string; quantiles?: Record<string, string>; count?: string }>;
}
const parsePrometheus = require('parse-prometheus-text-format') as (text: string) => PromFamily[];

const datasets = path.resolve(__dirname, '../../../../../shared/datasets');
const DOCUMENTED = fs
  .readFileSync(path.resolve(__dirname, '../../metrics/METRICS.md'), 'utf8')
  .split('\n')
  .map((l) => /^\| `(kgw_[a-z_]+)`/.exec(l)?.[1])
  .filter((n): n is string => !!n);

describe('profiling on a real headless host', () => {
  let server: HeadlessServer;
  let client: TestClient;
  let dataDir: string;
  const metricsText = async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/metrics`, { headers: { authorization: `Bearer ${server.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-prof-'));
    server = await startHeadless({ dataDir, allow: [datasets], port: 0 });
    client = await TestClient.connect(`http://127.0.0.1:${server.port}`, server.token);
    // Asking for history starts the recording, as the renderer does when it connects.
    await client.call('profiling.history', { windowSec: 60 });
    await client.call('workspace.open', { path: path.join(dataDir, 'ws') });
    await client.job('import.start', { files: [{ path: path.join(datasets, 'csv_vega_flights-airport_edges.csv') }, { path: path.join(datasets, 'csv_vega_airports_nodes.csv') }] });
  }, 60_000);

  afterAll(async () => {
    client?.close();
    await server?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('history has every process, and the ingest worker counted the entities it wrote', async () => {
    // The ingest worker reports its counts with its next heartbeat (<= 1 s after the import).
    await expect
      .poll(
        async () => {
          const { processes } = await client.call<{ processes: SampleColumns[] }>('profiling.history', { windowSec: 60 });
          const ingest = processes.find((p) => p.process === 'ingest');
          return ingest ? fromColumns(ingest).reduce((a, s) => a + (s.counters.entities ?? 0), 0) : 0;
        },
        { timeout: 5000, interval: 250 },
      )
      .toBe(3376);
    const { processes } = await client.call<{ processes: SampleColumns[] }>('profiling.history', { windowSec: 60 });
    const names = processes.map((p) => p.process);
    expect(names).toContain('host');
    const host = fromColumns(processes.find((p) => p.process === 'host')!);
    expect(host.length).toBeGreaterThan(0);
    expect(host.every((s) => s.rss > 10e6 && s.heapUsed > 0)).toBe(true);
    // At 1 Hz, strictly increasing times: the re-sent newest samples were not stored twice.
    for (const p of processes) for (let i = 1; i < p.t.length; i++) expect(p.t[i]!).toBeGreaterThan(p.t[i - 1]!);
  });

  it('/metrics parses as Prometheus text with every documented family, totals included', async () => {
    const text = await metricsText();
    const families = parsePrometheus(text);
    const byName = new Map(families.map((f) => [f.name, f]));
    for (const name of DOCUMENTED) expect(byName.has(name), `family ${name}`).toBe(true);
    expect(DOCUMENTED.length).toBeGreaterThanOrEqual(15);
    const rss = byName.get('kgw_process_resident_memory_bytes')!;
    expect(rss.type).toBe('GAUGE');
    expect(rss.metrics.some((m) => m.labels?.process === 'host' && Number(m.value) > 10e6)).toBe(true);
    const entities = byName.get('kgw_work_items_total')!.metrics.find((m) => m.labels?.process === 'ingest' && m.labels?.kind === 'entities');
    expect(Number(entities?.value)).toBe(3376);
    const stages = byName.get('kgw_job_stage_seconds_total')!.metrics.map((m) => m.labels?.stage);
    expect(stages).toEqual(expect.arrayContaining(['parse', 'write']));
    const jobs = byName.get('kgw_jobs_total')!.metrics.find((m) => m.labels?.method === 'import.start' && m.labels?.state === 'finished');
    expect(Number(jobs?.value)).toBe(1);
  });

  it('the JSON report holds the environment, the samples, the caller\'s samples and the import\'s stages', async () => {
    const renderer = { process: 'renderer', t: Date.now(), rss: 0, heapUsed: 12e6, heapTotal: 20e6, external: 0, arrayBuffers: 0, cpu: 0, eventLoopDelayMs: 3, counters: { frames: 60 } };
    const r = await client.call<ProfilingReportText>('profiling.report', { format: 'json', clientSamples: [renderer] });
    expect(r.fileName).toMatch(/^kgw-profile-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.json$/);
    const report = ProfilingReportSchema.parse(JSON.parse(r.text));
    expect(report.environment.workspace?.bytes).toBeGreaterThan(0);
    expect(report.environment.nativeModules['better-sqlite3']).toMatch(/^\d+\./);
    expect([...new Set(report.samples.map((s) => s.process))]).toEqual(expect.arrayContaining(['host', 'ingest', 'renderer']));
    expect(report.samples.some((s) => s.process === 'renderer' && s.counters.frames === 60)).toBe(true);
    const imp = report.jobs.find((j) => j.method === 'import.start')!;
    const stages = (imp.result as { stages: Array<{ name: string; ms: number; items?: number }> }).stages;
    expect(stages.find((s) => s.name === 'write')?.items).toBe(3376 + 5366);
  });

  it('HTML, CSV and Prometheus reports', async () => {
    const html = await client.call<ProfilingReportText>('profiling.report', { format: 'html' });
    expect(html.mimeType).toMatch(/^text\/html/);
    expect(html.text).toContain('id="kgw-report"');
    expect(html.text).toMatch(/<tr class="stage-row">.*import\.start.*write/);
    const csv = await client.call<ProfilingReportText>('profiling.report', { format: 'csv' });
    const [header, ...rows] = csv.text.trimEnd().split('\r\n');
    expect(header).toMatch(/^t,time,process,pid,rss/);
    expect(header).toContain('counters.entities');
    expect(rows.length).toBeGreaterThan(2);
    const prom = await client.call<ProfilingReportText>('profiling.report', { format: 'prometheus' });
    expect(prom.fileName.endsWith('.prom')).toBe(true);
    expect(parsePrometheus(prom.text).map((f) => f.name)).toEqual(expect.arrayContaining(DOCUMENTED));
  });
});

describe('report file names', () => {
  it('are sortable and free of characters file systems refuse', () => {
    expect(reportFileName('html', new Date('2026-11-24T06:21:45.123Z'))).toBe('kgw-profile-2026-11-24T06-21-45.html');
    expect(reportFileName('prometheus', new Date(0))).toBe('kgw-profile-1970-01-01T00-00-00.prom');
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProfilingReportSchema } from '../../common/metrics/report-schema';
import { WorkbenchError } from '../../common/errors';
import { findAppRoot, folderSize, nativeModuleVersions } from './environment';
import { buildReport, toCSV, toHTML, toJSON } from './report';
import { escapeHtml, jsonForScript } from './report-html';
import { fixtureJobs, fixtureSamples } from './report-fixture';

const appRoot = findAppRoot([__dirname])!;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'kgw-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Minimal RFC 4180 reader (quoted fields with "" escapes and embedded line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('environment', () => {
  it('reads native module versions from node_modules and measures the workspace folder', async () => {
    const versions = nativeModuleVersions(appRoot);
    const expected = JSON.parse(readFileSync(path.join(appRoot, 'node_modules/better-sqlite3/package.json'), 'utf8')).version;
    expect(versions['better-sqlite3']).toBe(expected);
    expect(Object.keys(versions).sort()).toEqual(['better-sqlite3', 'hnswlib-node', 'neo4j-driver', 'onnxruntime-node']);
    expect(nativeModuleVersions(tmp, ['not-a-module'])).toEqual({ 'not-a-module': null });

    const ws = path.join(tmp, 'ws');
    mkdirSync(path.join(ws, 'vectors'), { recursive: true });
    writeFileSync(path.join(ws, 'graph.sqlite'), Buffer.alloc(4096));
    writeFileSync(path.join(ws, 'vectors', 'index.bin'), Buffer.alloc(1000));
    expect(await folderSize(ws)).toEqual({ bytes: 5096, files: 2 });
    const err = await folderSize(path.join(tmp, 'missing')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkbenchError);
    expect((err as WorkbenchError).code).toBe('NOT_FOUND');
  });
});

describe('profiling report', async () => {
  const ws = path.join(tmp, 'ws2');
  mkdirSync(ws);
  writeFileSync(path.join(ws, 'a.bin'), Buffer.alloc(123));
  const samples = fixtureSamples();
  const report = await buildReport({ samples: [...samples].reverse(), jobs: fixtureJobs, workspaceDir: ws, createdAt: new Date('2026-01-02T03:04:05Z') });

  it('records the environment and sorts samples by time', () => {
    expect(ProfilingReportSchema.parse(report)).toEqual(report);
    expect(report.createdAt).toBe('2026-01-02T03:04:05.000Z');
    expect(report.environment.node).toBe(process.versions.node);
    expect(report.environment.cpus.count).toBe(os.cpus().length);
    expect(report.environment.appVersion).toBe(JSON.parse(readFileSync(path.join(appRoot, 'package.json'), 'utf8')).version);
    expect(report.environment.workspace).toEqual({ path: ws, bytes: 123, files: 1 });
    expect(report.samples.map((s) => s.t)).toEqual(samples.map((s) => s.t));
  });

  it('toJSON round-trips', () => {
    expect(ProfilingReportSchema.parse(JSON.parse(toJSON(report)))).toEqual(report);
  });

  it('toCSV writes one row per sample with counter columns and RFC 4180 quoting', () => {
    const rows = parseCsv(toCSV(report));
    const [header, ...body] = rows;
    expect(header).toEqual([
      't', 'time', 'process', 'pid', 'rss', 'heapUsed', 'heapTotal', 'external', 'arrayBuffers', 'cpu', 'eventLoopDelayMs',
      'latencyP50Ms', 'latencyP95Ms', 'latencyP99Ms', 'latencyCount', 'counters.edges', 'counters.entities', 'counters.queries',
    ]);
    expect(body).toHaveLength(samples.length);
    const col = (name: string) => header!.indexOf(name);
    body.forEach((r, i) => {
      const s = report.samples[i]!;
      expect(r).toHaveLength(header!.length);
      expect(r[col('process')]).toBe(s.process); // includes the name with quotes and a comma
      expect(Number(r[col('rss')])).toBe(s.rss);
      expect(Number(r[col('cpu')])).toBe(s.cpu);
      expect(r[col('counters.entities')]).toBe(s.counters.entities === undefined ? '' : String(s.counters.entities));
      expect(r[col('latencyP99Ms')]).toBe(s.latency ? String(s.latency.p99) : '');
    });
  });

  it('toHTML is self-contained: uPlot inline, data embedded and round-tripping, no external URLs, one row per stage', () => {
    const html = toHTML(report);
    const uplotJs = readFileSync(path.join(appRoot, 'node_modules/uplot/dist/uPlot.iife.min.js'), 'utf8');
    const uplotCss = readFileSync(path.join(appRoot, 'node_modules/uplot/dist/uPlot.min.css'), 'utf8');
    expect(html).toContain(uplotJs.replace(/<\/script/gi, '<\\/script'));
    expect(html).toContain(uplotCss);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).toContain('prefers-color-scheme: dark');

    // The hostile process name must not close the JSON script early.
    const m = /<script type="application\/json" id="kgw-report">([\s\S]*?)<\/script>/.exec(html);
    expect(m).not.toBeNull();
    expect(ProfilingReportSchema.parse(JSON.parse(m![1]!))).toEqual(report);
    const charts = JSON.parse(/<script type="application\/json" id="kgw-charts">([\s\S]*?)<\/script>/.exec(html)![1]!) as { id: string; data: { x: number[] } }[];
    expect(charts.map((c) => c.id)).toEqual(['memory-0', 'memory-1', 'memory-2', 'memory-3', 'cpu', 'event-loop', 'throughput', 'latency']);
    expect(charts[0]!.data.x).toHaveLength(20);

    const stageRows = html.match(/<tr class="stage-row">/g) ?? [];
    expect(stageRows).toHaveLength(3);
    for (const name of ['parse', 'write', 'index']) expect(html).toContain(`<td>${name}</td>`);
    // 120 000 items in 5 000 ms.
    expect(html).toContain('<td class="num">24,000</td>');
    expect(html.match(/<tr class="job-row">/g)).toHaveLength(1);
    // Only our two data scripts, uPlot and the page script: nothing injected by the data.
    expect(html.match(/<script\b/g)).toHaveLength(4);
    expect(html.match(/<\/script>/g)).toHaveLength(4);
  });

  it('escapes text for HTML and JSON for script elements', () => {
    expect(escapeHtml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    const tricky = { s: '</script><!-- \u2028 \u2029 </SCRIPT>' };
    const embedded = jsonForScript(tricky);
    expect(embedded).not.toMatch(/<\/script|<!--/i);
    expect(JSON.parse(embedded)).toEqual(tricky);
  });

  it('says clearly when uPlot cannot be found', () => {
    expect(() => toHTML(report, { uplotDir: path.join(tmp, 'nope') })).toThrow(/uPlot library/);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProcessSample } from '../../common/protocol/metrics';
import type { JobState } from '../../common/protocol/jobs';
import { SampleStore } from '../../common/metrics/sample-store';
import { escapeLabelValue, formatValue, renderExposition } from './exposition';
import { latestPerProcess, renderPrometheusText } from './prometheus';

interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
interface ParsedFamily {
  name: string;
  help?: string;
  type?: string;
  samples: ParsedSample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const HELP_RE = new RegExp(`^# HELP (${NAME}) ((?:[^\\\\\\n]|\\\\[\\\\n])*)$`);
const TYPE_RE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|summary|histogram|untyped)$`);
const LABEL = '([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\\\\n]|\\\\[\\\\"n])*)"';
const SAMPLE_RE = new RegExp(`^(${NAME})(?:\\{(${LABEL}(?:,${LABEL})*)?\\})? (NaN|[+-]Inf|[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)(?: (-?\\d+))?$`);
const LABEL_G = new RegExp(LABEL, 'g');

function unescapeLabel(v: string): string {
  return v.replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

/**
 * A strict line-by-line parser of text format 0.0.4: every line must be HELP, TYPE or a sample;
 * a family's HELP/TYPE come once, before its samples; samples belong to the last TYPE'd family
 * (summaries may add _sum/_count); the text ends with a newline.
 */
function parseExposition(text: string): Map<string, ParsedFamily> {
  expect(text.endsWith('\n')).toBe(true);
  const families = new Map<string, ParsedFamily>();
  let current: ParsedFamily | undefined;
  for (const line of text.slice(0, -1).split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = HELP_RE.exec(line))) {
      expect(families.has(m[1]!), `duplicate family ${m[1]}`).toBe(false);
      current = { name: m[1]!, help: m[2]!, samples: [] };
      families.set(current.name, current);
    } else if ((m = TYPE_RE.exec(line))) {
      expect(current?.name, `TYPE without HELP: ${line}`).toBe(m[1]);
      expect(current!.type).toBeUndefined();
      current!.type = m[2]!;
    } else if ((m = SAMPLE_RE.exec(line))) {
      expect(current?.type, `sample before TYPE: ${line}`).toBeDefined();
      const name = m[1]!;
      const allowed = current!.type === 'summary' ? [current!.name, `${current!.name}_sum`, `${current!.name}_count`] : [current!.name];
      expect(allowed, `sample ${name} outside its family`).toContain(name);
      const labels: Record<string, string> = {};
      for (const lm of (m[2] ?? '').matchAll(LABEL_G)) {
        expect(labels[lm[1]!], `duplicate label ${lm[1]}`).toBeUndefined();
        labels[lm[1]!] = unescapeLabel(lm[2]!);
      }
      const raw = m[m.length - 2]!;
      const value = raw === 'NaN' ? NaN : raw.endsWith('Inf') ? (raw.startsWith('-') ? -Infinity : Infinity) : Number(raw);
      current!.samples.push({ name, labels, value });
    } else {
      throw new Error(`not a valid exposition line: ${JSON.stringify(line)}`);
    }
  }
  return families;
}

function sample(process: string, t: number, extra: Partial<ProcessSample> = {}): ProcessSample {
  return { process, pid: 1, t, rss: 100e6, heapUsed: 20e6, heapTotal: 30e6, external: 5e6, arrayBuffers: 1e6, cpu: 42.5, eventLoopDelayMs: 12, counters: {}, ...extra };
}

const WEIRD = 'we"ird\\proc\nname';

function fixture(): { text: string; store: SampleStore } {
  const store = new SampleStore();
  store.add(sample('ingest', 1000, { counters: { entities: 500, edges: 100 } }));
  store.add(sample('ingest', 2000, { counters: { entities: 700, edges: 300 }, rss: 120e6 }));
  store.add(sample('vector', 2000, { counters: { queries: 10 }, latency: { p50: 2, p95: 8, p99: 20, count: 10 } }));
  store.add(sample(WEIRD, 2000));
  const jobs: JobState[] = [
    { jobId: '1', method: 'import.start', state: 'finished', startedAt: 0, finishedAt: 900, result: { stages: [{ name: 'parse', ms: 600, items: 1200 }, { name: 'write', ms: 300 }] } },
    { jobId: '2', method: 'import.start', state: 'finished', startedAt: 0, finishedAt: 100, result: { stages: [{ name: 'parse', ms: 400, items: 800 }] } },
    { jobId: '3', method: 'import.start', state: 'failed', startedAt: 0, finishedAt: 5, error: { code: 'PARSE_ERROR', message: 'x' } },
    { jobId: '4', method: 'embed.index', state: 'running', startedAt: 0 },
  ];
  const samples = Object.values(store.all()).flat();
  return { text: renderPrometheusText({ samples, jobs, totals: store.allTotals() }), store };
}

describe('Prometheus exposition', () => {
  it('escapes label values and help text, and formats special values', () => {
    expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(-Infinity)).toBe('-Inf');
    expect(formatValue(1.5e21)).toBe('1.5e+21');
    const text = renderExposition([{ name: 'x_total', help: 'back\\slash\nnewline "quoted"', type: 'counter', samples: [{ labels: { a: '"' }, value: Infinity }] }]);
    expect(text).toBe('# HELP x_total back\\\\slash\\nnewline "quoted"\n# TYPE x_total counter\nx_total{a="\\""} +Inf\n');
    expect(() => renderExposition([{ name: 'bad-name', help: '', type: 'gauge', samples: [] }])).toThrow(/invalid Prometheus metric name/);
    expect(() => renderExposition([{ name: 'ok', help: '', type: 'gauge', samples: [{ labels: { 'bad-label': 'x' }, value: 1 }] }])).toThrow(/label name/);
  });

  it('the test parser itself rejects malformed exposition', () => {
    const head = '# HELP x h\n# TYPE x gauge\n';
    expect(parseExposition(`${head}x{a="q\\"b"} 1\n`).get('x')!.samples[0]!.labels.a).toBe('q"b');
    expect(() => parseExposition(`${head}x{a="un"escaped"} 1\n`)).toThrow();
    expect(() => parseExposition(`${head}x{a="raw\nnewline"} 1\n`)).toThrow();
    expect(() => parseExposition(`${head}x{a="bad\\q"} 1\n`)).toThrow();
    expect(() => parseExposition(`${head}y 1\n`)).toThrow();
    expect(() => parseExposition(`${head}x one\n`)).toThrow();
  });

  it('renders only valid lines, with every documented metric and correct values', () => {
    const { text } = fixture();
    const families = parseExposition(text);

    const documented = [...readFileSync(path.join(__dirname, 'METRICS.md'), 'utf8').matchAll(/`(kgw_[a-z_]+)`/g)].map((m) => m[1]!);
    expect(documented.length).toBeGreaterThanOrEqual(10);
    for (const name of new Set(documented)) expect(families.has(name), `${name} documented but not rendered`).toBe(true);
    for (const name of families.keys()) expect(documented, `${name} rendered but not documented`).toContain(name);

    const rss = families.get('kgw_process_resident_memory_bytes')!;
    expect(rss.type).toBe('gauge');
    expect(rss.samples.find((s) => s.labels.process === 'ingest')!.value).toBe(120e6);
    // The awkward process name survives escaping and parsing unchanged.
    expect(rss.samples.map((s) => s.labels.process)).toContain(WEIRD);

    expect(families.get('kgw_event_loop_delay_seconds')!.samples[0]!.value).toBeCloseTo(0.012, 12);
    const work = families.get('kgw_work_items_total')!;
    expect(work.type).toBe('counter');
    expect(work.samples).toContainEqual({ name: 'kgw_work_items_total', labels: { process: 'ingest', kind: 'entities' }, value: 1200 });
    expect(work.samples).toContainEqual({ name: 'kgw_work_items_total', labels: { process: 'ingest', kind: 'edges' }, value: 400 });

    const lat = families.get('kgw_query_latency_seconds')!;
    expect(lat.type).toBe('summary');
    expect(lat.samples).toContainEqual({ name: 'kgw_query_latency_seconds', labels: { process: 'vector', quantile: '0.5' }, value: 0.002 });
    expect(lat.samples).toContainEqual({ name: 'kgw_query_latency_seconds', labels: { process: 'vector', quantile: '0.99' }, value: 0.02 });
    expect(lat.samples).toContainEqual({ name: 'kgw_query_latency_seconds_count', labels: { process: 'vector' }, value: 10 });

    const jobs = families.get('kgw_jobs_total')!;
    expect(jobs.samples).toContainEqual({ name: 'kgw_jobs_total', labels: { method: 'import.start', state: 'finished' }, value: 2 });
    expect(jobs.samples).toContainEqual({ name: 'kgw_jobs_total', labels: { method: 'import.start', state: 'failed' }, value: 1 });
    expect(families.get('kgw_jobs_running')!.samples).toEqual([{ name: 'kgw_jobs_running', labels: { method: 'embed.index' }, value: 1 }]);
    expect(families.get('kgw_job_stage_seconds_total')!.samples).toContainEqual({ name: 'kgw_job_stage_seconds_total', labels: { method: 'import.start', stage: 'parse' }, value: 1 });
    expect(families.get('kgw_job_stage_items_total')!.samples).toEqual([
      { name: 'kgw_job_stage_items_total', labels: { method: 'import.start', stage: 'parse' }, value: 2000 },
    ]);
  });

  it('without totals, leaves out counters rather than inventing them; empty input is still valid', () => {
    const text = renderPrometheusText({ samples: [sample('host', 1, { counters: { queries: 3 }, latency: { p50: 1, p95: 1, p99: 1, count: 3 } })], jobs: [] });
    const families = parseExposition(text);
    expect(families.get('kgw_work_items_total')!.samples).toEqual([]);
    expect(families.get('kgw_work_items_last_sample')!.samples).toEqual([{ name: 'kgw_work_items_last_sample', labels: { process: 'host', kind: 'queries' }, value: 3 }]);
    expect(families.get('kgw_query_latency_seconds')!.samples.some((s) => s.name.endsWith('_count'))).toBe(false);
    expect(parseExposition(renderPrometheusText({ samples: [], jobs: [] })).size).toBeGreaterThan(0);
  });

  it('uses the newest sample per process', () => {
    expect(latestPerProcess([sample('a', 3), sample('a', 1), sample('b', 2)]).map((s) => [s.process, s.t])).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { fromColumns, toColumns, SampleColumnsSchema, profilingMethods } from './profiling';
import type { ProcessSample } from './metrics';

function samples(n: number): ProcessSample[] {
  const out: ProcessSample[] = [];
  for (let i = 0; i < n; i++) {
    const s: ProcessSample = {
      process: 'vector',
      pid: 4242,
      t: 1_760_000_000_000 + i * 1000,
      rss: 90e6 + i * 4096,
      heapUsed: 20e6 + i,
      external: 2e6,
      arrayBuffers: 1e6 + i * 8,
      cpu: (i * 7) % 150,
      eventLoopDelayMs: 0.5 + (i % 3),
      // A counter that only appears from sample 2 on, as a worker's first batch does.
      counters: i < 2 ? { queries: i } : { queries: i, vectors: i * 100 },
    };
    if (i % 2 === 0) s.heapTotal = 40e6;
    if (i % 3 === 0) s.latency = { p50: 1 + i / 10, p95: 3, p99: 7.5, count: i + 1 };
    out.push(s);
  }
  return out;
}

describe('profiling history columns', () => {
  it('round-trips samples exactly, gaps included', () => {
    const input = samples(50);
    const cols = toColumns('vector', input);
    expect(SampleColumnsSchema.parse(JSON.parse(JSON.stringify(cols)))).toEqual(cols);
    expect(fromColumns(cols)).toEqual(input);
  });

  it('an hour of samples is far smaller as columns than as objects', () => {
    const input = samples(3600);
    const asObjects = JSON.stringify(input).length;
    const asColumns = JSON.stringify(toColumns('vector', input)).length;
    // Measured: 0.37 of the bytes for the report fixture's ingest samples, about 0.4 here.
    expect(asColumns / asObjects).toBeLessThan(0.6);
  });

  it('an empty process gives empty columns', () => {
    const cols = toColumns('idle', []);
    expect(cols.t).toEqual([]);
    expect(fromColumns(cols)).toEqual([]);
  });

  it('validates the method parameters', () => {
    expect(profilingMethods['profiling.history'].params.parse({})).toEqual({ windowSec: 300 });
    expect(profilingMethods['profiling.history'].params.safeParse({ windowSec: 7200 }).success).toBe(false);
    expect(profilingMethods['profiling.report'].params.safeParse({ format: 'pdf' }).success).toBe(false);
  });
});

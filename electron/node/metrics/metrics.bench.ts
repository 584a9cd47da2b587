/**
 * Costs of the profiling building blocks (run: npx vitest bench --run electron/node/metrics).
 * What matters: record/add are on hot paths; sample() runs once a second in every process; a
 * report of one hour of six processes must build quickly and stay a reasonable file size.
 */
import { bench, describe } from 'vitest';
import type { ProcessSample } from '../../common/protocol/metrics';
import { LatencyWindow } from '../../common/metrics/latency-window';
import { CounterSet } from '../../common/metrics/counter-set';
import { SampleStore } from '../../common/metrics/sample-store';
import { ProcessSampler } from './process-sampler';
import { renderPrometheusText } from './prometheus';
import { toCSV, toHTML, toJSON } from './report';
import type { ProfilingReport } from '../../common/metrics/report-schema';

const window = new LatencyWindow();
const counters = new CounterSet();
const full = new LatencyWindow();
for (let i = 0; i < 10_000; i++) full.record(Math.random() * 100);
const sampler = new ProcessSampler({ process: 'bench', onSample: () => {} });

function hourOfSamples(): ProcessSample[] {
  const out: ProcessSample[] = [];
  const t0 = Date.now() - 3_600_000;
  for (let i = 0; i < 3600; i++) {
    for (const process of ['host', 'ingest', 'store', 'embed', 'vector', 'graph']) {
      out.push({
        process, pid: 1, t: t0 + i * 1000, rss: 1e8 + i * 1e4, heapUsed: 3e7, heapTotal: 5e7, external: 2e6, arrayBuffers: 1e6,
        cpu: (i * 7) % 100, eventLoopDelayMs: (i % 13) / 3, counters: { entities: 1000, edges: 3000 },
        ...(process === 'vector' ? { latency: { p50: 1, p95: 3, p99: 8, count: 40 } } : {}),
      });
    }
  }
  return out;
}
const hour = hourOfSamples();
const store = new SampleStore();
for (const s of hour) store.add(s);
const report: ProfilingReport = {
  createdAt: new Date().toISOString(),
  environment: { node: process.versions.node, v8: process.versions.v8, platform: process.platform, arch: process.arch, osRelease: '', cpus: { model: '', count: 2 }, totalmem: 0, nativeModules: {} },
  samples: hour,
  jobs: [],
};

describe('hot paths', () => {
  bench('LatencyWindow.record', () => window.record(12.5));
  bench('CounterSet.add', () => counters.add('entities', 10));
  bench('LatencyWindow.snapshot of 10 000 values', () => {
    full.snapshot();
  });
});

describe('once a second', () => {
  bench('ProcessSampler.sample()', () => {
    sampler.sample();
  });
  bench('renderPrometheusText, 6 processes with totals', () => {
    renderPrometheusText({ samples: store.latestAll(), jobs: [], totals: store.allTotals() });
  });
});

describe('reports of one hour x 6 processes (21 600 samples)', () => {
  bench('toJSON', () => {
    toJSON(report);
  }, { iterations: 5 });
  bench('toCSV', () => {
    toCSV(report);
  }, { iterations: 5 });
  bench('toHTML', () => {
    toHTML(report);
  }, { iterations: 5 });
});

// File sizes are printed once so they can be quoted next to the timings.
console.log(`report sizes for 21 600 samples: JSON ${(toJSON(report).length / 1e6).toFixed(1)} MB, CSV ${(toCSV(report).length / 1e6).toFixed(1)} MB, HTML ${(toHTML(report).length / 1e6).toFixed(1)} MB`);

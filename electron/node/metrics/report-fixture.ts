/** Test helper: a realistic report with awkward strings, built from a real sampler run. */
import type { ProcessSample } from '../../common/protocol/metrics';
import type { JobState } from '../../common/protocol/jobs';

/** Four processes over 20 s at 1 Hz, with counters and latencies, plus hostile text in names. */
export function fixtureSamples(start = 1_760_000_000_000): ProcessSample[] {
  const out: ProcessSample[] = [];
  const procs = ['host', 'ingest', 'vector', 'evil</script><b>"x",y'];
  for (let i = 0; i < 20; i++) {
    procs.forEach((process, p) => {
      const s: ProcessSample = {
        process,
        pid: 100 + p,
        t: start + i * 1000 + p * 7,
        rss: 80e6 + i * 1e6 * (p + 1),
        heapUsed: 20e6 + i * 1e5,
        heapTotal: 40e6,
        external: 3e6,
        arrayBuffers: 1e6 + i * 1e4,
        cpu: (i * 13 + p * 17) % 190,
        eventLoopDelayMs: 0.3 + ((i + p) % 5),
        counters: process === 'ingest' ? { entities: 1000 + i, edges: 2000 } : process === 'vector' ? { queries: 50 } : {},
      };
      if (process === 'vector') s.latency = { p50: 1.5, p95: 4 + i / 10, p99: 9, count: 50 };
      out.push(s);
    });
  }
  return out;
}

export const fixtureJobs: JobState[] = [
  {
    jobId: 'job-1',
    method: 'import.start',
    state: 'finished',
    startedAt: 1_760_000_001_000,
    finishedAt: 1_760_000_009_000,
    result: { stages: [{ name: 'parse', ms: 5000, items: 120_000 }, { name: 'write', ms: 2500, items: 120_000 }, { name: 'index', ms: 400 }] },
  },
  { jobId: 'job-2', method: 'import.start', state: 'failed', startedAt: 1_760_000_010_000, finishedAt: 1_760_000_010_100, error: { code: 'PARSE_ERROR', message: 'line 3: bad </script> quote' } },
];

import { z } from 'zod';

/** One 1 Hz sample of one process. */
export const ProcessSampleSchema = z.object({
  process: z.string(),
  pid: z.number().int().optional(),
  t: z.number(),
  rss: z.number(),
  heapUsed: z.number(),
  heapTotal: z.number().optional(),
  external: z.number(),
  arrayBuffers: z.number(),
  cpu: z.number(),
  eventLoopDelayMs: z.number(),
  /** Work done since the previous sample, by counter name (entities, edges, embeddings, vectors, queries). */
  counters: z.record(z.string(), z.number()).default({}),
  /** Latency percentiles of queries in the last window, ms. */
  latency: z.object({ p50: z.number(), p95: z.number(), p99: z.number(), count: z.number() }).optional(),
});
export type ProcessSample = z.infer<typeof ProcessSampleSchema>;

import { z } from 'zod';
import { method, ErrorShapeSchema, OkSchema, EmptySchema } from './define';

export const JobProgressSchema = z.object({
  jobId: z.string(),
  method: z.string(),
  /** What is being done now: 'parse', 'write', 'index', 'embed' ... */
  stage: z.string(),
  done: z.number(),
  total: z.number().optional(),
  /** Unit of done/total: bytes, nodes, texts. */
  unit: z.string(),
  rate: z.number().optional(),
  etaMs: z.number().optional(),
  message: z.string().optional(),
});
export type JobProgress = z.infer<typeof JobProgressSchema>;

export const JobStateSchema = z.object({
  jobId: z.string(),
  method: z.string(),
  state: z.enum(['running', 'finished', 'failed', 'cancelled']),
  startedAt: z.number(),
  finishedAt: z.number().optional(),
  progress: JobProgressSchema.optional(),
  result: z.unknown().optional(),
  error: ErrorShapeSchema.optional(),
});
export type JobState = z.infer<typeof JobStateSchema>;

export const jobMethods = {
  'job.cancel': method({ route: 'host', params: z.object({ jobId: z.string() }), result: OkSchema }),
  'job.list': method({ route: 'host', params: EmptySchema, result: z.array(JobStateSchema) }),
};

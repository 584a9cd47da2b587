/** Reading stage breakdowns out of job results (ImportResult and any result with the same `stages`). */
import { z } from 'zod';
import type { JobState } from '../../common/protocol/jobs';
import type { StageTiming } from '../../common/metrics/job-stages';

const StagesSchema = z.object({ stages: z.array(z.object({ name: z.string(), ms: z.number(), items: z.number().optional() })) });

/** The job's `result.stages` when its result carries them; [] otherwise. */
export function jobStages(job: Pick<JobState, 'result'>): StageTiming[] {
  const parsed = StagesSchema.safeParse(job.result);
  return parsed.success ? parsed.data.stages : [];
}

/** Wall time of an ended job, ms; undefined while it runs. */
export function jobDurationMs(job: Pick<JobState, 'startedAt' | 'finishedAt'>): number | undefined {
  return job.finishedAt === undefined ? undefined : Math.max(0, job.finishedAt - job.startedAt);
}

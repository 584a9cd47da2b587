/**
 * The profiling report: what `kgw report` and the app's export write as JSON, and what the HTML
 * report embeds. A schema (not only a type) so an exported report can be loaded back and checked.
 */
import { z } from 'zod';
import { ProcessSampleSchema } from '../protocol/metrics';
import { JobStateSchema } from '../protocol/jobs';

export const ProfilingEnvironmentSchema = z.object({
  appVersion: z.string().optional(),
  node: z.string(),
  electron: z.string().optional(),
  v8: z.string(),
  platform: z.string(),
  arch: z.string(),
  osRelease: z.string(),
  cpus: z.object({ model: z.string(), count: z.number().int() }),
  totalmem: z.number(),
  /** Installed versions of the native modules, null when not installed. */
  nativeModules: z.record(z.string(), z.string().nullable()),
  workspace: z.object({ path: z.string(), bytes: z.number(), files: z.number().int() }).optional(),
});
export type ProfilingEnvironment = z.infer<typeof ProfilingEnvironmentSchema>;

export const ProfilingReportSchema = z.object({
  /** ISO 8601 time the report was built. */
  createdAt: z.string(),
  environment: ProfilingEnvironmentSchema,
  samples: z.array(ProcessSampleSchema),
  jobs: z.array(JobStateSchema),
});
export type ProfilingReport = z.infer<typeof ProfilingReportSchema>;

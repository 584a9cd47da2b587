/**
 * How the protocol is declared. Every method names its params and result schemas and where it runs:
 * on the host itself, or in one of the workers (the host forwards such calls without looking inside).
 * Methods marked `job` return a job id at once and report progress and their result as events.
 */
import { z } from 'zod';

export const WORKER_KINDS = ['ingest', 'store', 'embed', 'vector', 'graph'] as const;
export type WorkerKind = (typeof WORKER_KINDS)[number];
export type Route = 'host' | WorkerKind;

export interface MethodDef<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  params: P;
  result: R;
  route: Route;
  /** Long-running: the call answers `{jobId}` and the result arrives in a `job.finished` event. */
  job?: boolean;
}

export function method<P extends z.ZodType, R extends z.ZodType>(def: MethodDef<P, R>): MethodDef<P, R> {
  return def;
}

export const ErrorShapeSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const PropValueSchema: z.ZodType<unknown> = z.unknown();
export const PropsSchema = z.record(z.string(), PropValueSchema);

export const GraphNodeSchema = z.object({
  rid: z.number().int(),
  id: z.string(),
  name: z.string(),
  type: z.string(),
  labels: z.array(z.string()),
  props: PropsSchema,
  text: z.string().optional(),
  degree: z.number().int().optional(),
  provenance: z.object({ importId: z.number().optional(), file: z.string().optional(), line: z.number().optional() }).optional(),
});

export const GraphEdgeSchema = z.object({
  rid: z.number().int(),
  id: z.string(),
  source: z.string(),
  target: z.string(),
  type: z.string(),
  props: PropsSchema,
  provenance: z.object({ importId: z.number().optional(), file: z.string().optional(), line: z.number().optional() }).optional(),
});

export const SubgraphSchema = z.object({
  nodes: z.array(GraphNodeSchema),
  edges: z.array(GraphEdgeSchema),
  truncated: z.object({ omitted: z.number(), reason: z.string() }).optional(),
});

export const JobRefSchema = z.object({ jobId: z.string() });
export const EmptySchema = z.object({}).strict();
export const OkSchema = z.object({ ok: z.literal(true) });

/**
 * The whole contract between renderer, hosts and workers. Transports (Electron IPC, WebSocket,
 * worker ports) are generated from the tables below; no channel string is written anywhere else.
 */
import { z } from 'zod';
import { ErrorShapeSchema, type MethodDef, type WorkerKind } from './define';
import { workspaceMethods, WorkspaceInfoSchema } from './workspace';
import { importMethods } from './import';
import { exploreMethods } from './explore';
import { jobMethods, JobProgressSchema } from './jobs';
import { similarityMethods } from './similarity';
import { modelMethods } from './models';
import { queryMethods } from './query';
import { profilingMethods } from './profiling';
import { neo4jMethods, Neo4jContextSchema } from './neo4j';
import { ProcessSampleSchema } from './metrics';

export * from './define';
export * from './workspace';
export * from './import';
export * from './explore';
export * from './jobs';
export * from './metrics';
export * from './neo4j';

export const methods = {
  ...workspaceMethods,
  ...importMethods,
  ...exploreMethods,
  ...jobMethods,
  ...similarityMethods,
  ...modelMethods,
  ...queryMethods,
  ...profilingMethods,
  ...neo4jMethods,
} satisfies Record<string, MethodDef>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type ParamsOf<M extends MethodName> = z.input<Methods[M]['params']>;
export type ResultOf<M extends MethodName> = Methods[M] extends { job: true } ? { jobId: string } : z.output<Methods[M]['result']>;
/** The result a job-method delivers in its `job.finished` event. */
export type JobResultOf<M extends MethodName> = z.output<Methods[M]['result']>;

export const events = {
  'job.progress': JobProgressSchema,
  'job.finished': z.object({ jobId: z.string(), method: z.string(), result: z.unknown() }),
  'job.failed': z.object({ jobId: z.string(), method: z.string(), error: ErrorShapeSchema }),
  'metrics.samples': z.array(ProcessSampleSchema),
  'workspace.changed': WorkspaceInfoSchema.nullable(),
  'worker.restarted': z.object({ kind: z.string(), reason: z.string() }),
};
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

export function methodsRoutedTo(kind: WorkerKind): MethodName[] {
  return (Object.keys(methods) as MethodName[]).filter((m) => methods[m].route === kind);
}

/* ---------------- Wire messages: renderer <-> host (WebSocket frames, Electron IPC payloads) ------------- */

export const RequestMessageSchema = z.object({ t: z.literal('req'), id: z.number().int(), method: z.string(), params: z.unknown() });
export const ResponseMessageSchema = z.union([
  z.object({ t: z.literal('res'), id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({ t: z.literal('res'), id: z.number().int(), ok: z.literal(false), error: ErrorShapeSchema }),
]);
export const EventMessageSchema = z.object({ t: z.literal('evt'), event: z.string(), payload: z.unknown() });
export type RequestMessage = z.infer<typeof RequestMessageSchema>;
export type ResponseMessage = z.infer<typeof ResponseMessageSchema>;
export type EventMessage = z.infer<typeof EventMessageSchema>;

/** Electron IPC channel names, derived from the tables (one invoke channel, one event channel). */
export const IPC = { invoke: 'kgw:invoke', event: 'kgw:event' } as const;

/* ---------------- Worker messages: host <-> worker ------------------------------------------------------ */

/** Per-call context the host adds: which workspace the call is about. Workers are otherwise stateless. */
export const WorkerContextSchema = z.object({
  workspace: z.string().nullable(),
  store: z.enum(['sqlite', 'neo4j']).default('sqlite'),
  /** Connection settings (with the password) when store is 'neo4j'; host-to-worker only. */
  neo4j: Neo4jContextSchema.optional(),
  /** Folder where uploads of the headless host were streamed to. */
  uploadDir: z.string().optional(),
  /** Shared cache folder (models). */
  cacheDir: z.string().optional(),
});
export type WorkerContext = z.infer<typeof WorkerContextSchema>;

export const ToWorkerSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id: z.string(), method: z.string(), params: z.unknown(), ctx: WorkerContextSchema }),
  z.object({ t: z.literal('cancel'), id: z.string() }),
  /** Asks a worker to drop cached handles of a workspace (it was closed or changed by another worker). */
  z.object({ t: z.literal('invalidate'), workspace: z.string() }),
]);
export type ToWorker = z.infer<typeof ToWorkerSchema>;

export const FromWorkerSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('ready'), kind: z.string(), pid: z.number() }),
  z.object({ t: z.literal('result'), id: z.string(), ok: z.literal(true), result: z.unknown() }),
  z.object({ t: z.literal('error'), id: z.string(), error: ErrorShapeSchema }),
  z.object({
    t: z.literal('progress'),
    id: z.string(),
    progress: JobProgressSchema.omit({ jobId: true, method: true }),
  }),
  z.object({ t: z.literal('heartbeat'), sample: ProcessSampleSchema }),
]);
export type FromWorker = z.infer<typeof FromWorkerSchema>;

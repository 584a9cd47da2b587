/**
 * The one typed API object the UI talks to. Method names, params and results come from the
 * protocol tables, so a typo or a wrong param is a compile error, not a runtime surprise.
 */
import { fromErrorShape, WorkbenchError, type WorkbenchErrorShape } from '../../../electron/common/errors';
import { methods } from '../../../electron/common/protocol';
import type {
  EventName,
  EventPayload,
  ImportFile,
  JobProgress,
  JobResultOf,
  MethodName,
  ParamsOf,
  ResultOf,
} from '../../../electron/common/protocol';
import type { ConnectionState, Transport, UploadProgress } from './transport';

/**
 * Methods declared `job: true` in the protocol. Listed by hand because `method()` widens `job` to
 * boolean, so the type system cannot pick them out; `runJob` checks the table at run time.
 */
export type JobMethodName = Extract<MethodName, 'import.start' | 'query.load' | 'query.ppr'>;

type JobEnd = { ok: true; result: unknown } | { ok: false; error: WorkbenchErrorShape };

export class WorkbenchClient {
  private readonly handlers = new Map<string, Set<(payload: never) => void>>();
  /** Ends of jobs whose id the caller does not know yet (the event raced the `{jobId}` answer). */
  private readonly earlyEnds = new Map<string, JobEnd>();
  private readonly jobWaiters = new Map<string, (end: JobEnd) => void>();
  private readonly progressListeners = new Map<string, (p: JobProgress) => void>();
  /** Latest progress of jobs nobody listens to yet, for the same race. */
  private readonly earlyProgress = new Map<string, JobProgress>();

  constructor(private readonly transport: Transport) {
    transport.onEvent((event, payload) => this.dispatch(event, payload));
  }

  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    return this.transport.request(method, params) as Promise<ResultOf<M>>;
  }

  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler as (payload: never) => void);
    return () => set.delete(handler as (payload: never) => void);
  }

  onConnection(handler: (state: ConnectionState) => void): () => void {
    return this.transport.onConnection(handler);
  }

  uploadFiles(files: File[], onProgress?: UploadProgress): Promise<ImportFile[]> {
    return this.transport.uploadFiles(files, onProgress);
  }

  /**
   * Starts a job method and resolves with the result of its `job.finished` event (rejects on
   * `job.failed`). `onStarted` hands out the job id as soon as it is known (to cancel it).
   */
  async runJob<M extends JobMethodName>(
    method: M,
    params: ParamsOf<M>,
    onProgress?: (p: JobProgress) => void,
    onStarted?: (jobId: string) => void,
  ): Promise<JobResultOf<M>> {
    if (!(methods[method] as { job?: boolean }).job) throw new WorkbenchError('BAD_REQUEST', `${method} is not a job method`);
    const { jobId } = (await this.call(method, params)) as unknown as { jobId: string };
    onStarted?.(jobId);
    const early = this.earlyProgress.get(jobId);
    this.earlyProgress.delete(jobId);
    if (onProgress) {
      this.progressListeners.set(jobId, onProgress);
      if (early) onProgress(early);
    }
    try {
      const end = await new Promise<JobEnd>((resolve) => {
        const early = this.earlyEnds.get(jobId);
        if (early) {
          this.earlyEnds.delete(jobId);
          resolve(early);
        } else {
          this.jobWaiters.set(jobId, resolve);
        }
      });
      if (!end.ok) throw fromErrorShape(end.error);
      return end.result as JobResultOf<M>;
    } finally {
      this.progressListeners.delete(jobId);
      this.jobWaiters.delete(jobId);
      this.earlyProgress.delete(jobId);
    }
  }

  close(): void {
    this.transport.close();
  }

  private dispatch(event: string, payload: unknown): void {
    if (event === 'job.progress') {
      const p = payload as JobProgress;
      const listener = this.progressListeners.get(p.jobId);
      if (listener) listener(p);
      else remember(this.earlyProgress, p.jobId, p);
    } else if (event === 'job.finished' || event === 'job.failed') {
      const p = payload as { jobId: string; result?: unknown; error?: WorkbenchErrorShape };
      const end: JobEnd = event === 'job.finished' ? { ok: true, result: p.result } : { ok: false, error: p.error ?? { code: 'INTERNAL', message: 'The job failed' } };
      const waiter = this.jobWaiters.get(p.jobId);
      if (waiter) waiter(end);
      else remember(this.earlyEnds, p.jobId, end);
    }
    const set = this.handlers.get(event);
    if (set) for (const handler of set) (handler as (payload: unknown) => void)(payload);
  }
}

/** Bounded: events of jobs started by other windows/clients would otherwise pile up. */
function remember<V>(map: Map<string, V>, jobId: string, value: V): void {
  map.delete(jobId);
  map.set(jobId, value);
  if (map.size > 64) map.delete(map.keys().next().value as string);
}

export { WorkbenchError };

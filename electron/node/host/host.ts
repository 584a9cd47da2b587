/**
 * The host: owns the open workspace, checks and routes every API call, supervises workers and
 * turns their progress and heartbeats into events. It never parses, scans or embeds itself.
 * Both the Electron main process and the headless Node server wrap one of these. Methods that
 * run on the host itself live in ./handlers, one file per area.
 */
import fs from 'node:fs';
import {
  methods, isMethodName, type EventName, type EventPayload, type MethodName, type ProcessSample,
  type WorkerContext, type WorkerKind, type WorkspaceInfo, type JobState,
} from '../../common/protocol';
import { WorkbenchError, toErrorShape } from '../../common/errors';
import { Supervisor } from './supervisor';
import type { WorkerLauncher } from './worker-launcher';
import { JobTable } from './jobs';
import { SettingsFile } from './settings';
import { isInside, resourcesDir, workersDir } from './app-paths';
import { ProcessSampler } from '../metrics/process-sampler';
import { SampleOutbox } from '../metrics/sample-outbox';
import { hostHandlers, jobFinishedHooks } from './handlers';
import { neo4jWorkerContext } from './handlers/neo4j-handlers';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface HostOptions {
  dataDir: string;
  launcher: WorkerLauncher;
  /** Desktop: paths come from the user's own dialogs and drops. Headless: only inside allowed roots. */
  trustClientPaths: boolean;
  /** Extra folders the user allowed (headless `--allow`). The data dir is always allowed. */
  allowedRoots?: string[];
  uploadDir?: string;
  processName?: string;
  /** Store of a workspace folder that has no store marker yet (headless `--store neo4j`). */
  defaultStore?: 'sqlite' | 'neo4j';
}

export class Host {
  readonly supervisor: Supervisor;
  readonly jobs = new JobTable();
  readonly settings: SettingsFile;
  readonly sampler: ProcessSampler;
  private readonly listeners = new Set<EventListener>();
  private readonly latestSamples = new Map<string, ProcessSample>();
  private readonly outbox = new SampleOutbox();
  private readonly sampleListeners = new Set<(s: ProcessSample) => void>();
  private current: WorkspaceInfo | null = null;

  constructor(readonly opts: HostOptions) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    this.settings = new SettingsFile(opts.dataDir);
    this.supervisor = new Supervisor(opts.launcher, workersDir(), {
      onSample: (s) => this.recordSample(s),
      onRestart: (kind, reason) => this.emit('worker.restarted', { kind, reason }),
    });
    this.sampler = new ProcessSampler({
      process: opts.processName ?? 'host',
      onSample: (s) => {
        this.recordSample({ ...s, pid: process.pid });
        this.emit('metrics.samples', this.outbox.take(this.latestSamples.values()));
      },
    });
    this.sampler.start();
  }

  get workspace(): WorkspaceInfo | null {
    return this.current;
  }

  /** `silent` while the info is still incomplete (counts not yet known). */
  setWorkspace(info: WorkspaceInfo | null, opts: { silent?: boolean } = {}): void {
    const previous = this.current;
    if (previous && previous.path !== info?.path) this.supervisor.invalidate(previous.path);
    this.current = info;
    if (!opts.silent) this.emit('workspace.changed', info);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) l(event, payload);
  }

  /** Every sample of every process as it arrives (the profiler keeps history from this). */
  onSample(listener: (s: ProcessSample) => void): () => void {
    this.sampleListeners.add(listener);
    return () => this.sampleListeners.delete(listener);
  }

  /** Samples of processes the host does not run itself (Electron's renderer and GPU processes). */
  reportSample(sample: ProcessSample): void {
    this.recordSample(sample);
  }

  samples(): ProcessSample[] {
    return [...this.latestSamples.values()];
  }

  jobList(): JobState[] {
    return this.jobs.list();
  }

  /** Checks and routes one call. Throws WorkbenchError values only. */
  async handle(method: string, rawParams: unknown): Promise<unknown> {
    if (!isMethodName(method)) throw new WorkbenchError('BAD_REQUEST', `Unknown method ${method}`);
    const def = methods[method];
    const parsed = def.params.safeParse(rawParams ?? {});
    if (!parsed.success) {
      throw new WorkbenchError('BAD_REQUEST', `Bad parameters for ${method}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'params'} ${i.message}`).join('; ')}`);
    }
    const params = parsed.data as Record<string, unknown>;
    const t = performance.now();
    try {
      if (def.route === 'host') {
        const handler = hostHandlers[method];
        if (!handler) throw new WorkbenchError('INTERNAL', `${method} has no host handler`);
        return await handler(params, this);
      }
      if (method === 'import.start' || method === 'import.preview') this.checkImportPaths(params);
      if ('job' in def && def.job) return this.startJob(method, def.route, params);
      return await this.callWorker(def.route, method, params);
    } finally {
      this.sampler.latency.record(performance.now() - t);
    }
  }

  /** Calls a worker directly (handlers use this; the renderer goes through `handle`). */
  callWorker(kind: WorkerKind, method: string, params: unknown): Promise<unknown> {
    return this.supervisor.call(kind, method, params, this.context()).promise;
  }

  /** Runs a job-method to completion (CLI-style callers and the sample loader). */
  async runJob(method: MethodName, params: unknown): Promise<unknown> {
    const { jobId } = (await this.handle(method, params)) as { jobId: string };
    return this.waitForJob(jobId);
  }

  waitForJob(jobId: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const job = this.jobs.get(jobId);
        if (!job) return reject(new WorkbenchError('NOT_FOUND', `No job ${jobId}`));
        if (job.state === 'finished') return resolve(job.result);
        if (job.state !== 'running') return reject(new WorkbenchError((job.error?.code ?? 'INTERNAL') as never, job.error?.message ?? 'failed', job.error?.details));
        setTimeout(check, 25);
      };
      check();
    });
  }

  stop(): void {
    this.sampler.stop();
    this.supervisor.stop();
  }

  context(): WorkerContext {
    return { workspace: this.current?.path ?? null, store: this.current?.store ?? 'sqlite', neo4j: neo4jWorkerContext(this), uploadDir: this.opts.uploadDir };
  }

  /** Headless clients may only name paths inside folders the user allowed. */
  checkPath(p: string, what: string): void {
    if (this.opts.trustClientPaths) return;
    const roots = [this.opts.dataDir, resourcesDir(), ...(this.opts.allowedRoots ?? [])];
    if (!roots.some((r) => isInside(r, p))) {
      throw new WorkbenchError('FORBIDDEN', `This ${what} is outside the folders the workbench may use. Start the server with --allow <folder> to permit it.`, { value: p });
    }
  }

  private recordSample(s: ProcessSample): void {
    this.latestSamples.set(s.process, s);
    this.outbox.add(s);
    for (const l of this.sampleListeners) l(s);
  }

  private startJob(method: string, kind: WorkerKind, params: unknown): { jobId: string } {
    const job = this.jobs.create(method, kind);
    const { id, promise } = this.supervisor.call(kind, method, params, this.context(), (p) => {
      const progress = { ...p, jobId: job.jobId, method };
      this.jobs.progress(job, progress);
      this.emit('job.progress', progress);
    });
    job.callId = id;
    promise.then(
      async (result) => {
        // The job counts as finished only after its follow-ups (refreshed counts, ...): a caller
        // waiting on it must see the workspace as the import left it.
        for (const hook of jobFinishedHooks) {
          try {
            await hook(method, result, this);
          } catch {
            // A follow-up (stats refresh, auto-embed) failing must not turn a finished job into a failed one.
          }
        }
        this.jobs.finish(job, result);
        this.emit('job.finished', { jobId: job.jobId, method, result });
      },
      (err) => {
        const error = toErrorShape(err);
        this.jobs.fail(job, error);
        this.emit('job.failed', { jobId: job.jobId, method, error });
      },
    );
    return { jobId: job.jobId };
  }

  private checkImportPaths(params: Record<string, unknown>): void {
    for (const f of (params.files as Array<{ path?: string }>) ?? []) {
      if (f.path) this.checkPath(f.path, 'file');
    }
  }
}

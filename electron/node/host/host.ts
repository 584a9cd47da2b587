/**
 * The host: owns the open workspace, checks and routes every API call, supervises workers and
 * turns their progress and heartbeats into events. It never parses, scans or embeds itself.
 * Both the Electron main process and the headless Node server wrap one of these.
 */
import fs from 'node:fs';
import path from 'node:path';
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
}

export class Host {
  readonly supervisor: Supervisor;
  private readonly jobs = new JobTable();
  private readonly settings: SettingsFile;
  private readonly listeners = new Set<EventListener>();
  private readonly latestSamples = new Map<string, ProcessSample>();
  private readonly sampler: ProcessSampler;
  private workspace: WorkspaceInfo | null = null;

  constructor(private readonly opts: HostOptions) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    this.settings = new SettingsFile(opts.dataDir);
    this.supervisor = new Supervisor(opts.launcher, workersDir(), {
      onSample: (s) => this.latestSamples.set(s.process, s),
      onRestart: (kind, reason) => this.emit('worker.restarted', { kind, reason }),
    });
    this.sampler = new ProcessSampler({
      process: opts.processName ?? 'host',
      onSample: (s) => {
        this.latestSamples.set(s.process, { ...s, pid: process.pid });
        this.emit('metrics.samples', [...this.latestSamples.values()]);
      },
    });
    this.sampler.start();
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) l(event, payload);
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
      if (def.route === 'host') return await this.handleOnHost(method, params);
      if (method === 'import.start') this.checkImportPaths(params);
      if ('job' in def && def.job) return this.startJob(method, def.route, params);
      const { promise } = this.supervisor.call(def.route, method, params, this.context());
      return await promise;
    } finally {
      this.sampler.latency.record(performance.now() - t);
    }
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

  private context(): WorkerContext {
    return { workspace: this.workspace?.path ?? null, store: this.workspace?.store ?? 'sqlite', uploadDir: this.opts.uploadDir };
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
        this.jobs.finish(job, result);
        if (method === 'import.start') await this.afterGraphChange();
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

  private async afterGraphChange(): Promise<void> {
    if (!this.workspace) return;
    this.supervisor.invalidate(this.workspace.path, ['graph', 'vector']);
    await this.refreshWorkspaceInfo();
    this.emit('workspace.changed', this.workspace);
  }

  private async refreshWorkspaceInfo(): Promise<void> {
    if (!this.workspace) return;
    const stats = (await this.supervisor.call('store', 'graph.stats', {}, this.context()).promise) as { nodes: number; edges: number };
    this.workspace = { ...this.workspace, nodes: stats.nodes, edges: stats.edges };
  }

  private async handleOnHost(method: string, params: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case 'workspace.open':
        return this.openWorkspace(params.path as string | undefined, params.name as string | undefined);
      case 'workspace.openSample':
        return this.openSample();
      case 'workspace.current':
        if (!this.workspace && this.settings.get().lastWorkspace && fs.existsSync(this.settings.get().lastWorkspace!)) {
          try {
            await this.openWorkspace(this.settings.get().lastWorkspace);
          } catch {
            this.settings.forgetLast();
          }
        }
        return this.workspace;
      case 'workspace.recent':
        return this.settings.get().recent.filter((r) => fs.existsSync(r.path));
      case 'workspace.close':
        if (this.workspace) this.supervisor.invalidate(this.workspace.path);
        this.workspace = null;
        this.settings.forgetLast();
        this.emit('workspace.changed', null);
        return { ok: true };
      case 'job.cancel': {
        const job = this.jobs.get(params.jobId as string);
        if (!job) throw new WorkbenchError('NOT_FOUND', 'No such job');
        if (job.state === 'running' && job.callId) this.supervisor.cancel(job.kind, job.callId);
        return { ok: true };
      }
      case 'job.list':
        return this.jobs.list();
      default:
        throw new WorkbenchError('BAD_REQUEST', `${method} is not handled by the host`);
    }
  }

  async openWorkspace(requested?: string, name?: string): Promise<WorkspaceInfo> {
    const dir = requested ? path.resolve(requested) : path.join(this.opts.dataDir, 'workspaces', `workspace-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    this.checkPath(dir, 'workspace folder');
    fs.mkdirSync(dir, { recursive: true });
    if (this.workspace && this.workspace.path !== dir) this.supervisor.invalidate(this.workspace.path);
    this.workspace = { path: dir, name: name ?? path.basename(dir), store: 'sqlite', nodes: 0, edges: 0 };
    await this.refreshWorkspaceInfo();
    this.settings.rememberWorkspace(dir, this.workspace.name);
    this.emit('workspace.changed', this.workspace);
    return this.workspace;
  }

  private async openSample(): Promise<WorkspaceInfo> {
    const dir = path.join(this.opts.dataDir, 'workspaces', 'sample');
    const info = await this.openWorkspace(dir, 'Sample: Dulce base (AutoSchemaKG shape)');
    if (info.nodes > 0) return info;
    const sampleDir = path.join(resourcesDir(), 'sample');
    const files = fs.readdirSync(sampleDir).filter((f) => /\.(csv|jsonl|graphml)$/.test(f)).map((f) => ({ path: path.join(sampleDir, f) }));
    await this.runJob('import.start', { files });
    return this.workspace!;
  }

  private checkImportPaths(params: Record<string, unknown>): void {
    for (const f of (params.files as Array<{ path?: string }>) ?? []) {
      if (f.path) this.checkPath(f.path, 'file');
    }
  }

  /** Headless clients may only name paths inside folders the user allowed. */
  private checkPath(p: string, what: string): void {
    if (this.opts.trustClientPaths) return;
    const roots = [this.opts.dataDir, resourcesDir(), ...(this.opts.allowedRoots ?? [])];
    if (!roots.some((r) => isInside(r, p))) {
      throw new WorkbenchError('FORBIDDEN', `This ${what} is outside the folders the workbench may use. Start the server with --allow <folder> to permit it.`, { value: p });
    }
  }
}

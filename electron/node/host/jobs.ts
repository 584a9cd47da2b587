/** The host's table of long-running calls: state, latest progress, result or error. */
import crypto from 'node:crypto';
import type { JobProgress, JobState, WorkerKind } from '../../common/protocol';
import type { WorkbenchErrorShape } from '../../common/errors';

export interface JobRecord extends JobState {
  kind: WorkerKind;
  callId?: string;
}

export class JobTable {
  private readonly jobs = new Map<string, JobRecord>();

  create(method: string, kind: WorkerKind): JobRecord {
    const job: JobRecord = { jobId: crypto.randomBytes(8).toString('hex'), method, kind, state: 'running', startedAt: Date.now() };
    this.jobs.set(job.jobId, job);
    this.trim();
    return job;
  }

  get(jobId: string): JobRecord | undefined {
    return this.jobs.get(jobId);
  }

  progress(job: JobRecord, p: JobProgress): void {
    job.progress = p;
  }

  finish(job: JobRecord, result: unknown): void {
    job.state = 'finished';
    job.finishedAt = Date.now();
    job.result = result;
  }

  fail(job: JobRecord, error: WorkbenchErrorShape): void {
    job.state = error.code === 'CANCELLED' ? 'cancelled' : 'failed';
    job.finishedAt = Date.now();
    job.error = error;
  }

  list(): JobState[] {
    return [...this.jobs.values()].map(({ kind: _k, callId: _c, ...state }) => state);
  }

  /** Finished jobs are kept for the profiler's report, up to a bound. */
  private trim(): void {
    if (this.jobs.size <= 500) return;
    for (const [id, job] of this.jobs) {
      if (job.state !== 'running') this.jobs.delete(id);
      if (this.jobs.size <= 400) break;
    }
  }
}

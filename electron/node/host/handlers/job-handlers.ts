import { WorkbenchError } from '../../../common/errors';
import type { HostHandler } from './types';

export const jobHandlers: Record<string, HostHandler> = {
  'job.cancel': (p: { jobId: string }, host) => {
    const job = host.jobs.get(p.jobId);
    if (!job) throw new WorkbenchError('NOT_FOUND', 'No such job');
    if (job.state === 'running' && job.callId) host.supervisor.cancel(job.kind, job.callId);
    return { ok: true };
  },
  'job.list': (_p, host) => host.jobs.list(),
};

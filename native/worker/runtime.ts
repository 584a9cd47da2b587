/**
 * What every worker shares: the message loop, schema checks, cancellation, progress, and the 1 Hz
 * heartbeat with this process's memory, CPU, event-loop delay and work counters.
 */
import { FromWorker, ToWorkerSchema, type WorkerContext, type JobProgress } from '../../electron/common/protocol';
import { toErrorShape, WorkbenchError } from '../../electron/common/errors';
import { ProcessSampler } from '../../electron/node/metrics/process-sampler';
import { connectToParent } from './port';

export interface CallContext {
  ctx: WorkerContext;
  signal: AbortSignal;
  progress(p: Omit<JobProgress, 'jobId' | 'method'>): void;
  /** Adds to a work counter reported in the next heartbeat (entities, edges, embeddings ...). */
  count(name: string, n: number): void;
  /** Records the latency of one query for the p50/p95/p99 of the next heartbeat. */
  latency(ms: number): void;
}

export type Handler = (params: unknown, call: CallContext) => Promise<unknown> | unknown;

export interface WorkerDefinition {
  kind: string;
  handlers: Record<string, Handler>;
  /** Drops cached handles of a workspace (closed, or changed by another worker). */
  invalidate?(workspace: string): void;
}

export function runWorker(def: WorkerDefinition): void {
  const port = connectToParent();
  const running = new Map<string, AbortController>();
  const sampler = new ProcessSampler({ process: def.kind, onSample: (sample) => port.post({ t: 'heartbeat', sample } satisfies FromWorker) });
  sampler.start();

  port.onMessage(async (raw) => {
    const parsed = ToWorkerSchema.safeParse(raw);
    if (!parsed.success) return; // Only the host talks to us; a malformed message is a bug, not a request.
    const msg = parsed.data;
    if (msg.t === 'cancel') {
      running.get(msg.id)?.abort();
      return;
    }
    if (msg.t === 'invalidate') {
      def.invalidate?.(msg.workspace);
      return;
    }
    const handler = def.handlers[msg.method];
    if (!handler) {
      port.post({ t: 'error', id: msg.id, error: toErrorShape(new WorkbenchError('BAD_REQUEST', `The ${def.kind} worker has no method ${msg.method}`)) } satisfies FromWorker);
      return;
    }
    const abort = new AbortController();
    running.set(msg.id, abort);
    let lastProgress = 0;
    const call: CallContext = {
      ctx: msg.ctx,
      signal: abort.signal,
      progress: (p) => {
        // At most ~10 progress messages a second: the UI needs no more and the host stays idle.
        const now = Date.now();
        if (now - lastProgress < 100 && p.total !== undefined && p.done < p.total) return;
        lastProgress = now;
        port.post({ t: 'progress', id: msg.id, progress: p } satisfies FromWorker);
      },
      count: (name, n) => sampler.counters.add(name, n),
      latency: (ms) => sampler.latency.record(ms),
    };
    try {
      const result = await handler(msg.params, call);
      port.post({ t: 'result', id: msg.id, ok: true, result } satisfies FromWorker);
    } catch (err) {
      port.post({ t: 'error', id: msg.id, error: toErrorShape(err) } satisfies FromWorker);
    } finally {
      running.delete(msg.id);
    }
  });
  port.post({ t: 'ready', kind: def.kind, pid: process.pid } satisfies FromWorker);
}

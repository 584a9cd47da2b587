/**
 * Starts workers on first use, routes calls to them, and restarts a worker that dies. Calls that
 * were running in a dead worker fail with WORKER_CRASHED: never silently lost.
 */
import path from 'node:path';
import { FromWorkerSchema, type FromWorker, type JobProgress, type ProcessSample, type WorkerContext, type WorkerKind } from '../../common/protocol';
import { WorkbenchError, fromErrorShape } from '../../common/errors';
import type { WorkerLauncher, WorkerProcess } from './worker-launcher';

interface PendingCall {
  resolve(v: unknown): void;
  reject(e: unknown): void;
  onProgress?: (p: Omit<JobProgress, 'jobId' | 'method'>) => void;
}

interface Slot {
  proc: WorkerProcess;
  pending: Map<string, PendingCall>;
  restarts: number;
}

export interface SupervisorEvents {
  onSample(sample: ProcessSample): void;
  onRestart(kind: WorkerKind, reason: string): void;
}

export class Supervisor {
  private readonly slots = new Map<WorkerKind, Slot>();
  private nextId = 1;
  private stopping = false;

  constructor(
    private readonly launcher: WorkerLauncher,
    private readonly workersDir: string,
    private readonly events: SupervisorEvents,
  ) {}

  call(kind: WorkerKind, method: string, params: unknown, ctx: WorkerContext, onProgress?: PendingCall['onProgress']): { id: string; promise: Promise<unknown> } {
    const slot = this.slot(kind);
    const id = `${kind}-${this.nextId++}`;
    const promise = new Promise<unknown>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject, onProgress });
    });
    slot.proc.send({ t: 'call', id, method, params, ctx });
    return { id, promise };
  }

  cancel(kind: WorkerKind, id: string): void {
    this.slots.get(kind)?.proc.send({ t: 'cancel', id });
  }

  /** Tells running workers that a workspace's files changed or closed. */
  invalidate(workspace: string, kinds?: WorkerKind[]): void {
    for (const [kind, slot] of this.slots) {
      if (!kinds || kinds.includes(kind)) slot.proc.send({ t: 'invalidate', workspace });
    }
  }

  running(): Array<{ kind: WorkerKind; pid: number | undefined }> {
    return [...this.slots.entries()].map(([kind, s]) => ({ kind, pid: s.proc.pid }));
  }

  /** Kills a worker as a crash would (used by tests of the restart path). */
  crash(kind: WorkerKind): void {
    this.slots.get(kind)?.proc.kill();
  }

  stop(): void {
    this.stopping = true;
    for (const slot of this.slots.values()) slot.proc.kill();
    this.slots.clear();
  }

  private slot(kind: WorkerKind): Slot {
    let slot = this.slots.get(kind);
    if (!slot) {
      slot = this.start(kind, 0);
      this.slots.set(kind, slot);
    }
    return slot;
  }

  private start(kind: WorkerKind, restarts: number): Slot {
    const proc = this.launcher.launch(kind, path.join(this.workersDir, `${kind}.js`));
    const slot: Slot = { proc, pending: new Map(), restarts };
    proc.onMessage((raw) => this.onMessage(slot, raw));
    proc.onExit((_code, reason) => this.onExit(kind, slot, reason));
    return slot;
  }

  private onMessage(slot: Slot, raw: unknown): void {
    const parsed = FromWorkerSchema.safeParse(raw);
    if (!parsed.success) return;
    const msg: FromWorker = parsed.data;
    switch (msg.t) {
      case 'heartbeat':
        this.events.onSample({ ...msg.sample, pid: slot.proc.pid });
        return;
      case 'progress':
        slot.pending.get(msg.id)?.onProgress?.(msg.progress);
        return;
      case 'result': {
        const p = slot.pending.get(msg.id);
        slot.pending.delete(msg.id);
        p?.resolve(msg.result);
        return;
      }
      case 'error': {
        const p = slot.pending.get(msg.id);
        slot.pending.delete(msg.id);
        p?.reject(fromErrorShape(msg.error as never));
        return;
      }
      case 'ready':
        return;
    }
  }

  private onExit(kind: WorkerKind, slot: Slot, reason: string): void {
    if (this.slots.get(kind) !== slot) return;
    this.slots.delete(kind);
    for (const p of slot.pending.values()) {
      p.reject(new WorkbenchError('WORKER_CRASHED', `The ${kind} worker stopped (${reason}); the job failed and nothing was written`, { worker: kind }));
    }
    if (this.stopping) return;
    this.events.onRestart(kind, reason);
    // Started again on the next call; a worker crashing in a loop is not restarted eagerly.
  }
}

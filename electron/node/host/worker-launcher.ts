/**
 * How a host starts a worker process. The supervisor is written against this interface; Node's
 * child_process.fork and Electron's utilityProcess.fork each implement it.
 */
export interface WorkerProcess {
  readonly pid: number | undefined;
  send(msg: unknown): void;
  onMessage(handler: (msg: unknown) => void): void;
  onExit(handler: (code: number | null, reason: string) => void): void;
  kill(): void;
}

export interface WorkerLauncher {
  /** `entry` is the absolute path of the bundled worker file (dist/workers/<kind>.js). */
  launch(kind: string, entry: string): WorkerProcess;
}

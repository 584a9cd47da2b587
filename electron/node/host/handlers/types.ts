import type { Host } from '../host';

/** A method that runs on the host itself; params are already schema-checked. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type HostHandler = (params: any, host: Host) => Promise<unknown> | unknown;

/** Runs after a job finished and before `job.finished` is emitted (stats refresh, auto-embed ...). */
export type JobFinishedHook = (method: string, result: unknown, host: Host) => Promise<void> | void;

/**
 * Every host-side method, by area. An area adds a file here exporting its handlers (and hooks)
 * and one line in each table below.
 */
import type { HostHandler, JobFinishedHook } from './types';
import { workspaceHandlers, refreshAfterImport } from './workspace-handlers';
import { jobHandlers } from './job-handlers';

export const hostHandlers: Record<string, HostHandler> = {
  ...workspaceHandlers,
  ...jobHandlers,
};

export const jobFinishedHooks: JobFinishedHook[] = [refreshAfterImport];

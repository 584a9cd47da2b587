/**
 * Every host-side method, by area. An area adds a file here exporting its handlers (and hooks)
 * and one line in each table below.
 */
import type { HostHandler, JobFinishedHook } from './types';
import { workspaceHandlers, refreshAfterImport } from './workspace-handlers';
import { jobHandlers } from './job-handlers';
import { profilingHandlers } from './profiling-handlers';
import { similarityHandlers, embedAfterImport } from './similarity-handlers';
import { queryHandlers } from './query-handlers';
import { neo4jHandlers } from './neo4j-handlers';

export const hostHandlers: Record<string, HostHandler> = {
  ...workspaceHandlers,
  ...jobHandlers,
  ...profilingHandlers,
  ...similarityHandlers,
  ...queryHandlers,
  ...neo4jHandlers,
};

export const jobFinishedHooks: JobFinishedHook[] = [refreshAfterImport, embedAfterImport];

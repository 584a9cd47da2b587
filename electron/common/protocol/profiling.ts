/** Profiling and report methods (issue "Profiling"). */
export const profilingMethods = {} satisfies Record<string, unknown>;

/**
 * V8 flags per worker kind, the same under both hosts (child_process.fork and Electron's
 * utilityProcess) and in the import benchmark, which runs the CLI with the ingest worker's flags.
 *
 * ingest: a 4 MB semi-space for the writing thread. Measured on GraphML 100K nodes / 500K edges
 * (loaded 2-core machine): peak RSS 336 MB -> 285 MB, CPU time unchanged (13.9 s both). The
 * parser thread sets its own heap limits (native/ingest/parse-thread.ts). The big semi-space
 * the CSV parser likes (--max-semi-space-size=64, ~1.8x parser speed) is not given to the whole
 * worker: it costs ~100 MB of RSS and the parser no longer runs on this thread.
 */
export const WORKER_EXEC_ARGV: Readonly<Record<string, readonly string[]>> = {
  ingest: ['--max-semi-space-size=4'],
};

export function execArgvFor(kind: string): string[] {
  return [...(WORKER_EXEC_ARGV[kind] ?? [])];
}

/**
 * Runs a PageRank power iteration so the graph worker stays responsive: between iterations it
 * yields to the event loop (every YIELD_MS of work), so a `cancel` from the host is seen and
 * progress goes out while a million-node PPR runs (~60 ms of CPU per iteration there). The CLI and
 * tests run the same iteration to the end synchronously.
 */
import { WorkbenchError } from '../../electron/common/errors';
import type { PageRankRun } from '../graph/pagerank';

export interface RunControl {
  signal?: AbortSignal;
  /** Called when the iteration yields: iterations run so far of at most `total`. */
  onProgress?(done: number, total: number): void;
  /** Work between two yields in ms (default YIELD_MS; 0 yields after every iteration). */
  yieldMs?: number;
}

/** Work between two yields: short enough for a prompt cancel, long enough to cost nothing. */
const YIELD_MS = 25;

export function iterateSync(run: PageRankRun): void {
  while (!run.done) run.step();
}

export async function iterateAsync(run: PageRankRun, ctl: RunControl): Promise<void> {
  checkCancelled(ctl.signal);
  const every = ctl.yieldMs ?? YIELD_MS;
  let since = performance.now();
  while (!run.done) {
    run.step();
    if (run.done || performance.now() - since < every) continue;
    ctl.onProgress?.(run.iterations, run.maxIterations);
    await new Promise<void>((resolve) => setImmediate(resolve));
    checkCancelled(ctl.signal);
    since = performance.now();
  }
  ctl.onProgress?.(run.iterations, run.iterations);
}

function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new WorkbenchError('CANCELLED', 'The PageRank query was cancelled');
}

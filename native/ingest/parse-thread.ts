/**
 * Parsing on a second core: a worker_thread runs the format parser and posts its batches while
 * the importing thread writes the previous ones into the store. On 2 cores the parser's CPU time
 * (about a third of a CSV import) then hides behind the writer's.
 *
 * Heap limits of the thread (measured, GraphML 100K nodes / 500K edges, CLI peak RSS): young
 * generation 192 MB (the 64 MB semi-space the CSV parser likes) or 48 MB: 380 MB; 16 MB: 383 MB;
 * 16 MB + old generation capped at 64 MB: 336 MB (the cap makes the thread collect instead of
 * growing). 96 MB leaves room for parsers that keep per-file state (JSONL entity set).
 * Inline parsing, for comparison: 272 MB with the same CPU time (13 s), so the thread buys wall
 * time on two free cores at ~1 s CPU for cloning batches.
 *
 * Memory stays bounded: the thread may be at most IN_FLIGHT batches ahead of the writer (credits
 * returned per batch consumed). Cancel or an error terminates the thread.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { fromErrorShape, toErrorShape, WorkbenchError, type WorkbenchErrorShape } from '../../electron/common/errors';
import type { ImportOptions } from '../../electron/common/protocol/import';
import type { ParseBatch } from './format';
import { formatHandlers } from './registry';

/** Batches (~8K records each) the parser may run ahead of the writer. */
const IN_FLIGHT = 2;
/** Below this size a thread's start-up (~50 ms to load the bundle) costs more than it saves. */
export const THREAD_MIN_BYTES = 4 * 2 ** 20;

interface ParseJob {
  format: string;
  path: string;
  displayName: string;
  size: number;
  options: ImportOptions;
}

type FromParser =
  | { t: 'batch'; batch: ParseBatch }
  | { t: 'done' }
  | { t: 'error'; error: WorkbenchErrorShape };

/** Parses one file in a worker thread started from `entry` (a bundle that calls runParseThreadIfAsked). */
export async function* parseInThread(entry: string, job: ParseJob): AsyncGenerator<ParseBatch> {
  const worker = new Worker(entry, {
    workerData: { kgwParse: job },
    resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 96 },
  });
  const queue: Array<FromParser | { t: 'exit'; code: number } | { t: 'crash'; error: Error }> = [];
  let wake: (() => void) | undefined;
  const push = (m: (typeof queue)[number]) => {
    queue.push(m);
    wake?.();
  };
  worker.on('message', (m: FromParser) => push(m));
  worker.on('error', (error) => push({ t: 'crash', error }));
  worker.on('exit', (code) => push({ t: 'exit', code }));
  try {
    for (;;) {
      while (!queue.length) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      const m = queue.shift()!;
      if (m.t === 'batch') {
        worker.postMessage(1);
        yield m.batch;
      } else if (m.t === 'done') {
        return;
      } else if (m.t === 'error') {
        throw fromErrorShape(m.error);
      } else if (m.t === 'crash') {
        throw new WorkbenchError('INTERNAL', `The parser of ${job.displayName} failed: ${m.error.message}`, { file: job.displayName });
      } else {
        throw new WorkbenchError('INTERNAL', `The parser of ${job.displayName} stopped unexpectedly (exit code ${m.code})`, { file: job.displayName });
      }
    }
  } finally {
    void worker.terminate();
  }
}

/** In a thread started by parseInThread: parse the file given and return true; elsewhere false. */
export function runParseThreadIfAsked(): boolean {
  const job = (workerData as { kgwParse?: ParseJob } | null)?.kgwParse;
  if (isMainThread || !parentPort || !job) return false;
  const port = parentPort;
  let credits = IN_FLIGHT;
  let waiting: (() => void) | undefined;
  port.on('message', () => {
    credits++;
    waiting?.();
  });
  void (async () => {
    try {
      const handler = formatHandlers.find((h) => h.format === job.format);
      if (!handler) throw new WorkbenchError('UNSUPPORTED_FORMAT', `Unknown format "${job.format}"`, { file: job.displayName });
      const signal = new AbortController().signal; // The importer cancels by terminating this thread.
      for await (const batch of handler.parse({ ...job, signal })) {
        while (credits <= 0) await new Promise<void>((resolve) => (waiting = resolve));
        waiting = undefined;
        credits--;
        port.postMessage({ t: 'batch', batch } satisfies FromParser);
      }
      port.postMessage({ t: 'done' } satisfies FromParser);
    } catch (err) {
      port.postMessage({ t: 'error', error: toErrorShape(err) } satisfies FromParser);
    }
    port.close();
  })();
  return true;
}

/**
 * Parsing on a second core: a worker_thread runs the format parser and posts its batches while
 * the importing thread writes the previous ones into the store. On 2 cores the parser's CPU time
 * (about a third of a CSV import) then hides behind the writer's.
 *
 * Heap limits of the thread, per format (measured, CLI peak RSS and CPU time of the whole import,
 * writer thread with --max-semi-space-size=4, loaded 2-core machine):
 *   CSV 1M nodes + 1M edges: young 16 MB: 271 MB, 48 s; young 48 MB: 288 MB, 42 s.
 *   GraphML 100K / 500K:     young 16 MB: 282 MB, 16 s; young 48 MB: 308 MB, 18 s.
 * The CSV tokenizer makes short-lived strings at a high rate and gains from a larger young
 * generation (its author measured ~1.8x with a 64 MB semi-space, which costs ~100 MB RSS); the
 * XML and JSON parsers do not. Without the 96 MB old-generation cap the thread grew its heap
 * instead of collecting (GraphML: 383 MB -> 336 MB with a 64 MB cap); 96 MB leaves room for
 * parsers that keep per-file state (the JSONL entity set).
 * Inline parsing, for comparison: GraphML 272 MB at the same CPU time, so the thread buys wall
 * time on two free cores for ~1 s CPU of batch cloning per 1M records.
 *
 * Memory stays bounded: the thread may be at most IN_FLIGHT batches ahead of the writer (credits
 * returned as batches are consumed). Cancel or an error terminates the thread.
 *
 * Flat batches are small (one 64 KiB chunk) and many, so their credits go back FLAT_CREDITS at a
 * time: each credit message wakes the parser thread, and on JSON 100 MB (1,637 batches, load 7)
 * the writing thread spent 212-239 ms of wall inside worker.postMessage returning them one by one
 * (the woken thread taking its core; ~1 us a call in an idle process), 118-137 ms with 8 a message.
 * 32 a message against 8 (CLI imports alternated, load 0.7-1.4): JSON 100 MB 12 pairs, import
 * wall median 2,439 -> 2,406 ms (lower in 9 of 12), CPU 3,356 -> 3,284 ms, parse wait ~300 ->
 * ~270 ms, RSS 161-166 MB both; GraphML 100K/500K lower in 3 of 4 pairs; CSV 1M + 1M within noise
 * (3 pairs, -0.9 to +0.9 s; one run's RSS 218 MB against 201-205).
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { fromErrorShape, toErrorShape, WorkbenchError, type WorkbenchErrorShape } from '../../electron/common/errors';
import type { ImportOptions } from '../../electron/common/protocol/import';
import type { ParseBatch } from './format';
import { formatHandlers } from './registry';
import { flattenBatch, parseBatches } from './flat-rows';

const CSV_FORMATS = new Set(['csv', 'neo4j-csv', 'autoschemakg-csv', 'triples', 'names']);

/** Batches (~2K records each) the parser may run ahead of the writer. */
const IN_FLIGHT = 2;
/** Flat batches consumed per credit message (the thread then may run IN_FLIGHT + FLAT_CREDITS - 1 ahead). */
const FLAT_CREDITS = 32;
/** Below this size a thread's start-up (~50 ms to load the bundle) costs more than it saves. */
export const THREAD_MIN_BYTES = 4 * 2 ** 20;

interface ParseJob {
  format: string;
  path: string;
  displayName: string;
  size: number;
  options: ImportOptions;
  /** Post batches as columns (flat-rows.ts) for a store writer that takes them. */
  flat?: boolean;
}

type FromParser =
  | { t: 'batch'; batch: ParseBatch }
  | { t: 'done' }
  | { t: 'error'; error: WorkbenchErrorShape };

/** Parses one file in a worker thread started from `entry` (a bundle that calls runParseThreadIfAsked). */
export async function* parseInThread(entry: string, job: ParseJob): AsyncGenerator<ParseBatch> {
  const worker = new Worker(entry, {
    workerData: { kgwParse: job },
    resourceLimits: { maxYoungGenerationSizeMb: CSV_FORMATS.has(job.format) ? 48 : 16, maxOldGenerationSizeMb: 96 },
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
  const grant = job.flat ? FLAT_CREDITS : 1;
  let consumed = 0;
  try {
    for (;;) {
      while (!queue.length) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      const m = queue.shift()!;
      if (m.t === 'batch') {
        if (++consumed === grant) {
          worker.postMessage(grant);
          consumed = 0;
        }
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
  let credits = IN_FLIGHT + (job.flat ? FLAT_CREDITS - 1 : 0);
  let waiting: (() => void) | undefined;
  port.on('message', (n: number) => {
    credits += n;
    waiting?.();
  });
  void (async () => {
    try {
      const handler = formatHandlers.find((h) => h.format === job.format);
      if (!handler) throw new WorkbenchError('UNSUPPORTED_FORMAT', `Unknown format "${job.format}"`, { file: job.displayName });
      const signal = new AbortController().signal; // The importer cancels by terminating this thread.
      // Handlers that write columns themselves skip the records and flattenBatch.
      const batches = parseBatches(handler, { ...job, signal }, job.flat === true);
      for await (const batch of batches) {
        while (credits <= 0) await new Promise<void>((resolve) => (waiting = resolve));
        waiting = undefined;
        credits--;
        if (job.flat) {
          const flat = batch.flat ?? flattenBatch(batch);
          const out: ParseBatch = { nodes: [], edges: [], warnings: batch.warnings, bytesRead: batch.bytesRead, flat };
          const transfer = [flat.nodes.line.buffer, flat.edges.line.buffer] as ArrayBuffer[];
          port.postMessage({ t: 'batch', batch: out } satisfies FromParser, transfer);
        } else {
          port.postMessage({ t: 'batch', batch } satisfies FromParser);
        }
      }
      port.postMessage({ t: 'done' } satisfies FromParser);
    } catch (err) {
      port.postMessage({ t: 'error', error: toErrorShape(err) } satisfies FromParser);
    }
    port.close();
  })();
  return true;
}

/**
 * One import from start to commit: detect each file's format, order node files before edge files,
 * stream every file's batches into the writer, then resolve, index and commit. Any error or a
 * cancel rolls the whole import back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../electron/common/errors';
import type { ImportOptions, ImportResult, ImportWarning } from '../../electron/common/protocol/import';
import type { ParseBatch, ParseWarning } from './format';
import type { GraphStore, ImportWriter } from '../store/graph-store';
import { detectFormat, orderByRole, readHead } from './registry';
import { parseInThread, THREAD_MIN_BYTES } from './parse-thread';
import { isFlatWriter, parseBatches } from './flat-rows';
import { StageTimes } from './stage-times';

export interface ImportSource {
  path: string;
  /** The name the user knows the file by (an upload keeps its original name). */
  name: string;
}

export interface ImportProgress {
  stage: string;
  done: number;
  total: number;
  unit: 'bytes';
  rate: number;
  etaMs?: number;
  file?: string;
}

export interface RunImportArgs {
  store: GraphStore;
  sources: ImportSource[];
  options?: ImportOptions;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** Counts work for the profiler: entities and edges written. */
  onCount?: (counter: 'entities' | 'edges', n: number) => void;
  /**
   * A bundled script that runs `runParseThreadIfAsked()` (the ingest worker's bundle): when set,
   * files of THREAD_MIN_BYTES or more are parsed in a worker thread while this thread writes.
   * Unset (unit tests run TypeScript sources), everything is parsed inline.
   */
  parseThreadEntry?: string;
  /** Smallest file parsed in a thread (default THREAD_MIN_BYTES; tests lower it). */
  parseThreadMinBytes?: number;
}

class WarningLog {
  private readonly byCode = new Map<string, ImportWarning>();
  add(w: ParseWarning, count = 1): void {
    const prev = this.byCode.get(w.code);
    if (prev) prev.count += count;
    else this.byCode.set(w.code, { code: w.code, message: w.message, count, example: { file: w.file, line: w.line, value: w.value } });
  }
  list(): ImportWarning[] {
    return [...this.byCode.values()];
  }
}

function checkCancelled(signal?: AbortSignal): void {
  if (signal?.aborted) throw new WorkbenchError('CANCELLED', 'Import cancelled; the workspace is unchanged');
}

export async function runImport(args: RunImportArgs): Promise<ImportResult> {
  const { store, sources, signal } = args;
  const options: ImportOptions = { missingEndpoints: 'skip', ...args.options };
  // The import's time counts from here: detecting the formats is part of what the user waits for
  // (stage 'detect'), not only parsing and writing.
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const stageTimes = new StageTimes();
  const planned = sources.map((s) => {
    let size: number;
    try {
      size = fs.statSync(s.path).size;
    } catch {
      throw new WorkbenchError('IO_ERROR', `Cannot read ${s.name}: the file does not exist or is not readable`, { file: s.name });
    }
    const head = readHead(s.path);
    const detected = detectFormat(head, s.name, options.formats?.[s.name]);
    // The user's nodes/edges choice in the mapping step decides the file's place in the order.
    const kind = options.columns?.[s.name]?.kind;
    if (detected.handler.format === 'csv' && (kind === 'nodes' || kind === 'edges')) detected.role = kind;
    return { ...s, size, ...detected };
  });
  const ordered = orderByRole(planned);
  const totalBytes = ordered.reduce((a, f) => a + f.size, 0);
  const warnings = new WarningLog();

  stageTimes.add('detect', performance.now() - started);
  const writer: ImportWriter = await store.beginImport({ files: ordered.map((f) => f.name) });
  // A store that takes columns gets them from parser threads (flattened on the parser's core).
  const flatWriter = isFlatWriter(writer) ? writer : undefined;
  const fileResults: ImportResult['files'] = [];
  let bytesDone = 0;
  let openParser: AsyncIterator<ParseBatch> | undefined;
  try {
    for (const file of ordered) {
      checkCancelled(signal);
      let nodes = 0;
      let edges = 0;
      const threaded = args.parseThreadEntry !== undefined && file.size >= (args.parseThreadMinBytes ?? THREAD_MIN_BYTES);
      const it = threaded
        ? parseInThread(args.parseThreadEntry!, { format: file.handler.format, path: file.path, displayName: file.name, size: file.size, options, flat: flatWriter !== undefined })
        // Small files parse on this thread, into columns as in the parser thread (CSV 10K + 10K, cold
        // code, 8 runs alternated, load ~6: import CPU 363 -> 325 ms median, writing 127 -> 102 ms).
        : parseBatches(file.handler, { path: file.path, displayName: file.name, size: file.size, options, signal: signal ?? new AbortController().signal }, flatWriter !== undefined)[Symbol.asyncIterator]();
      openParser = it;
      for (;;) {
        // CPU since the last stage end counts to parse (progress reporting is small).
        let t = performance.now();
        const next = await it.next();
        stageTimes.add('parse', performance.now() - t, undefined, true);
        if (next.done) break;
        const batch = next.value;
        checkCancelled(signal);
        t = performance.now();
        if (batch.flat) flatWriter!.writeFlat(batch.flat, file.name);
        else await writer.write(batch, file.name);
        const batchNodes = batch.flat ? batch.flat.nodes.id.length : batch.nodes.length;
        const batchEdges = batch.flat ? batch.flat.edges.source.length : batch.edges.length;
        stageTimes.add('write', performance.now() - t, batchNodes + batchEdges, true);
        nodes += batchNodes;
        edges += batchEdges;
        args.onCount?.('entities', batchNodes);
        args.onCount?.('edges', batchEdges);
        for (const w of batch.warnings ?? []) warnings.add({ ...w, file: w.file ?? file.name }, w.count ?? 1);
        const done = bytesDone + batch.bytesRead;
        const elapsed = performance.now() - started;
        const rate = elapsed > 0 ? (done / elapsed) * 1000 : 0;
        args.onProgress?.({ stage: 'parse', done, total: totalBytes, unit: 'bytes', rate, etaMs: rate > 0 ? ((totalBytes - done) / rate) * 1000 : undefined, file: file.name });
      }
      openParser = undefined;
      bytesDone += file.size;
      fileResults.push({ name: file.name, format: file.handler.format, nodes, edges });
    }
    checkCancelled(signal);
    let stageStart = performance.now();
    stageTimes.restart();
    let current = 'resolve';
    const counts = await writer.commit({
      missingEndpoints: options.missingEndpoints ?? 'skip',
      onStage: (s) => {
        const now = performance.now();
        if (s !== current) stageTimes.add(current, now - stageStart);
        current = s;
        stageStart = now;
        args.onProgress?.({ stage: s, done: totalBytes, total: totalBytes, unit: 'bytes', rate: 0 });
      },
    });
    stageTimes.add(current, performance.now() - stageStart);
    if (counts.edgesSkipped > 0) {
      const ex = counts.missingExamples[0];
      warnings.add({ code: 'MISSING_ENDPOINT', message: 'Edges whose source or target node does not exist were skipped', file: ex?.file, line: ex?.line, value: ex?.value }, counts.edgesSkipped);
    }
    if (counts.placeholders > 0) {
      const ex = counts.missingExamples[0];
      warnings.add({ code: 'PLACEHOLDER_NODE', message: 'Placeholder nodes were created for edge endpoints that did not exist', file: ex?.file, line: ex?.line, value: ex?.value }, counts.placeholders);
    }
    if (counts.nodesMerged > 0) {
      warnings.add({ code: 'DUPLICATE_NODE', message: 'Node records with an id already seen were merged into one node' }, counts.nodesMerged);
    }
    return {
      importId: writer.importId,
      files: fileResults,
      nodesAdded: counts.nodesAdded,
      edgesAdded: counts.edgesAdded,
      nodesMerged: counts.nodesMerged,
      warnings: warnings.list(),
      ms: Math.round(performance.now() - started),
      cpuMs: Math.round(((u) => u.user + u.system)(process.cpuUsage(cpuStart)) / 1000),
      stages: stageTimes.list(),
    };
  } catch (err) {
    // Stops a parser thread still running (cancel, a bad file, a store error).
    await openParser?.return?.(undefined).catch(() => undefined);
    await writer.rollback();
    throw err;
  }
}

export function sourceFromPath(p: string): ImportSource {
  return { path: path.resolve(p), name: path.basename(p) };
}

/**
 * Streaming reader for graph JSON files (node-link and Cytoscape): scanner -> mapper -> batches of
 * records, or of columns (flat-rows.ts) for a store writer that takes them.
 */
import { WorkbenchError } from '../../../electron/common/errors';
import type { ParseBatch, ParserInput } from '../format';
import { BatchCollector, checkTextFile, readUtf8Chunks, throwIfCancelled } from '../xml/text-source';
import { GraphJsonMapper } from './graph-json-mapper';
import { JsonRecordScanner } from './json-record-scanner';

const WHAT = 'graph JSON ({"nodes": [...], "links"|"edges": [...]} or Cytoscape {"elements": ...})';

/**
 * Flat batches (parseGraphJsonFlat, for the SQLite writer): full after the 64 KiB chunk that brings
 * one to 128 records, i.e. one chunk a batch, as GraphML's: the parser thread's scavenges copy
 * the batch being built.
 */
const FLAT_BATCH_RECORDS = 128;

export function parseGraphJson(input: ParserInput): AsyncGenerator<ParseBatch> {
  return parseGraphJsonFile(input, false);
}

/** Columns written while parsing (no record or props object per node/edge); same rows as flattenBatch of parseGraphJson's. */
export function parseGraphJsonFlat(input: ParserInput): AsyncGenerator<ParseBatch> {
  return parseGraphJsonFile(input, true);
}

async function* parseGraphJsonFile(input: ParserInput, flat: boolean): AsyncGenerator<ParseBatch> {
  await checkTextFile(input, WHAT);
  const batch = flat ? new BatchCollector(input.displayName, true, FLAT_BATCH_RECORDS) : new BatchCollector(input.displayName);
  const mapper = new GraphJsonMapper(batch);
  const scanner = new JsonRecordScanner(input.displayName, {
    record: (section, value, line) => mapper.record(section, value, line),
    scalar: (key, value) => {
      if (key === 'directed' && typeof value === 'boolean') mapper.directed = value;
    },
  });
  let bytesRead = 0;
  // The flat path runs in the parser thread (parse-thread.ts): it reads synchronously.
  for await (const chunk of readUtf8Chunks(input, true, flat)) {
    bytesRead += chunk.length;
    scanner.write(chunk);
    if (batch.full) {
      yield batch.take(bytesRead);
      throwIfCancelled(input);
    }
  }
  scanner.end();
  if (!scanner.sawRecordArray) {
    throw new WorkbenchError('UNSUPPORTED_FORMAT', 'This JSON has no "nodes", "links"/"edges" or "elements" array, so it holds no graph', {
      file: input.displayName, expected: WHAT,
    });
  }
  yield batch.takeFinal(bytesRead);
}

/**
 * Streaming reader for graph JSON files (node-link and Cytoscape): scanner -> mapper -> batches.
 */
import { WorkbenchError } from '../../../electron/common/errors';
import type { ParseBatch, ParserInput } from '../format';
import { BatchCollector, checkTextFile, readUtf8Chunks, throwIfCancelled } from '../xml/text-source';
import { GraphJsonMapper } from './graph-json-mapper';
import { JsonRecordScanner } from './json-record-scanner';

const WHAT = 'graph JSON ({"nodes": [...], "links"|"edges": [...]} or Cytoscape {"elements": ...})';

export async function* parseGraphJson(input: ParserInput): AsyncGenerator<ParseBatch> {
  await checkTextFile(input, WHAT);
  const batch = new BatchCollector(input.displayName);
  const mapper = new GraphJsonMapper(batch);
  const scanner = new JsonRecordScanner(input.displayName, {
    record: (section, value, line) => mapper.record(section, value, line),
    scalar: (key, value) => {
      if (key === 'directed' && typeof value === 'boolean') mapper.directed = value;
    },
  });
  let bytesRead = 0;
  for await (const chunk of readUtf8Chunks(input)) {
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

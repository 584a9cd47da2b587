/**
 * Streaming JSON Lines reader: AutoSchemaKG extraction output, or one node/edge object per line
 * (node-link or Cytoscape element style). Lines are split on LF across chunks; each is parsed
 * alone, so memory is bounded by the longest line.
 */
import { WorkbenchError } from '../../../electron/common/errors';
import type { ParseBatch, ParserInput } from '../format';
import { BatchCollector, checkTextFile, readUtf8Chunks, throwIfCancelled } from '../xml/text-source';
import { AutoSchemaKgExtractionMapper, isAutoSchemaKgLine } from './autoschemakg-extraction';
import { GraphJsonMapper } from './graph-json-mapper';

const WHAT = 'JSON Lines (one JSON object per line)';

export async function* parseJsonl(input: ParserInput): AsyncGenerator<ParseBatch> {
  await checkTextFile(input, WHAT);
  const batch = new BatchCollector(input.displayName);
  const autoschema = new AutoSchemaKgExtractionMapper(batch);
  const generic = new GraphJsonMapper(batch);
  let lineNo = 0;
  let records = 0;

  const handleLine = (raw: string): void => {
    lineNo++;
    let s = raw;
    if (lineNo === 1 && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    if (s.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(s);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const pos = /position (\d+)/.exec(message);
      throw new WorkbenchError('PARSE_ERROR', `Malformed JSON on this line: ${message.replace(/ in JSON at position \d+.*$/, '')}`, {
        file: input.displayName, line: lineNo, column: pos ? Number(pos[1]) + 1 : undefined, expected: 'one JSON object per line',
      });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      batch.warn('NOT_AN_OBJECT', 'A line is not a JSON object and was skipped', lineNo, s.slice(0, 80));
      return;
    }
    records++;
    const obj = value as Record<string, unknown>;
    if (isAutoSchemaKgLine(obj)) autoschema.map(obj, lineNo);
    else generic.record('elements', obj, lineNo);
  };

  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let bytesRead = 0;
  for await (const chunk of readUtf8Chunks(input)) {
    bytesRead += chunk.length;
    const text = pending + decoder.decode(chunk, { stream: true });
    let start = 0;
    // Search only the new text: a long line spread over many chunks is not rescanned.
    let lf = text.indexOf('\n', pending.length);
    while (lf !== -1) {
      handleLine(text.slice(start, lf));
      start = lf + 1;
      lf = text.indexOf('\n', start);
    }
    pending = text.slice(start);
    if (batch.full) {
      yield batch.take(bytesRead);
      throwIfCancelled(input);
    }
  }
  pending += decoder.decode();
  if (pending !== '') handleLine(pending);
  if (records === 0) {
    throw new WorkbenchError('EMPTY_FILE', 'The file holds no JSON objects', { file: input.displayName, expected: WHAT });
  }
  yield batch.takeFinal(bytesRead);
}

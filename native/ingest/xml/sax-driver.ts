/**
 * Drives `saxes` over a file read in chunks and turns its events into calls on a format's handler
 * with prefix-free element names, so GraphML and GEXF share decoding, error mapping and batching.
 * saxes is synchronous: each chunk fires its events, then we yield a batch if one is full, which
 * keeps memory bounded by one chunk plus one batch whatever the file size.
 *
 * Why saxes: tokenizing the generated 99 MB GraphML (generate-graphml.ts) with empty handlers took
 * 86 MB/s of CPU time with saxes 6, 60 MB/s with htmlparser2 10 (xmlMode, and it does not report
 * unclosed tags) and 30 MB/s with sax 1. The whole GraphML parse to records runs at about 44 MB/s
 * of CPU time (bench-graph-formats.ts); the rest is building records and garbage collection.
 * For the SQLite store GraphML skips the records (`flatLimit`: columns written by the handler into
 * `batch.flat`, one 64 KiB chunk a batch; graphml-parser.ts parseGraphmlFlat).
 */
import { SaxesParser } from 'saxes';
import { WorkbenchError } from '../../../electron/common/errors';
import type { ParseBatch, ParserInput } from '../format';
import { BatchCollector, checkTextFile, readUtf8Chunks, throwIfCancelled } from './text-source';

export interface XmlHandler {
  /** `name` is the local name (`y:NodeLabel` -> `NodeLabel`); `line` is 1-based. */
  open(name: string, attributes: Record<string, string>, line: number): void;
  close(name: string): void;
  text(text: string): void;
  /** After the last chunk parsed cleanly: check structure, flush state, final warnings. */
  finish(): void;
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon === -1 ? qname : qname.slice(colon + 1);
}

/** Single-byte encodings TextDecoder reads; anything else non-UTF-8 is refused up front. */
const SINGLE_BYTE = new Set(['iso-8859-1', 'latin1', 'latin-1', 'windows-1252', 'cp1252', 'us-ascii', 'ascii', 'iso-8859-15']);

async function declaredEncoding(input: ParserInput): Promise<string> {
  const fd = await import('node:fs').then((fs) => fs.promises.open(input.path, 'r'));
  try {
    const buf = Buffer.alloc(256);
    const { bytesRead } = await fd.read(buf, 0, 256, 0);
    const m = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/.exec(buf.subarray(0, bytesRead).toString('latin1'));
    return (m?.[1] ?? 'utf-8').toLowerCase();
  } finally {
    await fd.close();
  }
}

/** Turns saxes' "line:column: message" error into a PARSE_ERROR naming what was expected. */
function toParseError(err: unknown, input: ParserInput, what: string): WorkbenchError {
  if (err instanceof WorkbenchError) return err;
  const text = err instanceof Error ? err.message : String(err);
  const m = /^(\d+):(\d+): ([\s\S]*)$/.exec(text);
  const message = m ? m[3] : text;
  return new WorkbenchError('PARSE_ERROR', `Malformed XML: ${message}`, {
    file: input.displayName,
    line: m ? Number(m[1]) : undefined,
    column: m ? Number(m[2]) + 1 : undefined,
    expected: `well-formed ${what}`,
  });
}

export async function* parseXmlFile(
  input: ParserInput,
  what: string,
  makeHandler: (batch: BatchCollector, line: () => number) => XmlHandler,
  /** Flat batches (handler writes `batch.flat`), full at this many records; undefined: records. */
  flatLimit?: number,
): AsyncGenerator<ParseBatch> {
  await checkTextFile(input, what);
  const encoding = await declaredEncoding(input);
  const isUtf8 = encoding === 'utf-8' || encoding === 'utf8';
  if (!isUtf8 && !SINGLE_BYTE.has(encoding)) {
    throw new WorkbenchError('ENCODING', `The XML declares encoding "${encoding}"; save it as UTF-8 and import it again`, {
      file: input.displayName, line: 1, expected: 'UTF-8 text',
    });
  }
  const decoder = new TextDecoder(isUtf8 ? 'utf-8' : encoding);
  const parser = new SaxesParser({ position: true });
  const batch = new BatchCollector(input.displayName, flatLimit !== undefined, flatLimit);
  const handler = makeHandler(batch, () => parser.line);
  parser.on('opentag', (tag) => handler.open(localName(tag.name), tag.attributes as Record<string, string>, parser.line));
  parser.on('closetag', (tag) => handler.close(localName(tag.name)));
  parser.on('text', (t) => handler.text(t));
  parser.on('cdata', (t) => handler.text(t));

  let bytesRead = 0;
  try {
    for await (const chunk of readUtf8Chunks(input, isUtf8)) {
      bytesRead += chunk.length;
      parser.write(decoder.decode(chunk, { stream: true }));
      if (batch.full) {
        yield batch.take(bytesRead);
        throwIfCancelled(input);
      }
    }
    parser.write(decoder.decode());
    parser.close();
    handler.finish();
  } catch (err) {
    throw toParseError(err, input, what);
  }
  yield batch.takeFinal(bytesRead);
}

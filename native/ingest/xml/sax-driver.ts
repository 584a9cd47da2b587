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
 * `batch.flat`, one 64 KiB chunk a batch; graphml-parser.ts parseGraphmlFlat), and reads the file
 * with our own scanner (xml-scanner.ts, `scan`), falling back to saxes for anything it does not
 * read: saxes stays the reference (the record path, every error message).
 */
import { SaxesParser } from 'saxes';
import { WorkbenchError } from '../../../electron/common/errors';
import type { ParseBatch, ParserInput } from '../format';
import { BatchCollector, checkTextFile, readUtf8Chunks, throwIfCancelled } from './text-source';
import { ChunkDecoder } from './chunk-decoder';
import { XmlScanner } from './xml-scanner';

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

/** Where decoded text goes: saxes, or the scanner (xml-scanner.ts). */
export interface TextSink {
  write(text: string): void;
  close(): void;
}

/** saxes feeding `handler` with local names and start-tag lines (the reference the scanner is held to). */
export function saxesSink(handler: XmlHandler): TextSink {
  const parser = new SaxesParser({ position: true });
  parser.on('opentag', (tag) => handler.open(localName(tag.name), tag.attributes as Record<string, string>, parser.line));
  parser.on('closetag', (tag) => handler.close(localName(tag.name)));
  parser.on('text', (t) => handler.text(t));
  parser.on('cdata', (t) => handler.text(t));
  return {
    write: (text) => parser.write(text),
    close: () => parser.close(),
  };
}

interface XmlJob {
  input: ParserInput;
  what: string;
  makeHandler: (batch: BatchCollector) => XmlHandler;
  flatLimit?: number;
  isUtf8: boolean;
  encoding: string;
}

/** One pass over the file: chunks decoded into `sink`, a batch yielded whenever one is full. */
async function* parsePass(job: XmlJob, makeSink: (handler: XmlHandler) => TextSink, sync = false): AsyncGenerator<ParseBatch> {
  const { input, isUtf8 } = job;
  const decoder = new ChunkDecoder(isUtf8 ? 'utf-8' : job.encoding);
  const batch = new BatchCollector(input.displayName, job.flatLimit !== undefined, job.flatLimit);
  const handler = job.makeHandler(batch);
  const sink = makeSink(handler);
  let bytesRead = 0;
  try {
    for await (const chunk of readUtf8Chunks(input, isUtf8, sync)) {
      bytesRead += chunk.length;
      sink.write(decoder.decode(chunk));
      if (batch.full) {
        yield batch.take(bytesRead);
        throwIfCancelled(input);
      }
    }
    sink.write(decoder.end());
    sink.close();
    handler.finish();
  } catch (err) {
    throw toParseError(err, input, job.what);
  }
  yield batch.takeFinal(bytesRead);
}

/** `batch` without its first rows (already yielded by the scanner's pass); returns the rows dropped. */
function dropLeadingRows(batch: ParseBatch, nodes: number, edges: number): [number, number] {
  const flat = batch.flat!;
  const dn = Math.min(nodes, flat.nodes.id.length);
  const de = Math.min(edges, flat.edges.source.length);
  if (dn > 0) {
    const n = flat.nodes;
    flat.nodes = {
      id: n.id.slice(dn), name: n.name.slice(dn), type: n.type.slice(dn), labels: n.labels.slice(dn),
      props: n.props.slice(dn), text: n.text.slice(dn), line: n.line.slice(dn),
    };
    const vectors = n.vectors?.filter((v) => v.index >= dn).map((v) => ({ index: v.index - dn, vector: v.vector }));
    if (vectors?.length) flat.nodes.vectors = vectors;
  }
  if (de > 0) {
    const e = flat.edges;
    flat.edges = {
      source: e.source.slice(de), target: e.target.slice(de), type: e.type.slice(de),
      eid: e.eid.slice(de), props: e.props.slice(de), line: e.line.slice(de),
    };
  }
  return [dn, de];
}

/**
 * `scan` (flat batches only): read with xml-scanner.ts, and when it meets anything it does not
 * read (or any error but a cancel), read the file again with saxes, dropping the rows already
 * yielded: results and errors are then exactly saxes'. Both passes run the same handler.
 */
export async function* parseXmlFile(
  input: ParserInput,
  what: string,
  makeHandler: (batch: BatchCollector) => XmlHandler,
  /** Flat batches (handler writes `batch.flat`), full at this many records; undefined: records. */
  flatLimit?: number,
  scan = false,
): AsyncGenerator<ParseBatch> {
  await checkTextFile(input, what);
  const encoding = await declaredEncoding(input);
  const isUtf8 = encoding === 'utf-8' || encoding === 'utf8';
  if (!isUtf8 && !SINGLE_BYTE.has(encoding)) {
    throw new WorkbenchError('ENCODING', `The XML declares encoding "${encoding}"; save it as UTF-8 and import it again`, {
      file: input.displayName, line: 1, expected: 'UTF-8 text',
    });
  }
  const job: XmlJob = { input, what, makeHandler, flatLimit, isUtf8, encoding };
  if (!scan || flatLimit === undefined) {
    yield* parsePass(job, saxesSink);
    return;
  }
  let nodes = 0;
  let edges = 0;
  let scannedBytes = 0;
  const scanned = parsePass(job, (handler) => new XmlScanner(handler), true);
  try {
    for (;;) {
      // Only the scanner's pass is caught here, never what the consumer does at the yield.
      let next: IteratorResult<ParseBatch>;
      try {
        next = await scanned.next();
      } catch (err) {
        if (err instanceof WorkbenchError && err.code === 'CANCELLED') throw err;
        break;
      }
      if (next.done) return;
      nodes += next.value.flat!.nodes.id.length;
      edges += next.value.flat!.edges.source.length;
      scannedBytes = next.value.bytesRead;
      yield next.value;
    }
  } finally {
    // A consumer that stops at a yield (run-import.ts returns the parser on errors) ends only this
    // generator: the scanner's pass must be ended too, or its file descriptor stays open.
    await scanned.return(undefined);
  }
  for await (const b of parsePass(job, saxesSink)) {
    if (nodes > 0 || edges > 0) {
      const [dn, de] = dropLeadingRows(b, nodes, edges);
      nodes -= dn;
      edges -= de;
    }
    // The progress bar stays where the scanner left it until saxes reads past that point.
    if (b.bytesRead < scannedBytes) b.bytesRead = scannedBytes;
    yield b;
  }
}

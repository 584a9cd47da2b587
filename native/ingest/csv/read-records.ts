/**
 * Streams a text file's records: reads 512 KiB at a time, checks the encoding (UTF-8 only:
 * UTF-8 BOM stripped, UTF-16 and binary refused), decodes across chunk boundaries and hands the
 * text to the tokenizer. Memory is bounded by the chunk size plus one record.
 */
import fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { WorkbenchError } from '../../../electron/common/errors';
import { CsvTokenizer, type RecordBatch } from './tokenizer';
import { completeUtf8Length } from '../utf8';

/** Read size: small enough that one chunk's rows die young (cheap GC), big enough to amortise I/O. */
export const CHUNK_BYTES = 64 * 1024;

export interface RecordChunk extends RecordBatch {
  /** Bytes of the file consumed so far. */
  bytesRead: number;
}

export interface ReadRecordsOptions {
  path: string;
  /** Name used in errors. */
  file: string;
  delimiter: string;
  quotes: boolean;
  signal?: AbortSignal;
  chunkBytes?: number;
}

export function throwIfAborted(signal: AbortSignal | undefined, file: string): void {
  if (signal?.aborted) throw new WorkbenchError('CANCELLED', `Import of ${file} was cancelled`, { file });
}

/** Refuses a UTF-16 file by its byte-order mark (its NUL bytes would otherwise read as binary). */
export function checkNotUtf16(head: Buffer, file: string): void {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new WorkbenchError('ENCODING', `${file} is UTF-16 encoded; save it as UTF-8 and import it again`, {
      file, line: 1, expected: 'UTF-8 text',
    });
  }
}

/** Refuses a first chunk that is not UTF-8 (Latin-1 and other 8-bit encodings). */
export function checkUtf8(head: Buffer, file: string): void {
  // A chunk may end inside a multi-byte sequence: leave out only that incomplete last character.
  // (Leaving out the last 3 bytes whatever they were cut a complete 4-byte character at the end
  // of a small file in two, and refused the file.)
  if (!isUtf8(head.subarray(0, completeUtf8Length(head)))) {
    throw new WorkbenchError('ENCODING', `${file} is not valid UTF-8 text (perhaps Latin-1 or Windows-1252); save it as UTF-8 and import it again`, {
      file, line: 1, expected: 'UTF-8 text',
    });
  }
}

export async function* readRecords(opts: ReadRecordsOptions): AsyncGenerator<RecordChunk> {
  const tokenizer = new CsvTokenizer({ delimiter: opts.delimiter, quotes: opts.quotes, file: opts.file });
  const decoder = new StringDecoder('utf8');
  // Plain reads into one buffer, not fs.createReadStream: the stream machinery cost ~10 ms CPU
  // the first time an import used it (cold code), a third of the read-and-tokenize time of a 600 KB
  // file; the decoder copies what it keeps, so the buffer is reused.
  const fh = await fs.promises.open(opts.path, 'r');
  const chunk = Buffer.allocUnsafe(opts.chunkBytes ?? CHUNK_BYTES);
  let bytesRead = 0;
  let first = true;
  try {
    for (;;) {
      const n = (await fh.read(chunk, 0, chunk.length, null)).bytesRead;
      if (n === 0) break;
      throwIfAborted(opts.signal, opts.file);
      const buf = chunk.subarray(0, n);
      if (first) checkNotUtf16(buf, opts.file);
      const nul = buf.indexOf(0);
      if (nul !== -1) {
        // Tokenize up to the NUL so the error can name its line.
        tokenizer.push(decoder.write(buf.subarray(0, nul)), false);
        const line = tokenizer.currentLine + countNewlines(tokenizer.pendingText);
        throw new WorkbenchError('ENCODING', `${opts.file} contains a NUL byte on line ${line}: it looks like a binary file, not CSV/TSV text`, {
          file: opts.file, line, value: '\\0', expected: 'UTF-8 text without NUL bytes',
        });
      }
      if (first) checkUtf8(buf, opts.file);
      let text = decoder.write(buf);
      if (first) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      bytesRead += buf.length;
      const batch = tokenizer.push(text, false);
      if (batch.rows.length) yield { ...batch, bytesRead };
    }
    if (first) throw new WorkbenchError('EMPTY_FILE', `${opts.file} is empty`, { file: opts.file });
    const last = tokenizer.push(decoder.end(), true);
    if (last.rows.length) yield { ...last, bytesRead };
  } finally {
    await fh.close();
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Reads up to `bytes` from the start of a file (for sniffing and header peeks). */
export async function readHead(path: string, bytes = 64 * 1024): Promise<Buffer> {
  const fh = await fs.promises.open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

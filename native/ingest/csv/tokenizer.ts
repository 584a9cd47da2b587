/**
 * Incremental RFC 4180 tokenizer: string chunks in, records (string[] + start line) out.
 *
 * Hand-written rather than csv-parse because line numbers are required on every record and
 * csv-parse only gives them with `info: true`. Measured by bench-parse.ts on the generated
 * 1M-row AutoSchemaKG triple_nodes file (60 MiB; Node 20, 2 shared cores, CPU seconds because
 * wall time swung with other load):
 *   csv-parse 7 streaming                      ~485K rows/cpu-s
 *   csv-parse 7 streaming, info: true          ~195K rows/cpu-s   <- what line numbers cost there
 *   this tokenizer, with line numbers          1.2M-1.9M rows/cpu-s
 *   whole autoschemakg-csv handler (records)   ~310K rows/cpu-s default heap flags,
 *                                              ~670K rows/cpu-s with --max-semi-space-size=64
 * so the tokenizer stays. What an import pays (bench-parse.ts `thread`: the parser thread with its
 * heap limits writing flat columns, plus the receiving thread at --max-semi-space-size=4; whole
 * process CPU, load ~5; nodes / edges file): 210K / 190K rows/cpu-s with records flattened
 * after parsing and 2048-record batches, 320-370K / 320K rows/cpu-s with columns written while
 * parsing (parseFlat) in 512-record batches.
 *
 * Handles: quoted fields with embedded delimiters, doubled quotes and newlines; CRLF, LF and lone
 * CR record ends, mixed in one file; blank lines (skipped but counted). A quote inside an unquoted
 * field is kept literally (as most CSV writers expect readers to).
 */
import { WorkbenchError } from '../../../electron/common/errors';
import { countLineBreaks } from '../line-breaks';

export interface TokenizerOptions {
  delimiter: string;
  /** false for plain TSV (triples), where `"` is an ordinary character. */
  quotes: boolean;
  /** File name for error messages. */
  file: string;
  /** A record longer than this is refused: it bounds memory when a quote is never closed. */
  maxRecordChars?: number;
}

/** Records found in one chunk; `lines[i]` is the 1-based physical line where `rows[i]` starts. */
export interface RecordBatch {
  rows: string[][];
  lines: number[];
}

const LF = 10;
const CR = 13;
const QUOTE = 34;
const DEFAULT_MAX_RECORD = 64 * 1024 * 1024;

export class CsvTokenizer {
  private readonly delim: number;
  private readonly delimChar: string;
  private readonly quotes: boolean;
  private readonly file: string;
  private readonly maxRecord: number;
  private pending = '';
  /** Physical line number of the first character of `pending`. */
  private line = 1;
  /** Set when the previous chunk ended on CR: a LF starting the next chunk belongs to it. */
  private skipLeadingLf = false;

  constructor(opts: TokenizerOptions) {
    if (opts.delimiter.length !== 1) throw new Error('delimiter must be one character');
    this.delim = opts.delimiter.charCodeAt(0);
    this.delimChar = opts.delimiter;
    this.quotes = opts.quotes;
    this.file = opts.file;
    this.maxRecord = opts.maxRecordChars ?? DEFAULT_MAX_RECORD;
  }

  /** Line where the not-yet-complete record (if any) starts. */
  get currentLine(): number {
    return this.line;
  }

  /** Unconsumed text (a record cut by the chunk boundary). */
  get pendingText(): string {
    return this.pending;
  }

  /**
   * Tokenizes `chunk` (appended to what is pending). With `final` false, a record that may
   * continue in the next chunk stays pending; with `final` true the input ends here. With
   * `maxRows`, it stops after that many records and keeps the rest pending (sniffing a head).
   */
  push(chunk: string, final: boolean, maxRows = Infinity): RecordBatch {
    const s = this.pending.length ? this.pending + chunk : chunk;
    let pos = 0;
    if (this.skipLeadingLf && s.length > 0) {
      if (s.charCodeAt(0) === LF) pos = 1;
      this.skipLeadingLf = false;
    }
    const rows: string[][] = [];
    const lines: number[] = [];
    const len = s.length;
    const delim = this.delim;
    const delimChar = this.delimChar;
    const quotes = this.quotes;
    let line = this.line;
    // Next delimiter, LF and CR at or after the field being read (len: none), found with
    // indexOf and kept until the field start passes them, so every character is searched once.
    let nextDelim = -1;
    let nextLf = -1;
    let nextCr = -1;

    records: while (pos < len) {
      const recordStart = pos;
      const recordLine = line;
      const fields: string[] = [];
      let quotedSeen = false;
      for (;;) {
        // One field per iteration.
        if (quotes && s.charCodeAt(pos) === QUOTE) {
          quotedSeen = true;
          let value = '';
          let seg = pos + 1;
          let p = seg;
          for (;;) {
            const q = s.indexOf('"', p);
            if (q === -1 || (q + 1 >= len && !final)) {
              if (!final) { pos = recordStart; line = recordLine; break records; } // may close in the next chunk
              throw new WorkbenchError('PARSE_ERROR', `Unclosed quote: the quoted field that starts on line ${recordLine} never ends (expected a closing ")`, {
                file: this.file, line: recordLine, column: fields.length + 1, value: s.slice(seg, Math.min(seg + 60, len)), expected: 'a closing "',
              });
            }
            if (s.charCodeAt(q + 1) === QUOTE) {
              value += s.slice(seg, q + 1);
              p = seg = q + 2;
              continue;
            }
            value += s.slice(seg, q);
            // Most quoted fields hold no line break: the cached positions say so without a scan.
            if (nextLf < pos) nextLf = indexOrEnd(s, '\n', pos);
            if (nextCr < pos) nextCr = indexOrEnd(s, '\r', pos);
            if (nextLf < q || nextCr < q) line += countLineBreaks(s, pos, q);
            pos = q + 1;
            break;
          }
          fields.push(value);
          if (pos >= len) {
            if (!final) { pos = recordStart; line = recordLine; break records; }
            rows.push(fields);
            lines.push(recordLine);
            break records;
          }
          const c = s.charCodeAt(pos);
          if (c === delim) { pos++; continue; }
          if (c === LF || c === CR) {
            pos = this.consumeLineEnd(s, pos, c, final);
            line++;
            break;
          }
          throw new WorkbenchError('PARSE_ERROR', `Unexpected character ${JSON.stringify(s[pos])} after a closing quote on line ${line} (expected a delimiter or the end of the line)`, {
            file: this.file, line, column: fields.length, value: s.slice(Math.max(0, pos - 20), pos + 20), expected: 'delimiter or end of line after closing quote',
          });
        }
        // Unquoted field: up to the delimiter or line end nearest. indexOf (native) rather than a
        // loop over the characters, which is slow until V8 has optimised it (most of a small file):
        // generated 10K-edge file in a fresh process ~40 -> ~25 ms CPU; warm, 100K-edge file
        // 1.85M -> 2.35M rows/cpu-s.
        if (nextDelim < pos) nextDelim = indexOrEnd(s, delimChar, pos);
        if (nextLf < pos) nextLf = indexOrEnd(s, '\n', pos);
        if (nextCr < pos) nextCr = indexOrEnd(s, '\r', pos);
        const p = Math.min(nextDelim, nextLf, nextCr);
        const c = p < len ? s.charCodeAt(p) : 0;
        if (p >= len) {
          if (!final) { pos = recordStart; line = recordLine; break records; }
          fields.push(s.slice(pos, p));
          pos = p;
          if (!(fields.length === 1 && fields[0] === '' && !quotedSeen)) { rows.push(fields); lines.push(recordLine); }
          break records;
        }
        fields.push(s.slice(pos, p));
        if (c === delim) { pos = p + 1; continue; }
        pos = this.consumeLineEnd(s, p, c, final);
        line++;
        break;
      }
      // A blank line is one empty unquoted field: skip it (its line was counted).
      if (fields.length === 1 && fields[0] === '' && !quotedSeen) continue;
      rows.push(fields);
      lines.push(recordLine);
      if (rows.length >= maxRows) break;
    }

    this.pending = pos < len ? s.slice(pos) : '';
    this.line = line;
    if (this.pending.length > this.maxRecord) {
      throw new WorkbenchError('PARSE_ERROR', `A record starting on line ${this.line} is longer than ${Math.round(this.maxRecord / 1048576)} MiB; most likely a quote is never closed`, {
        file: this.file, line: this.line, value: this.pending.slice(0, 60), expected: 'a closing " or a line end',
      });
    }
    return { rows, lines };
  }

  /**
   * Position after the line end at `p` (CR, LF or CRLF). A CR at the very end of a non-final
   * chunk is taken as a line end too; a LF opening the next chunk is then skipped.
   */
  private consumeLineEnd(s: string, p: number, c: number, final: boolean): number {
    if (c === CR) {
      if (p + 1 < s.length) return s.charCodeAt(p + 1) === LF ? p + 2 : p + 1;
      if (!final) this.skipLeadingLf = true;
      return p + 1;
    }
    return p + 1;
  }
}

function indexOrEnd(s: string, ch: string, from: number): number {
  const i = s.indexOf(ch, from);
  return i === -1 ? s.length : i;
}


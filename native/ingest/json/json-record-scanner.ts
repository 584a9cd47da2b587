/**
 * A streaming scanner specialised for graph JSON: it walks the top of the document byte by byte
 * (`{ "nodes": [ ... ], "links": [ ... ] }`, `{ "elements": { "nodes": [...], "edges": [...] } }` or a
 * flat `[ ... ]` of Cytoscape elements), finds where each record of a record array begins and ends
 * (tracking only strings, escapes and bracket depth) and hands the record's bytes to JSON.parse.
 * Values under other keys are skipped without being materialised, so memory stays bounded by one
 * record plus one chunk.
 *
 * Why not stream-json (measured on the same generated 102 MB node-link file from generate-json.ts,
 * Node 20, 2 shared cores): stream-json 3.8 through its Node stream gave 5.6 MB/s with default
 * options and 13.9 MB/s with packed values only; its bare tokenizer function alone (no objects
 * assembled, no mapping) gave 62.6 MB/s. This scanner with one JSON.parse per run of records, plus
 * mapping to NodeRecord/EdgeRecord, gives 72-89 MB/s of CPU time (bench-graph-formats.ts; wall-clock
 * MB/s on a loaded machine is lower and is printed beside it). A first version with one JSON.parse
 * per record (and a slower mapper) used 2.0 s of CPU for the file, against 1.2 s now.
 */
import { WorkbenchError } from '../../../electron/common/errors';

export type RecordSection = 'nodes' | 'links' | 'elements' | 'elements.nodes' | 'elements.edges';

export interface ScanEvents {
  record(section: RecordSection, value: unknown, line: number): void;
  /** Small top-level values the mapping needs (`directed`, `multigraph`). */
  scalar(key: string, value: unknown): void;
}

const QUOTE = 34;
const BACKSLASH = 92;
const LF = 10;
const COMMA = 44;
const COLON = 58;
const OPEN_OBJ = 123;
const CLOSE_OBJ = 125;
const OPEN_ARR = 91;
const CLOSE_ARR = 93;

const enum Expect { Value, ValueOrClose, KeyOrClose, Key, Colon, CommaOrClose, End }

interface Frame {
  array: boolean;
  /** Records live in this array (its elements are captured and parsed). */
  section?: RecordSection;
  /** The key of the entry being read, for objects. */
  key?: string;
}

const SCALAR_KEYS = new Set(['directed', 'multigraph']);

function isSpace(c: number): boolean {
  return c === 32 || c === LF || c === 13 || c === 9;
}

/**
 * Index of the closing quote of a string whose content starts at `from`, or -1 if the buffer ends
 * first. A quote preceded by an odd run of backslashes is escaped.
 */
function findStringEnd(buf: Buffer, from: number): number {
  let j = from;
  for (;;) {
    const q = buf.indexOf(QUOTE, j);
    if (q === -1) return -1;
    let k = q - 1;
    while (k >= from && buf[k] === BACKSLASH) k--;
    if ((q - 1 - k) % 2 === 0) return q;
    j = q + 1;
  }
}

/** True if the buffer ends (from `from`) with an odd run of backslashes: the next byte is escaped. */
function endsEscaped(buf: Buffer, from: number): boolean {
  let k = buf.length - 1;
  while (k >= from && buf[k] === BACKSLASH) k--;
  return (buf.length - 1 - k) % 2 === 1;
}

export class JsonRecordScanner {
  private readonly stack: Frame[] = [];
  private expect = Expect.Value;
  private line = 1;
  /** Absolute byte offset of the current line's start, for columns in errors. */
  private lineStart = 0;
  private base = 0;
  private first = true;
  /** Capture state: a value being read (kept when `keep`, skipped otherwise). */
  private capturing = false;
  private keep = false;
  private depth = 0;
  private inString = false;
  private escapeNext = false;
  private pieces: Buffer[] = [];
  private captureLine = 0;
  private captureColumn = 0;
  private captureSection?: RecordSection;
  private captureKey?: string;
  /** A key string being read in structure mode (bytes gathered across chunks). */
  private keyPieces: Buffer[] | undefined;
  /**
   * A run of whole records inside the current chunk, parsed with ONE JSON.parse("[" + run + "]")
   * when the run ends: one native call per chunk instead of one per record.
   */
  private runBuf?: Buffer;
  private runSection?: RecordSection;
  private runStarts: number[] = [];
  private runEnds: number[] = [];
  private runLines: number[] = [];
  private runColumns: number[] = [];
  sawRecordArray = false;

  constructor(private readonly file: string, private readonly events: ScanEvents) {}

  write(buf: Buffer): void {
    let i = 0;
    if (this.first) {
      this.first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3;
    }
    const n = buf.length;
    let captureStart = this.capturing ? 0 : -1;
    while (i < n) {
      if (this.capturing) {
        // Hot loop: only strings, brackets, commas and newlines matter inside a value.
        if (this.inString) {
          let from = i;
          if (this.escapeNext) { from++; this.escapeNext = false; }
          const q = from >= n ? -1 : findStringEnd(buf, from);
          if (q === -1) {
            this.escapeNext = from < n ? endsEscaped(buf, from) : this.escapeNext;
            break;
          }
          this.inString = false;
          i = q + 1;
          continue;
        }
        const c = buf[i];
        if (c === QUOTE) {
          this.inString = true;
          i++;
          continue;
        }
        if (c === OPEN_OBJ || c === OPEN_ARR) this.depth++;
        else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
          if (this.depth === 0) { this.finishCapture(buf, captureStart, i); captureStart = -1; continue; }
          this.depth--;
        } else if (c === COMMA) {
          if (this.depth === 0) { this.finishCapture(buf, captureStart, i); captureStart = -1; continue; }
        } else if (c === LF) {
          this.line++;
          this.lineStart = this.base + i + 1;
        }
        i++;
        continue;
      }
      if (this.keyPieces) {
        const q = findStringEnd(buf, i);
        if (q === -1) {
          this.keyPieces.push(Buffer.from(buf.subarray(i)));
          break;
        }
        this.keyPieces.push(buf.subarray(i, q));
        this.endKey();
        i = q + 1;
        continue;
      }
      const c = buf[i];
      if (isSpace(c)) {
        if (c === LF) { this.line++; this.lineStart = this.base + i + 1; }
        i++;
        continue;
      }
      if (this.structural(c, i)) {
        captureStart = i; // the capture loop re-reads byte i (it may open a string or a bracket)
        continue;
      }
      i++;
    }
    this.flushRun();
    // A value still open at the chunk's end: keep its bytes so far (copied: the chunk is reused).
    if (this.capturing && this.keep && captureStart !== -1) this.pieces.push(Buffer.from(buf.subarray(captureStart)));
    this.base += n;
  }

  /** Call after the last chunk: the document must be complete. */
  end(): void {
    this.flushRun();
    if (this.capturing || this.stack.length > 0 || this.keyPieces || this.expect === Expect.Value) {
      const top = this.stack[this.stack.length - 1];
      const expected = this.expect === Expect.Value ? 'a JSON value' : top ? (top.array ? '"]"' : '"}"') : 'the rest of the document';
      throw new WorkbenchError('PARSE_ERROR', `Unexpected end of file: the JSON is cut off; expected ${expected}`, {
        file: this.file, line: this.line, column: this.base - this.lineStart + 1, expected,
      });
    }
  }

  /** Handles one non-space byte outside values; returns true when it starts a capture. */
  private structural(c: number, i: number): boolean {
    const top = this.stack[this.stack.length - 1];
    switch (this.expect) {
      case Expect.ValueOrClose:
      case Expect.Value:
        if (c === CLOSE_ARR && this.expect === Expect.ValueOrClose) { this.close(true, c, i); return false; }
        return this.startValue(c, i, top);
      case Expect.KeyOrClose:
      case Expect.Key:
        if (c === CLOSE_OBJ && this.expect === Expect.KeyOrClose) { this.close(false, c, i); return false; }
        if (c !== QUOTE) throw this.unexpected(c, i, 'a property name in double quotes');
        this.keyPieces = [];
        return false;
      case Expect.Colon:
        if (c !== COLON) throw this.unexpected(c, i, '":"');
        this.expect = Expect.Value;
        return false;
      case Expect.CommaOrClose:
        if (c === COMMA) { this.expect = top.array ? Expect.Value : Expect.Key; return false; }
        if (c === (top.array ? CLOSE_ARR : CLOSE_OBJ)) { this.close(top.array, c, i); return false; }
        throw this.unexpected(c, i, top.array ? '"," or "]"' : '"," or "}"');
      case Expect.End:
        throw this.unexpected(c, i, 'the end of the file');
    }
  }

  private startValue(c: number, i: number, parent: Frame | undefined): boolean {
    if (parent?.section) return this.beginCapture(true, i, parent.section);
    const topKey = this.stack.length === 1 ? parent?.key : undefined;
    const inElements = this.stack.length === 2 && !parent!.array && this.stack[0].key === 'elements';
    if (!parent) {
      if (c === OPEN_ARR) return this.push({ array: true, section: 'elements' });
      if (c === OPEN_OBJ) return this.push({ array: false });
      throw new WorkbenchError('UNSUPPORTED_FORMAT', 'This JSON is not a graph: its top level is neither an object nor an array', {
        file: this.file, line: this.line, column: this.column(i), expected: '{"nodes": [...], "links": [...]} or {"elements": ...}',
      });
    }
    if (topKey !== undefined) {
      if (c === OPEN_ARR && (topKey === 'nodes' || topKey === 'links' || topKey === 'edges' || topKey === 'elements')) {
        const section: RecordSection = topKey === 'edges' ? 'links' : topKey;
        return this.push({ array: true, section });
      }
      if (c === OPEN_OBJ && topKey === 'elements') return this.push({ array: false });
      if (SCALAR_KEYS.has(topKey)) return this.beginCapture(true, i, undefined, topKey);
    } else if (inElements && c === OPEN_ARR && (parent.key === 'nodes' || parent.key === 'edges')) {
      return this.push({ array: true, section: parent.key === 'nodes' ? 'elements.nodes' : 'elements.edges' });
    }
    return this.beginCapture(false, i);
  }

  private push(frame: Frame): boolean {
    if (frame.section) this.sawRecordArray = true;
    this.stack.push(frame);
    this.expect = frame.array ? Expect.ValueOrClose : Expect.KeyOrClose;
    return false;
  }

  private close(array: boolean, c: number, i: number): void {
    this.flushRun();
    const top = this.stack.pop();
    if (!top || top.array !== array) throw this.unexpected(c, i, 'a matching bracket');
    this.expect = this.stack.length === 0 ? Expect.End : Expect.CommaOrClose;
  }

  private endKey(): void {
    const raw = Buffer.concat(this.keyPieces!).toString('utf8');
    this.keyPieces = undefined;
    this.stack[this.stack.length - 1].key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
    this.expect = Expect.Colon;
  }

  private beginCapture(keep: boolean, i: number, section?: RecordSection, key?: string): boolean {
    this.capturing = true;
    this.keep = keep;
    this.depth = 0;
    this.inString = false;
    this.escapeNext = false;
    this.captureSection = section;
    this.captureKey = key;
    this.captureLine = this.line;
    this.captureColumn = this.column(i);
    return true;
  }

  private finishCapture(buf: Buffer, start: number, end: number): void {
    this.capturing = false;
    this.expect = Expect.CommaOrClose;
    if (!this.keep) return;
    if (this.captureSection && this.pieces.length === 0) {
      if (this.runBuf !== undefined && this.runSection !== this.captureSection) this.flushRun();
      this.runBuf = buf;
      this.runSection = this.captureSection;
      this.runStarts.push(start);
      this.runEnds.push(end);
      this.runLines.push(this.captureLine);
      this.runColumns.push(this.captureColumn);
      return;
    }
    this.flushRun();
    const bytes = this.pieces.length ? Buffer.concat([...this.pieces, buf.subarray(start, end)]) : buf.subarray(start, end);
    this.pieces = [];
    const text = bytes.toString('utf8');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw this.recordError(err, text);
    }
    if (this.captureSection) this.events.record(this.captureSection, value, this.captureLine);
    else if (this.captureKey) this.events.scalar(this.captureKey, value);
  }

  private flushRun(): void {
    const buf = this.runBuf;
    if (buf === undefined) return;
    const section = this.runSection!;
    const { runStarts: starts, runEnds: ends, runLines: lines, runColumns: columns } = this;
    this.runBuf = undefined;
    this.runStarts = [];
    this.runEnds = [];
    this.runLines = [];
    this.runColumns = [];
    let values: unknown[] | undefined;
    try {
      values = JSON.parse(`[${buf.toString('utf8', starts[0], ends[ends.length - 1])}]`) as unknown[];
    } catch {
      values = undefined;
    }
    if (values && values.length === starts.length) {
      for (let k = 0; k < values.length; k++) this.events.record(section, values[k], lines[k]);
      return;
    }
    // Something in the run is malformed: parse record by record to say which one and where.
    for (let k = 0; k < starts.length; k++) {
      const text = buf.toString('utf8', starts[k], ends[k]);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        this.captureLine = lines[k];
        this.captureColumn = columns[k];
        throw this.recordError(err, text);
      }
      this.events.record(section, value, lines[k]);
    }
  }

  private recordError(err: unknown, text: string): WorkbenchError {
    const message = err instanceof Error ? err.message : String(err);
    const m = /position (\d+)/.exec(message);
    let line = this.captureLine;
    let column = this.captureColumn;
    if (text.trim() === '') {
      return new WorkbenchError('PARSE_ERROR', 'Malformed JSON: a value is missing (two commas, or a trailing comma)', {
        file: this.file, line, column, expected: 'a JSON value',
      });
    }
    if (m) {
      const pos = Number(m[1]);
      const before = text.slice(0, pos);
      const lastLf = before.lastIndexOf('\n');
      line += before.split('\n').length - 1;
      column = lastLf === -1 ? column + pos : pos - lastLf;
    }
    return new WorkbenchError('PARSE_ERROR', `Malformed JSON: ${message.replace(/^SyntaxError: /, '').replace(/ in JSON at position \d+.*$/, '')}`, {
      file: this.file, line, column, expected: 'valid JSON',
    });
  }

  private column(i: number): number {
    return this.base + i - this.lineStart + 1;
  }

  private unexpected(c: number, i: number, expected: string): WorkbenchError {
    const ch = c >= 32 && c < 127 ? `"${String.fromCharCode(c)}"` : `byte 0x${c.toString(16)}`;
    return new WorkbenchError('PARSE_ERROR', `Malformed JSON: unexpected ${ch}; expected ${expected}`, {
      file: this.file, line: this.line, column: this.column(i), value: String.fromCharCode(c), expected,
    });
  }
}

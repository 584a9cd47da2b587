/**
 * Collects records into ParseBatches of ~BATCH_RECORDS, and warnings that repeat (duplicates,
 * defaults) into one summary each, so a file with a million duplicates yields one warning.
 */
import { WorkbenchError } from '../../../electron/common/errors';
import type { EdgeRecord, NodeRecord } from '../../../electron/common/model';
import type { NodeAnnotation, ParseBatch, ParseWarning } from '../format';
import { FlatBuilder } from '../flat-rows';

// 8192 before: CSV 1M nodes + 1M edges went from 29 s to 24 s CPU and 274 to 229 MB peak RSS at
// 2048 (the parser thread spent ~40% of its time in GC copying the batch being built).
export const BATCH_RECORDS = 2048;

export class BatchBuilder {
  nodes: NodeRecord[] = [];
  edges: EdgeRecord[] = [];
  annotations: NodeAnnotation[] = [];
  warnings: ParseWarning[] = [];
  /** Set when the parser writes columns (parseFlat): records then go here, not into nodes/edges. */
  readonly flat?: FlatBuilder;

  /** `limit`: records after which the batch is full (see BATCH_RECORDS). */
  constructor(flat = false, private readonly limit = BATCH_RECORDS) {
    if (flat) this.flat = new FlatBuilder();
  }

  get size(): number {
    return this.nodes.length + this.edges.length + this.annotations.length + (this.flat?.size ?? 0);
  }

  get full(): boolean {
    return this.size >= this.limit;
  }

  take(bytesRead: number): ParseBatch {
    const batch: ParseBatch = { nodes: this.nodes, edges: this.edges, bytesRead };
    if (this.flat) {
      // Annotations travel inside the flat batch, as flattenBatch puts them.
      batch.flat = this.flat.take();
      if (this.annotations.length) batch.flat.annotations = this.annotations;
    } else if (this.annotations.length) {
      batch.annotations = this.annotations;
    }
    if (this.warnings.length) batch.warnings = this.warnings;
    this.nodes = [];
    this.edges = [];
    this.annotations = [];
    this.warnings = [];
    return batch;
  }
}

interface Tally {
  count: number;
  describe: (count: number) => string;
  example: { line?: number; value?: string };
}

/** Counts a repeated condition and reports it once, with the count and the first example. */
export class WarningTally {
  private readonly tallies = new Map<string, Tally>();

  constructor(private readonly file: string) {}

  note(code: string, describe: (count: number) => string, line?: number, value?: string): void {
    const t = this.tallies.get(code);
    if (t) t.count++;
    else this.tallies.set(code, { count: 1, describe, example: { line, value } });
  }

  count(code: string): number {
    return this.tallies.get(code)?.count ?? 0;
  }

  summaries(): ParseWarning[] {
    return [...this.tallies.entries()].map(([code, t]) => ({
      code,
      message: t.describe(t.count),
      count: t.count,
      file: this.file,
      line: t.example.line,
      value: t.example.value,
    }));
  }
}

export function columnCountError(file: string, line: number, expected: number, got: number, row: string[]): WorkbenchError {
  return new WorkbenchError('PARSE_ERROR', `Wrong number of columns on line ${line}: expected ${expected}, got ${got}`, {
    file, line, column: Math.min(expected, got) + 1, value: row.join(',').slice(0, 120), expected: `${expected} columns`,
  });
}

export function emptyFileError(file: string): WorkbenchError {
  return new WorkbenchError('EMPTY_FILE', `${file} has no rows`, { file });
}

/** Short one-line name for a long text (passage nodes' display name). */
export function snippet(text: string, max = 80): string {
  // Markdown heading/quote/list markers at line starts are layout, not words.
  const flat = text.replace(/^[ \t]*(?:#+|>|[*-])[ \t]*/gm, '').replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : flat.slice(0, max - 1).trimEnd() + '…';
}

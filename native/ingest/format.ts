/**
 * What every format parser implements. Parsers are pure async generators of batches: they know
 * nothing of the store, and the importer awaits the writer per batch, which gives backpressure
 * for slow stores (Neo4j) and bounded memory for any file size.
 */
import type { EdgeRecord, NodeRecord, Props } from '../../electron/common/model';
import type { ImportOptions } from '../../electron/common/protocol/import';
import type { FlatBatch } from './flat-rows';

export interface ParseWarning {
  code: string;
  message: string;
  /**
   * How many times the condition occurred. Parsers summarise a repeated condition as ONE warning
   * (the message may state the number too); the importer adds this up, so "DUPLICATE_EDGE x2" is
   * right. Absent means once.
   */
  count?: number;
  file?: string;
  line?: number;
  value?: string;
}

/** Update-only change of a node that may already exist (e.g. an id->name file beside triples). */
export interface NodeAnnotation {
  id: string;
  name?: string;
  props?: Props;
  text?: string;
}

export interface ParseBatch {
  nodes: NodeRecord[];
  edges: EdgeRecord[];
  annotations?: NodeAnnotation[];
  warnings?: ParseWarning[];
  /** Bytes of this file consumed so far (for progress by bytes). */
  bytesRead: number;
  /**
   * The records as columns (flat-rows.ts), set by a parser thread asked to flatten for a store
   * that takes them; `nodes`, `edges` and `annotations` are then empty.
   */
  flat?: FlatBatch;
}

export interface ParserInput {
  /** Absolute path on disk. */
  path: string;
  /** What the user calls the file (its base name); used in errors and provenance. */
  displayName: string;
  size: number;
  options: ImportOptions;
  signal: AbortSignal;
}

/** 'graph' files hold nodes and edges; 'names' files only annotate nodes that exist. */
export type FileRole = 'nodes' | 'edges' | 'graph' | 'names';

export interface FormatHandler {
  /** Short stable name shown to users and accepted by `--format` (csv, neo4j-csv, graphml, ...). */
  format: string;
  /**
   * How sure this handler is that it reads the file, 0..1, from its first bytes (up to 64 KiB)
   * and its name. The importer picks the most confident handler.
   */
  sniff(head: Buffer, fileName: string): number;
  /** The file's role, so that node files are imported before edge files and names last. */
  role(head: Buffer, fileName: string): FileRole;
  parse(input: ParserInput): AsyncIterable<ParseBatch>;
}

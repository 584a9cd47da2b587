/**
 * A parse batch as columns ready for a SQL writer: one array per column, props and labels already
 * JSON text, line numbers in a typed array. The parser thread flattens its batches before posting
 * them when the store can take them (`FlatWriter`), so the writing thread neither serialises props
 * nor clones and collects one object (plus a props object) per record: structured clone of an
 * object writes every key of every record, while a column of strings is one array.
 */
import type { EdgeRecord, NodeRecord } from '../../electron/common/model';
import type { FormatHandler, NodeAnnotation, ParseBatch, ParserInput } from './format';

export interface FlatNodes {
  id: string[];
  /** The name, or the id for an unnamed node (a node is shown by its id). */
  name: string[];
  type: string[];
  labels: Array<string | null>;
  props: Array<string | null>;
  text: Array<string | null>;
  /** 0 where the record has no line. */
  line: Int32Array;
  /** Vectors that came with the data, by node index (rare: AutoSchemaKG `*_with_emb`). */
  vectors?: Array<{ index: number; vector: Float32Array }>;
}

export interface FlatEdges {
  source: string[];
  target: string[];
  type: string[];
  eid: Array<string | null>;
  props: Array<string | null>;
  line: Int32Array;
}

export interface FlatBatch {
  nodes: FlatNodes;
  edges: FlatEdges;
  annotations?: NodeAnnotation[];
}

/** A store writer that takes flattened batches (the SQLite writer). */
export interface FlatWriter {
  writeFlat(batch: FlatBatch, file: string): void;
}

export function isFlatWriter(w: object): w is FlatWriter {
  return typeof (w as Partial<FlatWriter>).writeFlat === 'function';
}

/** Props as JSON text, or null for none (an empty object is none). */
export function propsJson(value: object | undefined): string | null {
  if (!value) return null;
  for (const _ in value) return JSON.stringify(value);
  return null;
}

export function flattenNodes(nodes: NodeRecord[]): FlatNodes {
  const n = nodes.length;
  const out: FlatNodes = {
    id: new Array<string>(n), name: new Array<string>(n), type: new Array<string>(n),
    labels: new Array<string | null>(n), props: new Array<string | null>(n), text: new Array<string | null>(n),
    line: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const r = nodes[i];
    out.id[i] = r.id;
    out.name[i] = r.name || r.id;
    out.type[i] = r.type ?? '';
    out.labels[i] = r.labels?.length ? JSON.stringify(r.labels) : null;
    out.props[i] = propsJson(r.props);
    out.text[i] = r.text ?? null;
    out.line[i] = r.line ?? 0;
    if (r.vector) (out.vectors ??= []).push({ index: i, vector: r.vector });
  }
  return out;
}

export function flattenEdges(edges: EdgeRecord[]): FlatEdges {
  const n = edges.length;
  const out: FlatEdges = {
    source: new Array<string>(n), target: new Array<string>(n), type: new Array<string>(n),
    eid: new Array<string | null>(n), props: new Array<string | null>(n), line: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const r = edges[i];
    out.source[i] = r.source;
    out.target[i] = r.target;
    out.type[i] = r.type ?? '';
    out.eid[i] = r.id ?? null;
    out.props[i] = propsJson(r.props);
    out.line[i] = r.line ?? 0;
  }
  return out;
}

export function flattenBatch(batch: Pick<ParseBatch, 'nodes' | 'edges' | 'annotations'>): FlatBatch {
  return { nodes: flattenNodes(batch.nodes), edges: flattenEdges(batch.edges), annotations: batch.annotations };
}

/**
 * Columns filled one record at a time by a parser that writes flat batches directly (the CSV
 * handlers in the parser thread), instead of records flattened afterwards: no record or props
 * object per row for the GC to move. `take` returns what flattenBatch would have.
 */
export class FlatBuilder {
  private nodes = emptyNodes();
  private nodeLines: number[] = [];
  private edges = emptyEdges();
  private edgeLines: number[] = [];

  get size(): number {
    return this.nodeLines.length + this.edgeLines.length;
  }

  /** `labels` and `props` as JSON text; `name` the node's name or '' (then the id is its name). */
  node(id: string, name: string, type: string, labels: string | null, props: string | null, text: string | null, line: number, vector?: Float32Array): void {
    const n = this.nodes;
    if (vector) (n.vectors ??= []).push({ index: n.id.length, vector });
    n.id.push(id);
    n.name.push(name || id);
    n.type.push(type);
    n.labels.push(labels);
    n.props.push(props);
    n.text.push(text);
    this.nodeLines.push(line);
  }

  edge(source: string, target: string, type: string, eid: string | null, props: string | null, line: number): void {
    const e = this.edges;
    e.source.push(source);
    e.target.push(target);
    e.type.push(type);
    e.eid.push(eid);
    e.props.push(props);
    this.edgeLines.push(line);
  }

  take(): FlatBatch {
    const nodes = this.nodes;
    const edges = this.edges;
    nodes.line = Int32Array.from(this.nodeLines);
    edges.line = Int32Array.from(this.edgeLines);
    this.nodes = emptyNodes();
    this.edges = emptyEdges();
    this.nodeLines = [];
    this.edgeLines = [];
    return { nodes, edges };
  }
}

/**
 * An empty column whose elements may be anything: a fresh `[]` holds small integers only, and the
 * first string or null pushed changes its elements kind, which threw away the optimised code of
 * `node`/`edge` (and the parser's row function they are inlined into) once per column and batch
 * kind (V8 "not a Smi" deopts).
 */
function column<T>(): T[] {
  const a = [null] as T[];
  a.pop();
  return a;
}

function emptyNodes(): FlatNodes {
  return { id: column(), name: column(), type: column(), labels: column(), props: column(), text: column(), line: new Int32Array(0) };
}

function emptyEdges(): FlatEdges {
  return { source: column(), target: column(), type: column(), eid: column(), props: column(), line: new Int32Array(0) };
}

/** A format handler that can write flat batches itself: batches with `flat` set, no records. */
export interface FlatParser {
  parseFlat(input: ParserInput): AsyncIterable<ParseBatch>;
}

export function canParseFlat(h: object): h is FlatParser {
  return typeof (h as Partial<FlatParser>).parseFlat === 'function';
}

/**
 * A file's batches: columns written while parsing when the store takes them (`flat`) and the
 * handler can write them, which skips a record and a props object per row; records otherwise.
 * The parser thread and the importing thread (small files) both parse through this.
 */
export function parseBatches(handler: FormatHandler, input: ParserInput, flat: boolean): AsyncIterable<ParseBatch> {
  return flat && canParseFlat(handler) ? handler.parseFlat(input) : handler.parse(input);
}

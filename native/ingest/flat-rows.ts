/**
 * A parse batch as columns ready for a SQL writer: one array per column, props and labels already
 * JSON text, line numbers in a typed array. The parser thread flattens its batches before posting
 * them when the store can take them (`FlatWriter`), so the writing thread neither serialises props
 * nor clones and collects one object (plus a props object) per record: structured clone of an
 * object writes every key of every record, while a column of strings is one array.
 */
import type { EdgeRecord, NodeRecord } from '../../electron/common/model';
import type { NodeAnnotation, ParseBatch } from './format';

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

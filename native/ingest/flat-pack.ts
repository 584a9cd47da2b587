/**
 * A flat batch's text columns packed for the trip from the parser thread to the writing thread:
 * every string of every column in one string, their lengths (-1: null) in one Int32Array that is
 * transferred, not copied. Structured clone writes and reads each string on its own (a type tag,
 * a length, a new string object), ~5 strings a row; the parser thread spent ~0.45 s per 1M
 * AutoSchemaKG rows in postMessage, most of it there. One string is one copy each way, and the
 * writing thread cuts the columns out of it again (a slice is a small object over the packed
 * text, which lives as long as the batch's strings).
 *
 * General for any strings (no separator character), so every format's flat batches may take it.
 */
import type { FlatBatch, FlatEdges, FlatNodes } from './flat-rows';

export interface PackedFlat {
  /** Every string of the columns below, in order, back to back. */
  text: string;
  /** Length of each, or -1 for null; node columns then edge columns, row by row within each. */
  lengths: Int32Array;
  nodeRows: number;
  edgeRows: number;
  nodeLine: Int32Array;
  edgeLine: Int32Array;
  vectors?: FlatNodes['vectors'];
  annotations?: FlatBatch['annotations'];
}

type Column = ReadonlyArray<string | null>;

const nodeColumns = (n: FlatNodes): Column[] => [n.id, n.name, n.type, n.labels, n.props, n.text];
const edgeColumns = (e: FlatEdges): Column[] => [e.source, e.target, e.type, e.eid, e.props];
const NODE_COLUMNS = 6;
const EDGE_COLUMNS = 5;

export function packFlat(batch: FlatBatch): PackedFlat {
  const { nodes, edges } = batch;
  const nodeRows = nodes.id.length;
  const edgeRows = edges.source.length;
  const lengths = new Int32Array(nodeRows * NODE_COLUMNS + edgeRows * EDGE_COLUMNS);
  const parts: string[] = [];
  let k = 0;
  for (const col of [...nodeColumns(nodes), ...edgeColumns(edges)]) {
    for (let i = 0; i < col.length; i++) {
      const s = col[i];
      if (s === null) {
        lengths[k++] = -1;
      } else {
        lengths[k++] = s.length;
        parts.push(s);
      }
    }
  }
  const packed: PackedFlat = { text: parts.join(''), lengths, nodeRows, edgeRows, nodeLine: nodes.line, edgeLine: edges.line };
  if (nodes.vectors) packed.vectors = nodes.vectors;
  if (batch.annotations) packed.annotations = batch.annotations;
  return packed;
}

/** The buffers postMessage may transfer with a packed batch. */
export function packedTransfer(p: PackedFlat): ArrayBuffer[] {
  return [p.lengths.buffer, p.nodeLine.buffer, p.edgeLine.buffer] as ArrayBuffer[];
}

/** Reads the columns back (the batch packFlat was given, value for value). */
export function unpackFlat(p: PackedFlat): FlatBatch {
  const cursor = { k: 0, pos: 0 };
  const strings = (n: number) => column(p, n, cursor) as string[];
  const nullable = (n: number) => column(p, n, cursor);
  const nr = p.nodeRows;
  const nodes: FlatNodes = {
    id: strings(nr), name: strings(nr), type: strings(nr), labels: nullable(nr), props: nullable(nr), text: nullable(nr), line: p.nodeLine,
  };
  if (p.vectors) nodes.vectors = p.vectors;
  const er = p.edgeRows;
  const edges: FlatEdges = { source: strings(er), target: strings(er), type: strings(er), eid: nullable(er), props: nullable(er), line: p.edgeLine };
  const batch: FlatBatch = { nodes, edges };
  if (p.annotations) batch.annotations = p.annotations;
  return batch;
}

function column(p: PackedFlat, n: number, cursor: { k: number; pos: number }): Array<string | null> {
  const out = new Array<string | null>(n);
  const { text, lengths } = p;
  let { k, pos } = cursor;
  for (let i = 0; i < n; i++) {
    const len = lengths[k++];
    if (len < 0) {
      out[i] = null;
    } else {
      out[i] = text.slice(pos, pos + len);
      pos += len;
    }
  }
  cursor.k = k;
  cursor.pos = pos;
  return out;
}

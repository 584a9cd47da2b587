/**
 * The graph data model shared by every process. No Node, Electron or DOM imports here.
 */

export type PropValue = string | number | boolean | null | PropValue[] | { [key: string]: PropValue };
export type Props = Record<string, PropValue>;

/** Where a record came from: which import, file and line (1-based). */
export interface Provenance {
  importId?: number;
  file?: string;
  line?: number;
}

/** A node as a parser produces it, before it has a row id. */
export interface NodeRecord {
  /** Stable id from the source (namespaced by ID group where the format has them). */
  id: string;
  name?: string;
  /** entity, event, concept, passage (AutoSchemaKG), or the file's own label. */
  type?: string;
  labels?: string[];
  props: Props;
  /** Text used for embedding; when absent the embedder derives it from name/type/props. */
  text?: string;
  /** A vector that came with the data (AutoSchemaKG `embedding:STRING`). */
  vector?: Float32Array;
  line?: number;
}

/** An edge as a parser produces it; endpoints are source ids, not row ids. */
export interface EdgeRecord {
  id?: string;
  source: string;
  target: string;
  type?: string;
  props: Props;
  vector?: Float32Array;
  line?: number;
}

/** A node as the store returns it. */
export interface GraphNode {
  rid: number;
  id: string;
  name: string;
  type: string;
  labels: string[];
  props: Props;
  text?: string;
  degree?: number;
  provenance?: Provenance;
}

export interface GraphEdge {
  rid: number;
  id: string;
  source: string;
  target: string;
  type: string;
  props: Props;
  provenance?: Provenance;
}

export interface Subgraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Set when a cap cut the answer: how many were left out and why. */
  truncated?: { omitted: number; reason: string };
}

export interface GraphStats {
  nodes: number;
  edges: number;
  nodeTypes: Array<{ type: string; count: number }>;
  edgeTypes: Array<{ type: string; count: number }>;
}

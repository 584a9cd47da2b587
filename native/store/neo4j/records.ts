/**
 * Turns driver Node/Relationship values into the workbench's GraphNode/GraphEdge.
 * The driver runs with `disableLosslessIntegers`, so ids and ints arrive as JS numbers.
 */
import type { Node as DriverNode, Relationship } from 'neo4j-driver';
import type { GraphEdge, GraphNode, Provenance } from '../../../electron/common/model';
import { decodeProps } from './props-codec';
import { DEFAULT_NODE_TYPE } from './visibility';

type Props = Record<string, unknown>;

function provenance(p: Props): Provenance | undefined {
  if (p._import === undefined && p._file === undefined) return undefined;
  return {
    importId: typeof p._import === 'number' ? p._import : undefined,
    file: typeof p._file === 'string' ? p._file : undefined,
    line: typeof p._line === 'number' ? p._line : undefined,
  };
}

export function toGraphNode(n: DriverNode<number>, degree?: number): GraphNode {
  const p = n.properties as Props;
  const id = String(p.id);
  const labels = Array.isArray(p._labels) && p._labels.length > 0 ? (p._labels as string[]) : n.labels.filter((l) => l !== 'Node');
  return {
    rid: Number(n.identity),
    id,
    name: typeof p.name === 'string' ? p.name : id,
    type: typeof p._type === 'string' ? p._type : (labels[0] ?? DEFAULT_NODE_TYPE),
    labels,
    props: decodeProps(p),
    text: typeof p._text === 'string' ? p._text : undefined,
    degree,
    provenance: provenance(p),
  };
}

export function toGraphEdge(r: Relationship<number>, source: string, target: string): GraphEdge {
  const p = r.properties as Props;
  return {
    rid: Number(r.identity),
    id: typeof p._id === 'string' ? p._id : r.elementId,
    source,
    target,
    type: typeof p._type === 'string' ? p._type : r.type,
    props: decodeProps(p),
    provenance: provenance(p),
  };
}

/**
 * The graph an export writes: the visible subgraph (or the selection) with everything the store
 * sent about its elements. Built from the view cache, so it needs no round trip to the host.
 */
import type { ElementCache, VisibleSet } from '../../../graph/view-model';

export interface ExportNode {
  id: string;
  name: string;
  type: string;
  props: Record<string, unknown>;
}

export interface ExportEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  directed: boolean;
  props: Record<string, unknown>;
}

export interface ExportGraph {
  nodes: ExportNode[];
  edges: ExportEdge[];
}

/**
 * The nodes in `nodeIds` (default: all visible, less filtered-out ones) and the visible edges
 * among them. "+K more" handles are canvas furniture, not data, and are left out.
 */
export function exportGraphOf(cache: ElementCache, view: VisibleSet, nodeIds?: Iterable<string>, edgeVisible: (id: string) => boolean = () => true): ExportGraph {
  const wanted = new Set(nodeIds ?? view.nodeIds);
  const nodes: ExportNode[] = [];
  for (const id of wanted) {
    const n = cache.nodes.get(id);
    if (!n || n.kind !== 'node' || !view.nodeIds.has(id)) continue;
    nodes.push({ id: n.id, name: n.name, type: n.type, props: n.props ?? {} });
  }
  const kept = new Set(nodes.map((n) => n.id));
  const edges: ExportEdge[] = [];
  for (const id of view.edgeIds) {
    const e = cache.edges.get(id);
    if (!e || e.kind !== 'edge' || !kept.has(e.source) || !kept.has(e.target) || !edgeVisible(id)) continue;
    edges.push({ id: e.id, source: e.source, target: e.target, type: e.type, directed: e.directed, props: e.props ?? {} });
  }
  return { nodes, edges };
}

/** Props as written to files: `directed` is carried by the format itself (GraphML attribute, JSON flag). */
export function dataProps(props: Record<string, unknown>, reserved: ReadonlySet<string>): Array<[string, unknown]> {
  return Object.entries(props).filter(([k, v]) => !reserved.has(k.toLowerCase()) && k !== 'directed' && v !== undefined && v !== null);
}

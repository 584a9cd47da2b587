/**
 * JSON node-link writer, the layout of networkx's node_link_data (`{directed, multigraph, graph,
 * nodes, links}`), which our importer, networkx (`node_link_graph`) and d3 read.
 */
import { dataProps, type ExportGraph } from './export-graph';

const NODE_RESERVED = new Set(['id', 'name', 'type']);
const EDGE_RESERVED = new Set(['id', 'source', 'target', 'relation', 'key']);

export function toNodeLinkJson(g: ExportGraph): string {
  const doc = {
    directed: g.edges.every((e) => e.directed),
    multigraph: true,
    graph: { exported_by: 'KG Workbench' },
    nodes: g.nodes.map((n) => ({ ...Object.fromEntries(dataProps(n.props, NODE_RESERVED)), id: n.id, name: n.name, type: n.type })),
    links: g.edges.map((e) => ({
      ...Object.fromEntries(dataProps(e.props, EDGE_RESERVED)),
      ...(e.directed ? {} : { directed: false }),
      id: e.id,
      source: e.source,
      target: e.target,
      relation: e.type,
    })),
  };
  return JSON.stringify(doc, null, 1);
}

/**
 * CSV writer: a node list (`id,name,type,...props`) and an edge list (`source,target,relation,
 * directed,...props`), RFC 4180 quoting. Header names are the ones our importer, Gephi's
 * spreadsheet import and pandas/networkx pick up without a mapping.
 */
import { dataProps, type ExportGraph } from './export-graph';

const NODE_RESERVED = new Set(['id', 'name', 'type']);
const EDGE_RESERVED = new Set(['source', 'target', 'relation', 'id']);

export function csvField(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

function propColumns(records: Array<{ props: Record<string, unknown> }>, reserved: ReadonlySet<string>): string[] {
  const cols = new Set<string>();
  for (const r of records) for (const [k] of dataProps(r.props, reserved)) cols.add(k);
  return [...cols];
}

export function toCsv(g: ExportGraph): { nodes: string; edges: string } {
  const nodeCols = propColumns(g.nodes, NODE_RESERVED);
  const nodeLines = [['id', 'name', 'type', ...nodeCols].map(csvField).join(',')];
  for (const n of g.nodes) nodeLines.push([n.id, n.name, n.type, ...nodeCols.map((c) => n.props[c])].map(csvField).join(','));
  const edgeCols = propColumns(g.edges, EDGE_RESERVED);
  const edgeLines = [['source', 'target', 'relation', 'directed', ...edgeCols].map(csvField).join(',')];
  for (const e of g.edges) edgeLines.push([e.source, e.target, e.type, e.directed, ...edgeCols.map((c) => e.props[c])].map(csvField).join(','));
  return { nodes: nodeLines.join('\r\n') + '\r\n', edges: edgeLines.join('\r\n') + '\r\n' };
}

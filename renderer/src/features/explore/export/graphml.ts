/**
 * GraphML writer: typed <key>s (string/long/double/boolean; objects as JSON text), `name` and
 * `type` node keys and a `relation` edge key (what our importer, Gephi, yEd and networkx read),
 * edgedefault="directed" with directed="false" on undirected edges.
 */
import { dataProps, type ExportGraph } from './export-graph';

type KeyType = 'string' | 'long' | 'double' | 'boolean';

interface KeyDef {
  id: string;
  name: string;
  type: KeyType;
}

const NODE_RESERVED = new Set(['id', 'name', 'type']);
const EDGE_RESERVED = new Set(['id', 'source', 'target', 'relation']);

function typeOf(v: unknown): KeyType {
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'long' : 'double';
  return 'string';
}

/** Widens a key's type when records disagree (1 then 1.5 -> double; anything with text -> string). */
function widen(a: KeyType, b: KeyType): KeyType {
  if (a === b) return a;
  if ((a === 'long' && b === 'double') || (a === 'double' && b === 'long')) return 'double';
  return 'string';
}

export function escapeXml(text: string): string {
  // Characters XML 1.0 cannot hold at all (control characters) are dropped, the rest escaped.
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function valueText(v: unknown, type: KeyType): string {
  if (type === 'string') return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return String(v);
}

function collectKeys(records: Array<{ props: Record<string, unknown> }>, reserved: ReadonlySet<string>, prefix: string, fixed: KeyDef[]): Map<string, KeyDef> {
  const keys = new Map<string, KeyDef>(fixed.map((k) => [k.name, k]));
  for (const r of records) {
    for (const [k, v] of dataProps(r.props, reserved)) {
      const prev = keys.get(k);
      if (prev) prev.type = widen(prev.type, typeOf(v));
      else keys.set(k, { id: `${prefix}${keys.size}`, name: k, type: typeOf(v) });
    }
  }
  return keys;
}

export function toGraphML(g: ExportGraph): string {
  const nodeKeys = collectKeys(g.nodes, NODE_RESERVED, 'n', [
    { id: 'n_name', name: 'name', type: 'string' },
    { id: 'n_type', name: 'type', type: 'string' },
  ]);
  const edgeKeys = collectKeys(g.edges, EDGE_RESERVED, 'e', [{ id: 'e_relation', name: 'relation', type: 'string' }]);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const [domain, keys] of [['node', nodeKeys], ['edge', edgeKeys]] as const) {
    for (const k of keys.values()) out.push(`  <key id="${k.id}" for="${domain}" attr.name="${escapeXml(k.name)}" attr.type="${k.type}"/>`);
  }
  out.push('  <graph id="G" edgedefault="directed">');
  const data = (key: KeyDef, v: unknown) => `<data key="${key.id}">${escapeXml(valueText(v, key.type))}</data>`;
  for (const n of g.nodes) {
    const parts = [data(nodeKeys.get('name')!, n.name)];
    if (n.type) parts.push(data(nodeKeys.get('type')!, n.type));
    for (const [k, v] of dataProps(n.props, NODE_RESERVED)) parts.push(data(nodeKeys.get(k)!, v));
    out.push(`    <node id="${escapeXml(n.id)}">${parts.join('')}</node>`);
  }
  for (const e of g.edges) {
    const parts: string[] = [];
    if (e.type) parts.push(data(edgeKeys.get('relation')!, e.type));
    for (const [k, v] of dataProps(e.props, EDGE_RESERVED)) parts.push(data(edgeKeys.get(k)!, v));
    const directed = e.directed ? '' : ' directed="false"';
    out.push(`    <edge id="${escapeXml(e.id)}" source="${escapeXml(e.source)}" target="${escapeXml(e.target)}"${directed}>${parts.join('')}</edge>`);
  }
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}

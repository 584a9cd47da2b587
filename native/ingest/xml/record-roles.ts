/**
 * Which property of a record names it and which types it. Graph files put the readable name and the
 * node/edge type under many different keys (Gephi `label`, TinkerPop `name` + `labelV`/`labelE`,
 * networkx AutoSchemaKG `id` + `type` + `relation`, Cytoscape `name` + `interaction`); these lists
 * pick one in a stable order. Matching is case-insensitive on the property name.
 */
import type { PropValue, Props } from '../../../electron/common/model';

const NODE_NAME_KEYS = ['name', 'label', 'title', 'id', 'node label', 'caption', 'displayname', 'display_name'];
const NODE_TYPE_KEYS = ['type', 'labelv', 'entity_type', 'node_type', 'nodetype', 'kind', 'category', ':label', 'labels', 'label'];
const EDGE_TYPE_KEYS = [
  'relation', 'labele', 'label', 'edge label', 'type', 'relationship', 'predicate', 'edge_type', 'interaction', 'rel',
  'relation_type', 'kind', 'group',
];

export interface RecordRoles {
  /** Property name holding the node's readable name, if any. */
  name?: string;
  /** Property name holding the node or edge type, if any. */
  type?: string;
}

function firstPresent(candidates: string[], byLower: Map<string, string>, exclude?: string): string | undefined {
  for (const c of candidates) {
    const actual = byLower.get(c);
    if (actual !== undefined && actual !== exclude) return actual;
  }
  return undefined;
}

function lowerIndex(propNames: Iterable<string>): Map<string, string> {
  const byLower = new Map<string, string>();
  for (const p of propNames) if (!byLower.has(p.toLowerCase())) byLower.set(p.toLowerCase(), p);
  return byLower;
}

/** Roles for nodes, given the property names a file declares (or one record's keys). */
export function nodeRoles(propNames: Iterable<string>): RecordRoles {
  const byLower = lowerIndex(propNames);
  const name = firstPresent(NODE_NAME_KEYS, byLower);
  return { name, type: firstPresent(NODE_TYPE_KEYS, byLower, name) };
}

export function edgeRoles(propNames: Iterable<string>): RecordRoles {
  return { type: firstPresent(EDGE_TYPE_KEYS, lowerIndex(propNames)) };
}

/** A prop value as a name/type string, or undefined when it is empty or not a scalar. */
export function asLabel(value: PropValue | undefined): string | undefined {
  if (value === undefined || value === null || typeof value === 'object') return undefined;
  const s = typeof value === 'string' ? value : String(value);
  // Most labels start with a visible character: skip the trim() allocation for them.
  if (s.length > 0 && s.charCodeAt(0) > 32) return s;
  return s.trim() === '' ? undefined : s;
}

/** Removes `key` from props and returns its value as a label (the store keeps name/type apart). */
export function takeLabel(props: Props, key: string | undefined): string | undefined {
  if (key === undefined || !(key in props)) return undefined;
  const label = asLabel(props[key]);
  if (label !== undefined) delete props[key];
  return label;
}

/** AutoSchemaKG passage nodes carry their text as the name; the embedder should read it as text. */
export function isPassageType(type: string | undefined): boolean {
  return type !== undefined && type.toLowerCase() === 'passage';
}

/**
 * Which column of a generic node or edge list plays which role (id, name, source, target ...):
 * guessed from common header names, overridden by the user's `options.columns[fileName]`.
 */
import { WorkbenchError } from '../../../electron/common/errors';
import { normalizeName } from './sniff';

export type ColumnRole = 'id' | 'name' | 'type' | 'text' | 'source' | 'target';

export interface ColumnMapping {
  kind: 'nodes' | 'edges';
  /** Column index per role (-1 when absent). */
  id: number;
  name: number;
  type: number;
  text: number;
  source: number;
  target: number;
}

const SOURCE_NAMES = ['source', 'src', 'from', 'head', 'origin', 'start', 'subject', 'sourceid', 'srcid', 'fromid', 'startid', 'sourcenode', 'node1', 'startnode', 'headid'];
const TARGET_NAMES = ['target', 'dst', 'to', 'tail', 'destination', 'dest', 'end', 'object', 'targetid', 'dstid', 'toid', 'endid', 'targetnode', 'node2', 'endnode', 'tailid'];
const EDGE_TYPE_NAMES = ['relation', 'type', 'label', 'predicate', 'rel', 'relationship', 'relationtype', 'edgetype', 'relationname'];
const NODE_ID_NAMES = ['id', 'nodeid', 'node', 'key', 'identifier', 'uid', 'uuid', 'entityid', 'iata', 'code'];
const NODE_NAME_NAMES = ['name', 'label', 'title', 'displayname', 'entity', 'entityname'];
const NODE_TYPE_NAMES = ['type', 'category', 'kind', 'class', 'nodetype', 'entitytype', 'group'];
const NODE_TEXT_NAMES = ['text', 'originaltext'];

/** Every name the guesser knows: a first row containing one is a header. */
export const KNOWN_COLUMN_NAMES: ReadonlySet<string> = new Set([
  ...SOURCE_NAMES, ...TARGET_NAMES, ...EDGE_TYPE_NAMES, ...NODE_ID_NAMES, ...NODE_NAME_NAMES, ...NODE_TYPE_NAMES, ...NODE_TEXT_NAMES, 'weight', 'count',
]);

function findByNames(header: string[], names: string[], taken: Set<number>): number {
  const norm = header.map(normalizeName);
  for (const n of names) {
    const i = norm.findIndex((h, j) => h === n && !taken.has(j));
    if (i !== -1) return i;
  }
  return -1;
}

/** Role aliases accepted in options.columns. */
const OVERRIDE_ROLES: Record<string, ColumnRole> = {
  id: 'id', name: 'name', label: 'name', title: 'name', type: 'type', text: 'text',
  source: 'source', from: 'source', src: 'source', head: 'source', start: 'source',
  target: 'target', to: 'target', dst: 'target', tail: 'target', end: 'target',
  relation: 'type', predicate: 'type',
};

function resolveOverride(header: string[], column: string, file: string): number {
  let i = header.indexOf(column);
  if (i === -1) i = header.findIndex((h) => normalizeName(h) === normalizeName(column));
  if (i === -1 && /^\d+$/.test(column)) i = Number(column) - 1; // 1-based position
  if (i < 0 || i >= header.length) {
    throw new WorkbenchError('BAD_REQUEST', `Column "${column}" given for ${file} is not in its header (${header.join(', ')})`, {
      file, line: 1, value: column, expected: `one of: ${header.join(', ')}`,
    });
  }
  return i;
}

/**
 * Maps columns to roles. With an override the user's choice wins role by role and the rest is
 * guessed; a file is an edge list when it has both a source and a target column.
 */
export function guessColumns(header: string[], hasHeaderRow: boolean, override: Record<string, string> | undefined, file: string): ColumnMapping {
  const forced: Partial<Record<ColumnRole, number>> = {};
  // `kind` says what the file is when the user chose it (the mapping step's nodes/edges switch):
  // a node list whose header happens to have "from"/"to" columns stays a node list.
  const kind = override?.kind;
  if (kind !== undefined && kind !== 'nodes' && kind !== 'edges') {
    throw new WorkbenchError('BAD_REQUEST', `${file}: kind must be nodes or edges, not "${kind}"`, { file, value: kind, expected: 'nodes or edges' });
  }
  for (const [role, column] of Object.entries(override ?? {})) {
    if (role === 'kind') continue;
    const r = OVERRIDE_ROLES[role.toLowerCase()];
    if (!r) {
      throw new WorkbenchError('BAD_REQUEST', `Unknown column role "${role}" for ${file}`, { file, value: role, expected: 'id, name, type, text, source, target or relation' });
    }
    forced[r] = resolveOverride(header, column, file);
  }
  const taken = new Set(Object.values(forced));
  const pick = (role: ColumnRole, names: string[]): number => {
    if (forced[role] !== undefined) return forced[role]!;
    if (!hasHeaderRow) return -1;
    const i = findByNames(header, names, taken);
    if (i !== -1) taken.add(i);
    return i;
  };
  let source = kind === 'nodes' ? -1 : pick('source', SOURCE_NAMES);
  let target = kind === 'nodes' ? -1 : pick('target', TARGET_NAMES);
  if (kind !== 'nodes' && !hasHeaderRow && forced.source === undefined && forced.target === undefined && header.length >= 2) {
    // A headerless table of two or more columns is read as an edge list: source, target, rest.
    source = 0;
    target = 1;
  }
  if (kind === 'edges' && (source === -1 || target === -1)) {
    throw new WorkbenchError('BAD_REQUEST', `${file}: an edge list needs both a source and a target column`, { file, expected: 'source and target columns' });
  }
  if (source !== -1 && target !== -1) {
    return { kind: 'edges', source, target, type: pick('type', EDGE_TYPE_NAMES), id: forced.id ?? -1, name: -1, text: -1 };
  }
  if (forced.source !== undefined || forced.target !== undefined) {
    throw new WorkbenchError('BAD_REQUEST', `${file}: an edge list needs both a source and a target column`, { file, expected: 'source and target columns' });
  }
  taken.delete(source);
  taken.delete(target);
  let id = pick('id', NODE_ID_NAMES);
  const name = pick('name', NODE_NAME_NAMES);
  if (id === -1) id = name !== -1 ? name : 0; // no id column: the name, else the first column
  return { kind: 'nodes', id, name, type: pick('type', NODE_TYPE_NAMES), text: pick('text', NODE_TEXT_NAMES), source: -1, target: -1 };
}

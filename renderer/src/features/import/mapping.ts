/**
 * The column-mapping step's model, apart from React: what each generic CSV file starts with (the
 * host's guesses) and the import options the user's choices become.
 */
import type { ImportOptions, ImportPreviewFile } from '../../../../electron/common/protocol/import';

export type FileKind = 'nodes' | 'edges';
export type NodeRole = 'id' | 'name' | 'type' | 'text';
export type EdgeRole = 'source' | 'target' | 'relation';

export const NODE_ROLES: ReadonlyArray<{ role: NodeRole; label: string; required: boolean }> = [
  { role: 'id', label: 'Id', required: true },
  { role: 'name', label: 'Name', required: false },
  { role: 'type', label: 'Type', required: false },
  { role: 'text', label: 'Text', required: false },
];
export const EDGE_ROLES: ReadonlyArray<{ role: EdgeRole; label: string; required: boolean }> = [
  { role: 'source', label: 'Source', required: true },
  { role: 'target', label: 'Target', required: true },
  { role: 'relation', label: 'Relation', required: false },
];

export interface FileChoice {
  kind: FileKind;
  /** Column name per role; '' = none. */
  nodes: Record<NodeRole, string>;
  edges: Record<EdgeRole, string>;
}

export type MissingEndpoints = 'skip' | 'placeholder';

/** The host's guesses, with the roles of the other kind guessed from column names for a switch. */
export function initialChoice(f: ImportPreviewFile): FileChoice {
  const m = f.mapping;
  const byName = (names: string[]) => f.columns.find((c) => names.includes(c.toLowerCase())) ?? '';
  return {
    kind: f.role === 'edges' ? 'edges' : 'nodes',
    nodes: {
      id: m.id ?? (f.role === 'edges' ? byName(['id']) || f.columns[0] || '' : f.columns[0] ?? ''),
      name: m.name ?? (f.role === 'edges' ? byName(['name', 'label', 'title']) : ''),
      type: m.type ?? '',
      text: m.text ?? '',
    },
    edges: {
      source: m.source ?? f.columns[0] ?? '',
      target: m.target ?? f.columns[1] ?? '',
      relation: m.relation ?? '',
    },
  };
}

/** What is missing before the import can start ('' when the choice is complete). */
export function choiceProblem(c: FileChoice): string {
  if (c.kind === 'nodes') return c.nodes.id ? '' : 'Pick the id column';
  if (!c.edges.source || !c.edges.target) return 'Pick the source and target columns';
  if (c.edges.source === c.edges.target) return 'Source and target must be different columns';
  return '';
}

/** import.start options: a column mapping for every mappable file, and the missing-endpoint rule. */
export function toImportOptions(files: ImportPreviewFile[], choices: Record<string, FileChoice>, missing: MissingEndpoints): ImportOptions {
  const columns: Record<string, Record<string, string>> = {};
  for (const f of files) {
    const c = choices[f.name];
    if (!f.mappable || !c) continue;
    const roles: Record<string, string> = { kind: c.kind };
    const picked = c.kind === 'nodes' ? c.nodes : c.edges;
    for (const [role, column] of Object.entries(picked)) if (column) roles[role] = column;
    columns[f.name] = roles;
  }
  return { missingEndpoints: missing, ...(Object.keys(columns).length ? { columns } : {}) };
}

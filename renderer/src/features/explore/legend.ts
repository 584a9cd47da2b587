/**
 * What the legend and the filters show: counts of node types and relations on the canvas, the
 * biggest ones by name and the long tail folded into "other" (workspaces with thousands of types
 * stay readable), and which elements a filter hides. Pure functions of the view.
 */
import { colorForType } from '../../graph/colors';
import type { ElementCache, VisibleSet } from '../../graph/view-model';

export const LEGEND_TOP = 12;
export const OTHER = '(other)';

export interface LegendEntry {
  key: string;
  /** On the canvas now. */
  count: number;
  /** In the whole workspace, when known (graph.stats). */
  total?: number;
  color: string;
}

export interface Legend {
  entries: LegendEntry[];
  /** The folded tail: how many keys and elements it holds, and the keys (to filter them all). */
  other: { keys: string[]; count: number } | null;
}

export function countTypes(cache: ElementCache, view: VisibleSet): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of view.nodeIds) {
    const n = cache.nodes.get(id);
    if (n?.kind === 'node') counts.set(n.type, (counts.get(n.type) ?? 0) + 1);
  }
  return counts;
}

export function countRelations(cache: ElementCache, view: VisibleSet): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of view.edgeIds) {
    const e = cache.edges.get(id);
    if (e?.kind === 'edge') counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  }
  return counts;
}

/**
 * The top `topN` keys by count (ties by name, so the order is stable), the rest as "other".
 * Keys that are hidden stay listed even when small, so a filter can always be switched back.
 */
export function bucketLegend(counts: Map<string, number>, opts: { topN?: number; totals?: Map<string, number>; keep?: ReadonlySet<string> } = {}): Legend {
  const topN = opts.topN ?? LEGEND_TOP;
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const entries: LegendEntry[] = [];
  const rest: Array<[string, number]> = [];
  sorted.forEach(([key, count], i) => {
    if (i < topN || opts.keep?.has(key)) entries.push({ key, count, total: opts.totals?.get(key), color: colorForType(key) });
    else rest.push([key, count]);
  });
  // Folding a single key saves nothing: show it by name.
  if (rest.length === 1) {
    const [key, count] = rest[0];
    entries.push({ key, count, total: opts.totals?.get(key), color: colorForType(key) });
    return { entries, other: null };
  }
  return { entries, other: rest.length ? { keys: rest.map(([k]) => k), count: rest.reduce((s, [, c]) => s + c, 0) } : null };
}

/** Canvas ids hidden by the filters: nodes of hidden types, edges of hidden relations or touching a hidden node. */
export function filteredElements(cache: ElementCache, view: VisibleSet, hiddenTypes: ReadonlySet<string>, hiddenRelations: ReadonlySet<string>): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  if (!hiddenTypes.size && !hiddenRelations.size) return { nodes, edges };
  for (const id of view.nodeIds) {
    const n = cache.nodes.get(id);
    if (n?.kind === 'node' && hiddenTypes.has(n.type)) nodes.add(id);
  }
  // A "+K more" handle whose anchor is hidden goes too.
  for (const id of view.nodeIds) {
    const n = cache.nodes.get(id);
    if (n?.kind === 'more' && nodes.has(n.anchor)) nodes.add(id);
  }
  for (const id of view.edgeIds) {
    const e = cache.edges.get(id);
    if (!e) continue;
    if ((e.kind === 'edge' && hiddenRelations.has(e.type)) || nodes.has(e.source) || nodes.has(e.target)) edges.add(id);
  }
  return { nodes, edges };
}

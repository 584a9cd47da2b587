/**
 * The visible part of the graph as plain data: which node and edge ids are on the canvas, with
 * their data kept in a cache that outlives hide/undo. Pure functions, so merging neighbours,
 * paging handles and hiding are testable without a canvas.
 */
import type { WireEdge as GraphEdge, WireNode as GraphNode, WireSubgraph as Subgraph } from './wire-types';

/** A node on the canvas: a graph node, or a "+K more" handle that pages further neighbours. */
export type ViewNode =
  | (GraphNode & { kind: 'node' })
  | { kind: 'more'; id: string; name: string; type: string; anchor: string; nextOffset: number; remaining: number };

/** `directed` is false only where the source said so (GraphML/GEXF undirected edges carry props.directed === false). */
export type ViewEdge = Pick<GraphEdge, 'id' | 'source' | 'target' | 'type'> & { kind: 'edge' | 'more'; directed: boolean; props?: GraphEdge['props'] };

export interface VisibleSet {
  nodeIds: ReadonlySet<string>;
  edgeIds: ReadonlySet<string>;
  /** Visible nodes whose position the user locked; part of the view so undo/redo covers pinning. */
  pinned: ReadonlySet<string>;
}

export interface ElementCache {
  nodes: Map<string, ViewNode>;
  edges: Map<string, ViewEdge>;
}

export const NEIGHBOR_PAGE = 50;
export const MORE_TYPE = '__more';

export const EMPTY_SET: VisibleSet = { nodeIds: new Set(), edgeIds: new Set(), pinned: new Set() };

export function moreHandleId(anchor: string): string {
  return `more:${anchor}`;
}
function moreEdgeId(anchor: string): string {
  return `more-edge:${anchor}`;
}

export function createCache(): ElementCache {
  return { nodes: new Map(), edges: new Map() };
}

function cacheSubgraph(cache: ElementCache, sub: Subgraph): void {
  for (const n of sub.nodes) cache.nodes.set(n.id, { ...n, kind: 'node' });
  for (const e of sub.edges) {
    cache.edges.set(e.id, { id: e.id, source: e.source, target: e.target, type: e.type, kind: 'edge', directed: e.props?.directed !== false && e.props?.directed !== 'false', props: e.props });
  }
}

/** Edges are shown only when both ends are visible (Cytoscape refuses dangling edges). */
function addEdgesWithEnds(edgeIds: Set<string>, nodeIds: ReadonlySet<string>, sub: Subgraph): void {
  for (const e of sub.edges) if (nodeIds.has(e.source) && nodeIds.has(e.target)) edgeIds.add(e.id);
}

/** A fresh view holding exactly the subgraph (overview, after an import, opening a workspace). */
export function viewOf(cache: ElementCache, sub: Subgraph): VisibleSet {
  cacheSubgraph(cache, sub);
  const nodeIds = new Set(sub.nodes.map((n) => n.id));
  const edgeIds = new Set<string>();
  addEdgesWithEnds(edgeIds, nodeIds, sub);
  return { nodeIds, edgeIds, pinned: new Set() };
}

/** Adds a subgraph (a search hit and its neighbours) to the view. */
export function mergeInto(cache: ElementCache, view: VisibleSet, sub: Subgraph): VisibleSet {
  cacheSubgraph(cache, sub);
  const nodeIds = new Set(view.nodeIds);
  for (const n of sub.nodes) nodeIds.add(n.id);
  const edgeIds = new Set(view.edgeIds);
  addEdgesWithEnds(edgeIds, nodeIds, sub);
  return { nodeIds, edgeIds, pinned: view.pinned };
}

/**
 * Adds one page of `anchor`'s neighbours. `total` is how many neighbours the anchor has in all;
 * when pages remain, a handle node "+K more" hangs off the anchor and knows the next offset.
 */
export function mergeNeighborPage(
  cache: ElementCache,
  view: VisibleSet,
  anchor: string,
  page: Subgraph & { total: number },
  offset: number,
  pageSize = NEIGHBOR_PAGE,
): VisibleSet {
  const merged = mergeInto(cache, view, page);
  const nodeIds = new Set(merged.nodeIds);
  const edgeIds = new Set(merged.edgeIds);
  const handleId = moreHandleId(anchor);
  nodeIds.delete(handleId);
  edgeIds.delete(moreEdgeId(anchor));
  const nextOffset = offset + pageSize;
  const remaining = page.total - nextOffset;
  if (remaining > 0 && nodeIds.has(anchor)) {
    cache.nodes.set(handleId, { kind: 'more', id: handleId, name: `+${remaining} more`, type: MORE_TYPE, anchor, nextOffset, remaining });
    cache.edges.set(moreEdgeId(anchor), { id: moreEdgeId(anchor), source: anchor, target: handleId, type: '', kind: 'more', directed: false });
    nodeIds.add(handleId);
    edgeIds.add(moreEdgeId(anchor));
  }
  return { nodeIds, edgeIds, pinned: view.pinned };
}

/** Removes nodes and every visible edge touching them (and handles hanging off them). */
export function hideNodes(cache: ElementCache, view: VisibleSet, ids: Iterable<string>): VisibleSet {
  const gone = new Set(ids);
  for (const id of gone) if (view.nodeIds.has(moreHandleId(id))) gone.add(moreHandleId(id));
  const nodeIds = new Set([...view.nodeIds].filter((id) => !gone.has(id)));
  const edgeIds = new Set<string>();
  for (const id of view.edgeIds) {
    const e = cache.edges.get(id);
    if (e && nodeIds.has(e.source) && nodeIds.has(e.target)) edgeIds.add(id);
  }
  const pinned = new Set([...view.pinned].filter((id) => nodeIds.has(id)));
  return { nodeIds, edgeIds, pinned };
}

/**
 * Undoes an expansion: removes the neighbours that hang off `id` alone (every visible edge of
 * theirs goes to `id`) and its "+K more" handle. Neighbours also linked to something else stay.
 */
export function collapseNode(cache: ElementCache, view: VisibleSet, id: string): VisibleSet {
  const touches = new Map<string, Set<string>>();
  for (const eid of view.edgeIds) {
    const e = cache.edges.get(eid);
    if (!e) continue;
    if (!touches.has(e.source)) touches.set(e.source, new Set());
    if (!touches.has(e.target)) touches.set(e.target, new Set());
    touches.get(e.source)!.add(e.target);
    touches.get(e.target)!.add(e.source);
  }
  const gone: string[] = [moreHandleId(id)];
  for (const nb of touches.get(id) ?? []) {
    if (nb === id || view.pinned.has(nb)) continue;
    const others = touches.get(nb)!;
    if ([...others].every((o) => o === id || o === nb)) gone.push(nb);
  }
  return hideNodes(cache, view, gone);
}

/** Pins or unpins visible nodes (ids not on the canvas are ignored). */
export function withPinned(view: VisibleSet, ids: Iterable<string>, pinned: boolean): VisibleSet {
  const next = new Set(view.pinned);
  for (const id of ids) {
    if (!view.nodeIds.has(id)) continue;
    if (pinned) next.add(id);
    else next.delete(id);
  }
  return { nodeIds: view.nodeIds, edgeIds: view.edgeIds, pinned: next };
}

export function sameSet(a: VisibleSet, b: VisibleSet): boolean {
  if (a.nodeIds.size !== b.nodeIds.size || a.edgeIds.size !== b.edgeIds.size || a.pinned.size !== b.pinned.size) return false;
  for (const id of a.pinned) if (!b.pinned.has(id)) return false;
  for (const id of a.nodeIds) if (!b.nodeIds.has(id)) return false;
  for (const id of a.edgeIds) if (!b.edgeIds.has(id)) return false;
  return true;
}

/**
 * What the explore tools do: expansion size and the "this will draw N elements" question,
 * collapse/pin/hide of the selection, layouts, and exports of the view or the selection.
 */
import { appStore } from '../../store';
import { activeCanvas } from './canvas-controller';
import { askUser, CONFIRM_ELEMENTS, exploreStore } from './explore-store';
import { exportGraphOf, type ExportGraph } from './export/export-graph';
import { toGraphML } from './export/graphml';
import { toCsv } from './export/csv';
import { toNodeLinkJson } from './export/node-link-json';
import { filteredElements } from './legend';
import { downloadFile } from './download';
import { formatError, toErrorShape } from '../../../../electron/common/errors';

export function neighborsPerExpansion(): number {
  return exploreStore.getState().neighborsPerExpansion;
}

/**
 * Asks before a step that may put more than CONFIRM_ELEMENTS on the canvas. A page of N
 * neighbours brings N nodes and at least N edges.
 */
export async function confirmGrowth(newNodes: number): Promise<boolean> {
  const { view } = appStore.getState();
  const after = view.nodeIds.size + view.edgeIds.size + 2 * newNodes;
  if (after <= CONFIRM_ELEMENTS) return true;
  return askUser(
    `This can bring the canvas to about ${after.toLocaleString('en-US')} elements (now ${(view.nodeIds.size + view.edgeIds.size).toLocaleString('en-US')}). Large views draw with WebGL and without labels while moving. Go on?`,
  );
}

/** Asks before a start view of more than a few thousand nodes replaces the canvas. */
export async function confirmOverview(limit: number): Promise<boolean> {
  if (limit * 3 <= CONFIRM_ELEMENTS) return true;
  return askUser(
    `A start view of ${limit.toLocaleString('en-US')} nodes can hold ${(limit * 3).toLocaleString('en-US')} or more elements. It draws with WebGL where the browser has it, and the layout runs in the background. Go on?`,
  );
}

function selectedNode(): string | null {
  const s = appStore.getState();
  return s.selectedId && s.cache.nodes.get(s.selectedId)?.kind === 'node' ? s.selectedId : null;
}

export function collapseSelected(): void {
  const id = selectedNode();
  if (id) appStore.getState().collapse(id);
}

export function togglePinSelected(): void {
  const id = selectedNode();
  if (!id) return;
  const s = appStore.getState();
  s.setPinned([id], !s.view.pinned.has(id));
}

export async function runLayout(): Promise<void> {
  await activeCanvas()?.runLayout();
}

export type ExportScope = 'view' | 'selection';

/** The visible subgraph (less what filters hide), or the selected node with its visible neighbours. */
export function graphToExport(scope: ExportScope): ExportGraph {
  const s = appStore.getState();
  const e = exploreStore.getState();
  const hidden = filteredElements(s.cache, s.view, e.hiddenTypes, e.hiddenRelations);
  let ids = [...s.view.nodeIds].filter((id) => !hidden.nodes.has(id));
  if (scope === 'selection' && s.selectedId) {
    const keep = new Set([s.selectedId]);
    for (const eid of s.view.edgeIds) {
      const edge = s.cache.edges.get(eid);
      if (!edge || hidden.edges.has(eid)) continue;
      if (edge.source === s.selectedId) keep.add(edge.target);
      if (edge.target === s.selectedId) keep.add(edge.source);
    }
    ids = ids.filter((id) => keep.has(id));
  }
  return exportGraphOf(s.cache, s.view, ids, (id) => !hidden.edges.has(id));
}

function baseName(): string {
  const ws = appStore.getState().workspace?.name ?? 'graph';
  return ws.replace(/[^\w.-]+/g, '_') || 'graph';
}

export type ExportFormat = 'png' | 'svg' | 'graphml' | 'csv' | 'json';

export async function exportAs(format: ExportFormat, scope: ExportScope = 'view'): Promise<void> {
  const name = baseName() + (scope === 'selection' ? '-selection' : '');
  try {
    const canvas = activeCanvas();
    if (format === 'png') {
      if (canvas) downloadFile(`${name}.png`, await canvas.pngBlob());
      return;
    }
    if (format === 'svg') {
      if (canvas) downloadFile(`${name}.svg`, canvas.svgText(), 'image/svg+xml');
      return;
    }
    const g = graphToExport(scope);
    if (format === 'graphml') downloadFile(`${name}.graphml`, toGraphML(g), 'application/graphml+xml');
    else if (format === 'json') downloadFile(`${name}.json`, toNodeLinkJson(g), 'application/json');
    else {
      // Two plain files, named so our importer (and Gephi's spreadsheet import) pairs them.
      const { nodes, edges } = toCsv(g);
      downloadFile(`${name}_nodes.csv`, nodes, 'text/csv');
      downloadFile(`${name}_edges.csv`, edges, 'text/csv');
    }
    appStore.getState().toast(`Exported ${g.nodes.length.toLocaleString('en-US')} nodes and ${g.edges.length.toLocaleString('en-US')} edges as ${format.toUpperCase()}`);
  } catch (err) {
    appStore.getState().toast(`Export failed: ${formatError(toErrorShape(err))}`, 'error');
  }
}

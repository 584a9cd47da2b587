/**
 * Layout choice by size: fcose (good, force-directed) below LARGE_VIEW nodes, concentric by degree
 * (linear time) above it. Expansions place new nodes on a ring round their anchor first, so even
 * without a layout run they appear next to the node that brought them.
 */
import cytoscape, { type Core, type LayoutOptions, type NodeCollection } from 'cytoscape';
import fcose from 'cytoscape-fcose';

let registered = false;
/** Registers the fcose extension once (Cytoscape warns when an extension is registered twice). */
export function registerLayouts(): void {
  if (registered) return;
  cytoscape.use(fcose);
  registered = true;
}

export const LARGE_VIEW = 2000;

export function fullLayout(cy: Core): LayoutOptions {
  const n = cy.nodes().length;
  if (n < LARGE_VIEW) {
    return {
      name: 'fcose',
      quality: n < 500 ? 'proof' : 'default',
      randomize: true,
      animate: false,
      nodeDimensionsIncludeLabels: false,
      idealEdgeLength: 70,
      nodeRepulsion: 6000,
      packComponents: true,
    } as LayoutOptions;
  }
  return {
    name: 'concentric',
    animate: false,
    concentric: (node: { data(key: string): unknown }) => Number(node.data('degree') ?? 0),
    levelWidth: () => 4,
    minNodeSpacing: 6,
    avoidOverlap: false,
  } as LayoutOptions;
}

/** Puts `added` on rings round `anchor` (60 per ring), before an incremental layout polishes it. */
export function placeAround(cy: Core, anchorId: string, added: NodeCollection): void {
  const anchor = cy.getElementById(anchorId);
  if (anchor.empty() || added.empty()) return;
  const { x, y } = anchor.position();
  added.forEach((node, i) => {
    const ring = Math.floor(i / 60);
    const inRing = Math.min(60, added.length - ring * 60);
    const angle = (2 * Math.PI * (i % 60)) / inRing + ring * 0.3;
    const r = 110 + ring * 60;
    node.position({ x: x + r * Math.cos(angle), y: y + r * Math.sin(angle) });
  });
}

/** After an expansion in a small view: fcose from the current positions, animated, so the eye follows. */
export function incrementalLayout(cy: Core): LayoutOptions | null {
  if (cy.nodes().length >= LARGE_VIEW) return null;
  return {
    name: 'fcose',
    quality: 'default',
    randomize: false,
    animate: true,
    animationDuration: 400,
    fit: false,
    idealEdgeLength: 70,
    nodeRepulsion: 6000,
  } as LayoutOptions;
}

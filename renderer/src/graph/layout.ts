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

/**
 * Small views: fcose, with fewer iterations as the view grows so a layout stays within a few
 * seconds on a slow machine. Large views: `null`, meaning "use sunflowerLayout" below.
 */
export function fullLayout(cy: Core): LayoutOptions | null {
  const n = cy.nodes().length;
  if (n >= LARGE_VIEW) return null;
  return {
    name: 'fcose',
    quality: 'default',
    numIter: n < 500 ? 2500 : 600,
    randomize: true,
    animate: false,
    nodeDimensionsIncludeLabels: false,
    idealEdgeLength: 70,
    nodeRepulsion: 6000,
    packComponents: true,
  } as LayoutOptions;
}

/**
 * Large views: nodes on a sunflower (golden-angle) spiral by falling degree, hubs in the middle.
 * Linear time and no label measuring: on 5,000 nodes it took 39 ms where Cytoscape's own
 * concentric layout took 3.5 s and grid 8 s (same page, same machine), because those measure
 * every node's label box.
 */
export function sunflowerLayout(cy: Core, spacing = 22): void {
  const nodes = cy.nodes().sort((a, b) => Number(b.data('degree') ?? 0) - Number(a.data('degree') ?? 0));
  const golden = Math.PI * (3 - Math.sqrt(5));
  cy.batch(() => {
    nodes.forEach((node, i) => {
      const r = spacing * Math.sqrt(i);
      node.position({ x: r * Math.cos(i * golden), y: r * Math.sin(i * golden) });
    });
  });
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

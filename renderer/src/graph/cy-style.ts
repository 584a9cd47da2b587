/**
 * The Cytoscape stylesheet. Labels are canvas text drawn by Cytoscape (never HTML). Edge labels
 * and small node labels vanish when zoomed out (min-zoomed-font-size). Arrows only on directed
 * edges; large views drop arrows and edge labels and use haystack edges, the cheapest Cytoscape
 * draws (see render-mode.ts for the renderer options that go with them).
 */
import type { StylesheetJson } from 'cytoscape';
import { HANDLE_COLOR } from './colors';

export interface StyleOptions {
  dark: boolean;
  large: boolean;
  /** Many nodes on screen: only hub labels at the fitted zoom, the rest appear as the user zooms in. */
  dense?: boolean;
}

/** In large views, nodes with fewer links than this carry no label (the selected one always does). */
export const LARGE_LABEL_DEGREE = 8;

/** Views with more nodes than this keep small labels for when the user zooms in (less clutter). */
export const DENSE_VIEW = 150;

export function buildStyle({ dark, large, dense = false }: StyleOptions): StylesheetJson {
  const text = dark ? '#e8eaed' : '#202124';
  const halo = dark ? '#1e1f22' : '#ffffff';
  const edge = dark ? '#5f6368' : '#b0b5ba';
  const accent = dark ? '#8ab4f8' : '#1a73e8';
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(color)',
        label: 'data(name)',
        width: 'mapData(degree, 0, 60, 14, 42)',
        height: 'mapData(degree, 0, 60, 14, 42)',
        color: text,
        // Hubs get bigger text, so their labels stay when zooming out and the small ones go first.
        'font-size': 'mapData(degree, 0, 60, 10, 16)',
        'min-zoomed-font-size': dense ? 15 : 12,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-max-width': '140px',
        // Ellipsis measures the text prefix by prefix; on thousands of nodes that alone took seconds.
        'text-wrap': large ? 'none' : 'ellipsis',
        'text-outline-color': halo,
        'text-outline-width': 2,
        'border-width': 1,
        'border-color': halo,
      },
    },
    {
      selector: 'node.more',
      style: {
        shape: 'round-rectangle',
        'background-color': HANDLE_COLOR,
        // Sized from the text ("+123 more"): width:'label' is deprecated in Cytoscape 3.34.
        width: 'data(labelWidth)',
        height: 18,
        'text-valign': 'center',
        'text-margin-y': 0,
        'font-size': 10,
        color: '#ffffff',
        'text-outline-width': 0,
        'min-zoomed-font-size': 4,
      },
    },
    // Large views label only their hubs: every label costs a measurement (and a WebGL texture).
    ...(large ? [{ selector: `node[degree < ${LARGE_LABEL_DEGREE}]`, style: { label: '' } }] : []),
    {
      selector: 'node:selected',
      // The selected node's label shows at any zoom.
      style: { label: 'data(name)', 'border-width': 3, 'border-color': accent, 'z-index': 10, 'min-zoomed-font-size': 0 },
    },
    {
      selector: 'edge',
      style: {
        width: 1.2,
        'line-color': edge,
        'target-arrow-color': edge,
        'target-arrow-shape': 'none',
        'arrow-scale': 0.7,
        'curve-style': 'haystack',
        'haystack-radius': 0,
        label: large ? '' : 'data(type)',
        'font-size': 9,
        // Edge labels only once the user has zoomed in enough to read them.
        'min-zoomed-font-size': 12,
        color: text,
        'text-rotation': 'autorotate',
        'text-outline-color': halo,
        'text-outline-width': 2,
      },
    },
    // Arrows need a curve style that supports them; haystack (fast, no arrows) stays for large views.
    ...(large ? [] : [{ selector: 'edge.directed', style: { 'curve-style': 'straight' as const, 'target-arrow-shape': 'triangle' as const } }]),
    // A pinned node wears a double ring; it ignores drags and layouts until unpinned.
    { selector: 'node.pinned', style: { 'border-width': 3, 'border-style': 'double', 'border-color': text } },
    // Filtered out by type or relation (legend, filter panel): kept on the canvas, not drawn.
    { selector: '.filtered', style: { display: 'none' } },
    { selector: 'edge.more', style: { 'line-style': 'dashed', 'target-arrow-shape': 'none', label: '' } },
    { selector: 'edge:selected', style: { 'line-color': accent, 'target-arrow-color': accent, width: 2 } },
  ];
}

/**
 * How the canvas draws, by view size. Cytoscape's renderer options are fixed at construction, so
 * a change of mode means a new Cytoscape instance (see the explore canvas controller).
 *  - 'canvas': small views, everything drawn (arrows, curved edge labels).
 *  - 'canvas-large': the 2D canvas with Cytoscape's recommended settings for big graphs: haystack
 *    edges without arrows or labels, edges hidden and a cached bitmap drawn while panning/zooming.
 *  - 'webgl': Cytoscape 3.31+'s WebGL renderer (nodes and edges drawn by the GPU) with the same
 *    style economies; chosen past WEBGL_ELEMENTS when the browser offers WebGL2.
 */
import type { CytoscapeOptions } from 'cytoscape';
import { LARGE_VIEW } from './layout';

export type RenderMode = 'canvas' | 'canvas-large' | 'webgl';
export type RenderPreference = 'auto' | 'canvas' | 'webgl';

/** Nodes + edges past which WebGL draws (the canvas renderer drops below 30 fps near here). */
export const WEBGL_ELEMENTS = 4000;

export function chooseRenderMode(nodes: number, edges: number, pref: RenderPreference, webgl: boolean): RenderMode {
  const large = nodes >= LARGE_VIEW || nodes + edges >= WEBGL_ELEMENTS;
  if (pref === 'webgl' && webgl) return 'webgl';
  if (pref === 'canvas') return large ? 'canvas-large' : 'canvas';
  if (webgl && nodes + edges >= WEBGL_ELEMENTS) return 'webgl';
  return large ? 'canvas-large' : 'canvas';
}

let webglChecked: boolean | undefined;
/** Whether this browser gives a WebGL2 context (Cytoscape's WebGL renderer needs it). */
export function hasWebgl2(): boolean {
  if (webglChecked !== undefined) return webglChecked;
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2');
    webglChecked = !!gl;
    (gl?.getExtension('WEBGL_lose_context') as { loseContext(): void } | null)?.loseContext();
  } catch {
    webglChecked = false;
  }
  return webglChecked;
}

/** The construction options of a mode (merged into the rest of the Cytoscape options). */
export function rendererOptions(mode: RenderMode): Partial<CytoscapeOptions> {
  if (mode === 'canvas') return { hideEdgesOnViewport: false, textureOnViewport: false };
  const renderer = mode === 'webgl' ? { name: 'canvas', webgl: true, webglTexSize: 4096, webglBatchSize: 4096 } : { name: 'canvas' };
  return {
    renderer,
    hideEdgesOnViewport: true,
    // The cached bitmap is the 2D canvas's trick; WebGL redraws from its atlases fast enough.
    textureOnViewport: mode === 'canvas-large',
    pixelRatio: 1,
  } as Partial<CytoscapeOptions>;
}

export const isLargeMode = (mode: RenderMode): boolean => mode !== 'canvas';

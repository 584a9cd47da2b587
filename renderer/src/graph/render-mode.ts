/**
 * How the canvas draws, by view size. Cytoscape's renderer options are fixed at construction, so
 * a change of mode means a new Cytoscape instance (see the explore canvas controller).
 *  - 'canvas': small views, everything drawn (arrows, curved edge labels).
 *  - 'canvas-large': the 2D canvas with Cytoscape's recommended settings for big graphs: haystack
 *    edges without arrows or labels, edges hidden and a cached bitmap drawn while panning/zooming.
 *  - 'webgl': Cytoscape 3.31+'s WebGL renderer (nodes and edges drawn by the GPU) with the same
 *    style economies; chosen past WEBGL_ELEMENTS when the browser offers hardware WebGL2 (software
 *    GL such as SwiftShader measured 5-30x slower than the 2D canvas on the CPU, see bench "render").
 */
import type { CytoscapeOptions } from 'cytoscape';
import { LARGE_VIEW } from './layout';

export type RenderMode = 'canvas' | 'canvas-large' | 'webgl';
export type RenderPreference = 'auto' | 'canvas' | 'webgl';

/** Nodes + edges past which WebGL draws (the canvas renderer drops below 30 fps near here). */
export const WEBGL_ELEMENTS = 4000;

/**
 * `webgl`: hardware WebGL2 is there (auto uses it); `webglAny`: any WebGL2, software included
 * (an explicit choice of WebGL uses it).
 */
export function chooseRenderMode(nodes: number, edges: number, pref: RenderPreference, webgl: boolean, webglAny = webgl): RenderMode {
  const large = nodes >= LARGE_VIEW || nodes + edges >= WEBGL_ELEMENTS;
  if (pref === 'webgl' && webglAny) return 'webgl';
  if (pref === 'canvas') return large ? 'canvas-large' : 'canvas';
  if (webgl && nodes + edges >= WEBGL_ELEMENTS) return 'webgl';
  return large ? 'canvas-large' : 'canvas';
}

export interface WebglSupport {
  /** A WebGL2 context can be had (Cytoscape's WebGL renderer needs it). */
  available: boolean;
  /** It is a software GL (SwiftShader, llvmpipe): measured 5-30x slower than the 2D canvas on the CPU. */
  software: boolean;
  renderer: string;
}

let webglChecked: WebglSupport | undefined;

const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|basic render/i;

export function webglSupport(): WebglSupport {
  if (webglChecked) return webglChecked;
  webglChecked = { available: false, software: false, renderer: '' };
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2');
    if (gl) {
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
      webglChecked = { available: true, software: SOFTWARE_GL.test(renderer), renderer };
      (gl.getExtension('WEBGL_lose_context') as { loseContext(): void } | null)?.loseContext();
    }
  } catch {
    // No canvas or no GL: the 2D canvas it is.
  }
  return webglChecked;
}

/** Whether "auto" may pick WebGL: a hardware WebGL2 (a user can still choose WebGL by hand). */
export function hasWebgl2(): boolean {
  const s = webglSupport();
  return s.available && !s.software;
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

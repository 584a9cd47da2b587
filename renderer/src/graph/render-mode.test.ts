import { describe, expect, it } from 'vitest';
import { chooseRenderMode, rendererOptions, WEBGL_ELEMENTS } from './render-mode';
import { LARGE_VIEW } from './layout';

describe('chooseRenderMode', () => {
  it('draws small views fully on the 2D canvas, large ones with WebGL when the browser has it', () => {
    expect(chooseRenderMode(300, 2400, 'auto', true)).toBe('canvas');
    expect(chooseRenderMode(1000, WEBGL_ELEMENTS, 'auto', true)).toBe('webgl');
    expect(chooseRenderMode(1000, WEBGL_ELEMENTS, 'auto', false)).toBe('canvas-large');
    expect(chooseRenderMode(LARGE_VIEW, 0, 'auto', false)).toBe('canvas-large');
  });

  it('follows an explicit choice, falling back when WebGL is missing', () => {
    expect(chooseRenderMode(10, 10, 'webgl', true)).toBe('webgl');
    expect(chooseRenderMode(10, 10, 'webgl', false)).toBe('canvas');
    // Software WebGL: auto keeps the 2D canvas, an explicit choice gets WebGL.
    expect(chooseRenderMode(5000, 10_000, 'auto', false, true)).toBe('canvas-large');
    expect(chooseRenderMode(5000, 10_000, 'webgl', false, true)).toBe('webgl');
    expect(chooseRenderMode(50_000, 100_000, 'canvas', true)).toBe('canvas-large');
  });

  it('large modes hide edges while moving; only the 2D canvas uses the bitmap', () => {
    expect(rendererOptions('canvas')).toMatchObject({ hideEdgesOnViewport: false, textureOnViewport: false });
    expect(rendererOptions('canvas-large')).toMatchObject({ hideEdgesOnViewport: true, textureOnViewport: true });
    expect(rendererOptions('webgl')).toMatchObject({ hideEdgesOnViewport: true, textureOnViewport: false, renderer: { name: 'canvas', webgl: true } });
  });
});

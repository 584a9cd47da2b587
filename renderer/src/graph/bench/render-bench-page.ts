/**
 * The page the render benchmark drives (electron/node/bench/scenarios/render.ts): a full-window
 * Cytoscape canvas with the app's own stylesheet and renderer options, filled with a generated
 * graph, and a frame-time recorder (requestAnimationFrame intervals while the driver pans and
 * zooms with real mouse input). Bundled by the driver with esbuild; no app, no host.
 */
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { buildStyle } from '../cy-style';
import { isLargeMode, rendererOptions, webglSupport, type RenderMode } from '../render-mode';
import { colorForType } from '../colors';

const TYPES = ['entity', 'event', 'concept', 'passage', 'Person', 'Place'];

/** A scale-free-ish graph (preferential attachment), seeded so every run draws the same picture. */
function generate(nodes: number, edges: number): ElementDefinition[] {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const degree = new Uint32Array(nodes);
  const ends: number[] = [];
  for (let e = 0; e < edges; e++) {
    const s = Math.floor(rand() * nodes);
    // Half the targets by degree (hubs), half uniform.
    const t = ends.length && rand() < 0.5 ? ends[Math.floor(rand() * ends.length)] : Math.floor(rand() * nodes);
    ends.push(s, t);
    degree[s]++;
    degree[t]++;
  }
  const els: ElementDefinition[] = [];
  const golden = Math.PI * (3 - Math.sqrt(5));
  const order = Array.from({ length: nodes }, (_, i) => i).sort((a, b) => degree[b] - degree[a]);
  const rank = new Uint32Array(nodes);
  order.forEach((i, k) => (rank[i] = k));
  for (let i = 0; i < nodes; i++) {
    const type = TYPES[i % TYPES.length];
    const r = 22 * Math.sqrt(rank[i]);
    els.push({
      group: 'nodes',
      data: { id: `n${i}`, name: `Node ${i}`, type, degree: degree[i], color: colorForType(type) },
      position: { x: r * Math.cos(rank[i] * golden), y: r * Math.sin(rank[i] * golden) },
    });
  }
  for (let e = 0; e < edges; e++) {
    els.push({ group: 'edges', data: { id: `e${e}`, source: `n${ends[2 * e]}`, target: `n${ends[2 * e + 1]}`, type: 'rel' }, classes: e % 2 ? 'directed' : undefined });
  }
  return els;
}

let cy: Core | null = null;
let frames: number[] = [];
let recording = false;
let last = 0;

function tick(t: number): void {
  if (!recording) return;
  if (last) frames.push(t - last);
  last = t;
  requestAnimationFrame(tick);
}

const api = {
  webgl: () => webglSupport(),
  async setup(nodes: number, edges: number, mode: RenderMode): Promise<{ ms: number; mode: RenderMode }> {
    cy?.destroy();
    const t0 = performance.now();
    cy = cytoscape({
      container: document.getElementById('cy'),
      style: buildStyle({ dark: false, large: isLargeMode(mode) }),
      minZoom: 0.02,
      maxZoom: 4,
      ...rendererOptions(mode),
    });
    cy.batch(() => cy!.add(generate(nodes, edges)));
    cy.fit(undefined, 20);
    // Two frames: the first draw has happened.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return { ms: performance.now() - t0, mode };
  },
  start(): void {
    frames = [];
    last = 0;
    recording = true;
    requestAnimationFrame(tick);
  },
  stop(): { frames: number; meanMs: number; p95Ms: number; fps: number } {
    recording = false;
    const sorted = [...frames].sort((a, b) => a - b);
    const total = frames.reduce((a, b) => a + b, 0);
    return {
      frames: frames.length,
      meanMs: frames.length ? total / frames.length : NaN,
      p95Ms: sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] : NaN,
      fps: total ? (frames.length * 1000) / total : 0,
    };
  },
  zoom: () => cy?.zoom() ?? 0,
};

(window as unknown as { __bench: typeof api }).__bench = api;

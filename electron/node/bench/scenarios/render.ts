/**
 * Render scenarios (issue "Explore"): frame time of the explore canvas while a user pans (mouse
 * drag) and zooms (wheel), in headless Chromium (SwiftShader: relative numbers, no GPU here), for
 * generated views of 1K, 5K and 20K nodes, the 2D canvas renderer against Cytoscape's WebGL one.
 * The page (renderer/src/graph/bench/render-bench-page.ts) uses the app's stylesheet and renderer
 * options; it is bundled with esbuild at run time, and Chromium is driven by playwright-core
 * (both dev dependencies, loaded from the repo at run time so the bench bundle stays small).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { BenchContext, Scenario, ScenarioResult } from '../scenario';

type Mode = 'canvas-large' | 'canvas' | 'webgl';

interface Browserish {
  newPage(opts: { viewport: { width: number; height: number } }): Promise<Pageish>;
  close(): Promise<void>;
}
interface Pageish {
  goto(url: string): Promise<unknown>;
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  mouse: { move(x: number, y: number): Promise<void>; down(): Promise<void>; up(): Promise<void>; wheel(dx: number, dy: number): Promise<void> };
  close(): Promise<void>;
}

const WIDTH = 1280;
const HEIGHT = 800;
const PAN_MS = 2500;
const ZOOM_MS = 2500;

/** The repo root: the folder above this file (sources) or the bundle (dist/node) with our package.json. */
function repoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'kg-workbench') return dir;
    dir = path.dirname(dir);
  }
  throw new Error('render bench: cannot find the repository root (package.json of kg-workbench)');
}

let pageUrl: string | null = null;
const browsers = new Map<'cpu' | 'gl', Browserish>();

/** Bundled into each scenario's scratch folder (the runner removes it after the scenario). */
async function bundlePage(ctx: BenchContext): Promise<string> {
  if (pageUrl && fs.existsSync(new URL(pageUrl).pathname)) return pageUrl;
  const root = repoRoot();
  const req = createRequire(path.join(root, 'package.json'));
  const esbuild = req('esbuild') as typeof import('esbuild');
  const out = path.join(ctx.tmpDir, 'render-bench');
  fs.mkdirSync(out, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(root, 'renderer/src/graph/bench/render-bench-page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    outfile: path.join(out, 'page.js'),
    logLevel: 'warning',
  });
  fs.writeFileSync(
    path.join(out, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;height:100%}#cy{width:${WIDTH}px;height:${HEIGHT}px}</style></head><body><div id="cy"></div><script src="page.js"></script></body></html>`,
  );
  pageUrl = `file://${path.join(out, 'index.html')}`;
  return pageUrl;
}

/**
 * No GPU here. The 2D canvas runs on Skia's CPU rasteriser (--disable-gpu, as the E2E tests and a
 * GPU-less user get it); WebGL needs a GL, so it runs on SwiftShader (software GL). Sending the
 * 2D canvas through SwiftShader too made it 3-5x slower than the CPU path, which no user sees.
 */
async function launch(kind: 'cpu' | 'gl'): Promise<Browserish> {
  const open = browsers.get(kind);
  if (open) return open;
  const req = createRequire(path.join(repoRoot(), 'package.json'));
  const { chromium } = req('playwright-core') as { chromium: { launch(o: object): Promise<Browserish> } };
  const gpuArgs = kind === 'gl' ? ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'] : ['--disable-gpu'];
  const b = await chromium.launch({
    executablePath: process.env.KGW_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', ...gpuArgs, '--disable-background-networking', '--disable-component-update'],
  });
  browsers.set(kind, b);
  return b;
}

async function measure(ctx: BenchContext, nodes: number, edges: number, mode: Mode): Promise<ScenarioResult> {
  const url = await bundlePage(ctx);
  const b = await launch(mode === 'webgl' ? 'gl' : 'cpu');
  const page = await b.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
  try {
    await page.goto(url);
    type Bench = {
      webgl(): { available: boolean; software: boolean; renderer: string };
      setup(n: number, e: number, m: Mode): Promise<{ ms: number }>;
      start(): void;
      stop(): { frames: number; meanMs: number; p95Ms: number; fps: number };
    };
    const bench = '__bench' as const;
    const webgl = await page.evaluate((k) => (globalThis as unknown as Record<string, Bench>)[k].webgl(), bench);
    if (mode === 'webgl' && !webgl.available) throw new Error('render bench: this Chromium gives no WebGL2 context (SwiftShader missing?)');
    const setup = await page.evaluate(([k, n, e, m]) => (globalThis as unknown as Record<string, Bench>)[k].setup(n, e, m), [bench, nodes, edges, mode] as [string, number, number, Mode]);
    ctx.log(`render: ${nodes} nodes / ${edges} edges on ${mode}: first draw after ${Math.round(setup.ms)} ms`);

    // Pan: a drag in a circle, one mouse move per ~16 ms, as a hand does.
    const cx = WIDTH / 2;
    const cy = HEIGHT / 2;
    await page.mouse.move(cx, cy);
    await page.evaluate((k) => (globalThis as unknown as Record<string, Bench>)[k].start(), bench);
    await page.mouse.down();
    const t0 = Date.now();
    for (let i = 0; Date.now() - t0 < PAN_MS; i++) {
      await page.mouse.move(cx + 200 * Math.cos(i / 10), cy + 150 * Math.sin(i / 10));
      await new Promise((r) => setTimeout(r, 16));
    }
    await page.mouse.up();
    const pan = await page.evaluate((k) => (globalThis as unknown as Record<string, Bench>)[k].stop(), bench);

    // Zoom: wheel steps in and out round the middle.
    await page.evaluate((k) => (globalThis as unknown as Record<string, Bench>)[k].start(), bench);
    const t1 = Date.now();
    for (let i = 0; Date.now() - t1 < ZOOM_MS; i++) {
      await page.mouse.wheel(0, Math.floor(i / 20) % 2 ? 60 : -60);
      await new Promise((r) => setTimeout(r, 16));
    }
    const zoom = await page.evaluate((k) => (globalThis as unknown as Record<string, Bench>)[k].stop(), bench);

    const meanMs = (pan.meanMs * pan.frames + zoom.meanMs * zoom.frames) / Math.max(1, pan.frames + zoom.frames);
    return {
      ms: meanMs,
      extra: {
        fps: Math.round((1000 / meanMs) * 10) / 10,
        panFps: Math.round(pan.fps * 10) / 10,
        panP95Ms: Math.round(pan.p95Ms),
        zoomFps: Math.round(zoom.fps * 10) / 10,
        zoomP95Ms: Math.round(zoom.p95Ms),
        firstDrawMs: Math.round(setup.ms),
        renderer: mode === 'webgl' ? `webgl (${webgl.software ? 'software' : 'hardware'})` : mode,
      },
    };
  } finally {
    await page.close();
  }
}

/** Closes the shared browsers after the last render scenario of a run (the runner has no teardown hook). */
async function measureLast(ctx: BenchContext, nodes: number, edges: number, mode: Mode): Promise<ScenarioResult> {
  try {
    return await measure(ctx, nodes, edges, mode);
  } finally {
    for (const b of browsers.values()) await b.close();
    browsers.clear();
    pageUrl = null;
  }
}

const TARGET = { text: '>= 30 fps (<= 33 ms/frame)', ms: 33.3 };

function scenario(nodes: number, edges: number, mode: Mode, quick: boolean, last = false): Scenario {
  const k = (n: number) => `${n / 1000}K`;
  return {
    group: 'render',
    name: `pan + zoom frame time, ${mode === 'webgl' ? 'WebGL' : mode === 'canvas' ? 'canvas (full style)' : 'canvas (large-view settings)'}`,
    size: `${k(nodes)} nodes / ${k(edges)} edges`,
    target: nodes === 5000 ? TARGET : undefined,
    quick,
    run: (ctx) => (last ? measureLast(ctx, nodes, edges, mode) : measure(ctx, nodes, edges, mode)),
  };
}

export const scenarios: Scenario[] = [
  scenario(1000, 2000, 'canvas', true),
  scenario(1000, 2000, 'webgl', true),
  scenario(5000, 10000, 'canvas-large', true),
  scenario(5000, 10000, 'webgl', true, true),
  scenario(20000, 50000, 'canvas-large', false),
  scenario(20000, 50000, 'webgl', false, true),
];

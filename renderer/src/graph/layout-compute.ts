/**
 * Layout algorithms as pure functions over typed arrays, so they run in a Web Worker (see
 * layout-worker.ts) and in unit tests alike. Positions come back in Cytoscape's model units;
 * pinned nodes keep the position they came with, whatever the algorithm does.
 *
 * Choice for "auto": fcose (Cytoscape headless, best-looking) below FCOSE_MAX nodes, graphology's
 * ForceAtlas2 with Barnes-Hut above it (O(n log n) per iteration, iterated until a time budget is
 * spent). The seed's fcose took 12–38 s on 1,000 nodes on the main thread.
 */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import dagre from '@dagrejs/dagre';

export const LAYOUT_NAMES = ['auto', 'fcose', 'forceatlas2', 'dagre', 'circle', 'grid', 'concentric'] as const;
export type LayoutName = (typeof LAYOUT_NAMES)[number];

export const FCOSE_MAX = 600;
/** Dagre's crossing minimisation grows fast (200 nodes / 360 edges: 3.4 s here); past this it would take minutes, so it refuses. */
export const DAGRE_MAX = 800;

export interface LayoutInput {
  ids: string[];
  x: Float64Array;
  y: Float64Array;
  degree: Float64Array;
  /** 1 where the user pinned the node: its position is kept. */
  pinned: Uint8Array;
  /** Edge endpoints as indices into `ids`, two per edge. */
  edges: Uint32Array;
  /** Types, for ordering circle/grid so a type's nodes sit together. */
  types: string[];
  /** Start from the given positions (an incremental run) instead of from scratch. */
  incremental: boolean;
}

export interface LayoutOutput {
  x: Float64Array;
  y: Float64Array;
  /** The algorithm that really ran ('auto' resolved). */
  algorithm: Exclude<LayoutName, 'auto'>;
  ms: number;
  iterations?: number;
}

export interface LayoutOptions {
  /** Iterative layouts stop after this much time (ForceAtlas2). */
  timeBudgetMs?: number;
}

export class LayoutError extends Error {}

let fcoseRegistered = false;

export function resolveLayout(name: LayoutName, n: number): Exclude<LayoutName, 'auto'> {
  if (name !== 'auto') return name;
  return n <= FCOSE_MAX ? 'fcose' : 'forceatlas2';
}

export function computeLayout(name: LayoutName, input: LayoutInput, opts: LayoutOptions = {}): LayoutOutput {
  const t0 = performance.now();
  const n = input.ids.length;
  const algorithm = resolveLayout(name, n);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let iterations: number | undefined;
  if (n > 0) {
    switch (algorithm) {
      case 'fcose':
        fcoseLayout(input, x, y);
        break;
      case 'forceatlas2':
        iterations = forceAtlasLayout(input, x, y, opts.timeBudgetMs ?? 4000);
        break;
      case 'dagre':
        dagreLayout(input, x, y);
        break;
      case 'circle':
        circleLayout(input, x, y);
        break;
      case 'grid':
        gridLayout(input, x, y);
        break;
      case 'concentric':
        concentricLayout(input, x, y);
        break;
    }
    keepPinned(input, x, y);
  }
  return { x, y, algorithm, ms: performance.now() - t0, iterations };
}

function keepPinned(input: LayoutInput, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < input.ids.length; i++) {
    if (input.pinned[i]) {
      x[i] = input.x[i];
      y[i] = input.y[i];
    }
  }
}

/** Nodes ordered by type (so a type's nodes sit together), then by falling degree. */
function typeDegreeOrder(input: LayoutInput): number[] {
  const order = input.ids.map((_, i) => i);
  order.sort((a, b) => (input.types[a] < input.types[b] ? -1 : input.types[a] > input.types[b] ? 1 : input.degree[b] - input.degree[a]));
  return order;
}

function degreeOrder(input: LayoutInput): number[] {
  return input.ids.map((_, i) => i).sort((a, b) => input.degree[b] - input.degree[a]);
}

const SPACING = 45;

function circleLayout(input: LayoutInput, x: Float64Array, y: Float64Array): void {
  const order = typeDegreeOrder(input);
  const n = order.length;
  const r = Math.max(80, (n * SPACING) / (2 * Math.PI));
  order.forEach((i, k) => {
    const a = (2 * Math.PI * k) / n;
    x[i] = r * Math.cos(a);
    y[i] = r * Math.sin(a);
  });
}

function gridLayout(input: LayoutInput, x: Float64Array, y: Float64Array): void {
  const order = typeDegreeOrder(input);
  const cols = Math.ceil(Math.sqrt(order.length));
  order.forEach((i, k) => {
    x[i] = (k % cols) * SPACING;
    y[i] = Math.floor(k / cols) * SPACING;
  });
}

/** Rings by falling degree, hubs in the middle; each ring holds as many nodes as its length allows. */
function concentricLayout(input: LayoutInput, x: Float64Array, y: Float64Array): void {
  const order = degreeOrder(input);
  let k = 0;
  for (let ring = 0; k < order.length; ring++) {
    const r = ring * SPACING * 1.2;
    const capacity = ring === 0 ? 1 : Math.floor((2 * Math.PI * r) / SPACING);
    const inRing = Math.min(capacity, order.length - k);
    for (let j = 0; j < inRing; j++, k++) {
      const a = (2 * Math.PI * j) / inRing + ring * 0.5;
      x[order[k]] = r * Math.cos(a);
      y[order[k]] = r * Math.sin(a);
    }
  }
}

function dagreLayout(input: LayoutInput, x: Float64Array, y: Float64Array): void {
  const n = input.ids.length;
  if (n > DAGRE_MAX) {
    throw new LayoutError(`The hierarchical layout handles up to ${DAGRE_MAX.toLocaleString('en-US')} nodes; this view has ${n.toLocaleString('en-US')}. Use ForceAtlas2, or hide some nodes first.`);
  }
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'TB', nodesep: 18, ranksep: 70, edgesep: 6 });
  g.setDefaultEdgeLabel(() => ({}));
  for (let i = 0; i < n; i++) g.setNode(String(i), { width: 30, height: 30 });
  for (let e = 0; e < input.edges.length; e += 2) {
    const s = input.edges[e];
    const t = input.edges[e + 1];
    if (s !== t) g.setEdge(String(s), String(t));
  }
  dagre.layout(g);
  for (let i = 0; i < n; i++) {
    const p = g.node(String(i));
    x[i] = p.x;
    y[i] = p.y;
  }
}

/** Fills in a start position for nodes that have none yet (golden-angle spiral by degree). */
function seedPositions(input: LayoutInput, x: Float64Array, y: Float64Array): void {
  if (input.incremental) {
    x.set(input.x);
    y.set(input.y);
    return;
  }
  const golden = Math.PI * (3 - Math.sqrt(5));
  degreeOrder(input).forEach((i, k) => {
    const r = 20 * Math.sqrt(k);
    x[i] = r * Math.cos(k * golden);
    y[i] = r * Math.sin(k * golden);
  });
}

function forceAtlasLayout(input: LayoutInput, x: Float64Array, y: Float64Array, budgetMs: number): number {
  const n = input.ids.length;
  seedPositions(input, x, y);
  const g = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (let i = 0; i < n; i++) g.addNode(i, { x: x[i], y: y[i], fixed: input.pinned[i] === 1, size: 1 + Math.log1p(input.degree[i]) });
  for (let e = 0; e < input.edges.length; e += 2) {
    const s = input.edges[e];
    const t = input.edges[e + 1];
    if (s !== t && !g.hasEdge(s, t)) g.addEdge(s, t);
  }
  // Strong gravity keeps small components and isolated nodes near the rest: with the default
  // gravity they drift far out and the fitted view shrinks the main component to a blot.
  const settings = { ...forceAtlas2.inferSettings(g), barnesHutOptimize: n > 400, adjustSizes: false, strongGravityMode: true, gravity: 0.2 };
  // Iterate in chunks until converged enough (maxIterations) or the time budget is spent.
  const maxIterations = n < 2000 ? 600 : 300;
  const chunk = n < 5000 ? 25 : 5;
  const start = performance.now();
  let done = 0;
  while (done < maxIterations && performance.now() - start < budgetMs) {
    forceAtlas2.assign(g, { iterations: chunk, settings });
    done += chunk;
  }
  g.forEachNode((key, attr) => {
    x[Number(key)] = attr.x as number;
    y[Number(key)] = attr.y as number;
  });
  rescale(x, y, input.pinned);
  return done;
}

/** ForceAtlas2 has its own scale; bring it to ~40 model units of room per node, like the other layouts. */
function rescale(x: Float64Array, y: Float64Array, pinned: Uint8Array): void {
  const n = x.length;
  if (n < 2) return;
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    if (x[i] < minX) minX = x[i];
    if (x[i] > maxX) maxX = x[i];
    if (y[i] < minY) minY = y[i];
    if (y[i] > maxY) maxY = y[i];
  }
  const area = Math.max(1e-9, (maxX - minX) * (maxY - minY));
  const scale = (40 * Math.sqrt(n)) / Math.sqrt(area);
  // With pinned nodes the frame of reference is theirs: rescaling would move everything off them.
  if (pinned.some((p) => p === 1)) return;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  for (let i = 0; i < n; i++) {
    x[i] = (x[i] - cx) * scale;
    y[i] = (y[i] - cy) * scale;
  }
}

function fcoseLayout(input: LayoutInput, x: Float64Array, y: Float64Array): void {
  if (!fcoseRegistered) {
    cytoscape.use(fcose);
    fcoseRegistered = true;
  }
  const n = input.ids.length;
  seedPositions(input, x, y);
  const cy = cytoscape({ headless: true, styleEnabled: true });
  const els: cytoscape.ElementDefinition[] = [];
  for (let i = 0; i < n; i++) els.push({ group: 'nodes', data: { id: `n${i}` }, position: { x: x[i], y: y[i] } });
  for (let e = 0; e < input.edges.length; e += 2) {
    els.push({ group: 'edges', data: { id: `e${e}`, source: `n${input.edges[e]}`, target: `n${input.edges[e + 1]}` } });
  }
  cy.add(els);
  cy.nodes().style({ width: 24, height: 24 });
  const fixed = [];
  for (let i = 0; i < n; i++) if (input.pinned[i]) fixed.push({ nodeId: `n${i}`, position: { x: input.x[i], y: input.y[i] } });
  cy.layout({
    name: 'fcose',
    quality: 'default',
    numIter: n < 300 ? 2500 : 1000,
    randomize: !input.incremental,
    animate: false,
    fit: false,
    nodeDimensionsIncludeLabels: false,
    idealEdgeLength: 70,
    nodeRepulsion: 6000,
    packComponents: true,
    fixedNodeConstraint: fixed.length ? fixed : undefined,
  } as cytoscape.LayoutOptions).run();
  cy.nodes().forEach((node) => {
    const i = Number(node.id().slice(1));
    const p = node.position();
    x[i] = p.x;
    y[i] = p.y;
  });
  cy.destroy();
}

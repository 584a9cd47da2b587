/**
 * Runs a layout off the main thread and applies its result to the canvas in one batch.
 * The engine is a Web Worker in the app; tests (and a browser without workers) use the same
 * algorithms inline. A newer run cancels an older one: the worker is terminated, since a
 * synchronous computation cannot be interrupted any other way.
 */
import type { Core, NodeCollection } from 'cytoscape';
import { computeLayout, LayoutError, type LayoutInput, type LayoutName, type LayoutOutput } from './layout-compute';
import type { LayoutReply, LayoutRequest } from './layout-worker';

export interface LayoutEngine {
  compute(name: LayoutName, input: LayoutInput, timeBudgetMs?: number): Promise<LayoutOutput>;
  /** Abandons a running computation (its promise rejects with CancelledLayout). */
  cancel(): void;
}

export class CancelledLayout extends Error {
  constructor() {
    super('Layout replaced by a newer one');
  }
}

export function inlineEngine(): LayoutEngine {
  return {
    compute: async (name, input, timeBudgetMs) => computeLayout(name, input, { timeBudgetMs }),
    cancel: () => undefined,
  };
}

export function workerEngine(): LayoutEngine {
  let worker: Worker | null = null;
  let seq = 0;
  let pending: { id: number; resolve(o: LayoutOutput): void; reject(e: Error): void } | null = null;
  const spawn = () => {
    const w = new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module', name: 'layout' });
    w.onmessage = (e: MessageEvent<LayoutReply>) => {
      const msg = e.data;
      if (!pending || pending.id !== msg.id) return;
      const p = pending;
      pending = null;
      if (msg.ok) p.resolve({ x: msg.x, y: msg.y, algorithm: msg.algorithm as LayoutOutput['algorithm'], ms: msg.ms, iterations: msg.iterations });
      else p.reject(new LayoutError(msg.message));
    };
    w.onerror = (e) => {
      const p = pending;
      pending = null;
      p?.reject(new LayoutError(`The layout worker failed: ${e.message}`));
      w.terminate();
      if (worker === w) worker = null;
    };
    return w;
  };
  const engine: LayoutEngine = {
    compute(name, input, timeBudgetMs) {
      engine.cancel();
      worker ??= spawn();
      const id = ++seq;
      return new Promise<LayoutOutput>((resolve, reject) => {
        pending = { id, resolve, reject };
        const req: LayoutRequest = { id, name, input, timeBudgetMs };
        worker!.postMessage(req);
      });
    },
    cancel() {
      if (!pending) return;
      pending.reject(new CancelledLayout());
      pending = null;
      worker?.terminate();
      worker = null;
    },
  };
  return engine;
}

/** The default engine: a worker where the platform has one. */
export function defaultEngine(): LayoutEngine {
  return typeof Worker === 'undefined' ? inlineEngine() : workerEngine();
}

/** Collects the layout input of `nodes` (default: every node) and the edges among them. */
export function layoutInputOf(cy: Core, incremental: boolean, nodes: NodeCollection = cy.nodes()): LayoutInput {
  const n = nodes.length;
  const index = new Map<string, number>();
  const ids: string[] = new Array(n);
  const types: string[] = new Array(n);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const degree = new Float64Array(n);
  const pinned = new Uint8Array(n);
  nodes.forEach((node, i) => {
    ids[i] = node.id();
    index.set(ids[i], i);
    types[i] = String(node.data('type') ?? '');
    const p = node.position();
    x[i] = p.x;
    y[i] = p.y;
    degree[i] = Number(node.data('degree') ?? 0);
    pinned[i] = node.locked() ? 1 : 0;
  });
  const pairs: number[] = [];
  cy.edges().forEach((e) => {
    const s = index.get(e.data('source') as string);
    const t = index.get(e.data('target') as string);
    if (s !== undefined && t !== undefined) pairs.push(s, t);
  });
  return { ids, types, x, y, degree, pinned, edges: Uint32Array.from(pairs), incremental };
}

/**
 * Moves nodes to the computed positions in one batch (one style/render pass whatever the size).
 * Small views animate so the eye can follow; nodes removed meanwhile are skipped.
 */
export function applyLayout(cy: Core, input: LayoutInput, out: LayoutOutput, opts: { animate: boolean; fit: boolean }): void {
  const positions = new Map<string, { x: number; y: number }>();
  input.ids.forEach((id, i) => positions.set(id, { x: out.x[i], y: out.y[i] }));
  const nodes = cy.nodes().filter((n) => positions.has(n.id()) && !n.locked());
  if (opts.animate) {
    nodes.layout({ name: 'preset', positions: (n: { id(): string }) => positions.get(n.id())!, animate: true, animationDuration: 350, fit: opts.fit, padding: 30 } as never).run();
    return;
  }
  cy.batch(() => {
    nodes.positions((n) => positions.get((n as unknown as { id(): string }).id())!);
  });
  if (opts.fit) cy.fit(undefined, 30);
}

/**
 * Brings a Cytoscape instance in line with the store's visible sets: one `cy.batch()` that
 * removes what left and adds what came, then places the new nodes: saved positions first (the
 * workspace remembers where nodes were), else a layout computed off the main thread.
 * Positions of removed nodes are remembered so undo puts them back where they were.
 */
import type { CollectionReturnValue, Core, ElementDefinition, NodeCollection } from 'cytoscape';
import { colorForType } from './colors';
import { placeAround, sunflowerLayout } from './layout';
import { FCOSE_MAX, type LayoutName, type LayoutOutput } from './layout-compute';
import { applyLayout, CancelledLayout, defaultEngine, layoutInputOf, type LayoutEngine } from './layout-runner';
import type { ElementCache, VisibleSet } from './view-model';
import type { ViewChange } from '../store/graph-view-slice';

/**
 * Cytoscape keeps nodes and edges in one id space, and many files number both from 0 (GraphML,
 * GEXF): edge ids get a prefix on the canvas so edge "3" never collides with node "3".
 */
export const EDGE_PREFIX = 'e:';
export const cyEdgeId = (id: string): string => EDGE_PREFIX + id;

export interface SavedPosition {
  id: string;
  x: number;
  y: number;
  pinned: boolean;
}

/** Where positions persist (the workspace, through the host); absent in plain canvas tests. */
export interface PositionStore {
  load(ids: string[]): Promise<SavedPosition[]>;
  save(positions: SavedPosition[]): void;
}

export interface CySyncOptions {
  engine?: LayoutEngine;
  positions?: PositionStore;
  /** Saved pins found for nodes that came back (the store records them without a history step). */
  onPinsRestored?(ids: string[]): void;
  onLayoutDone?(info: { algorithm: string; ms: number; nodes: number }): void;
  onError?(message: string): void;
}

/** Share of a new view's nodes that must have saved positions for those to be used as they are. */
const RESTORE_SHARE = 0.8;

const isHandle = (id: string) => id.startsWith('more:');

export class CySync {
  private readonly lastPositions = new Map<string, { x: number; y: number }>();
  private readonly engine: LayoutEngine;
  /** Bumped by every change: async steps of an older change see it and stop. */
  private generation = 0;
  private busy = 0;
  private settledWaiters: Array<() => void> = [];

  constructor(
    private readonly cy: Core,
    private readonly opts: CySyncOptions = {},
  ) {
    this.engine = opts.engine ?? defaultEngine();
    cy.on('dragfree', 'node', (ev) => this.save(ev.target as NodeCollection));
  }

  apply(cache: ElementCache, view: VisibleSet, change: ViewChange): void {
    const cy = this.cy;
    const added: ElementDefinition[] = [];
    let addedEles: CollectionReturnValue = cy.collection();
    let toggled: NodeCollection = cy.collection();
    cy.batch(() => {
      const gone = cy.elements().filter((el) => !(el.isNode() ? view.nodeIds.has(el.id()) : view.edgeIds.has(el.data('eid') as string)));
      gone.nodes().forEach((n) => void this.lastPositions.set(n.id(), { ...n.position() }));
      cy.remove(gone);
      for (const id of view.nodeIds) {
        if (!cy.getElementById(id).empty()) continue;
        const node = cache.nodes.get(id);
        if (!node) continue;
        const isMore = node.kind === 'more';
        added.push({
          group: 'nodes',
          data: {
            id,
            name: node.name,
            type: node.type,
            degree: isMore ? 0 : (node.degree ?? 0),
            color: colorForType(node.type),
            labelWidth: isMore ? node.name.length * 6 + 14 : undefined,
          },
          classes: isMore ? 'more' : undefined,
          position: change.kind === 'history' ? this.lastPositions.get(id) : undefined,
        });
      }
      for (const id of view.edgeIds) {
        if (!cy.getElementById(cyEdgeId(id)).empty()) continue;
        const e = cache.edges.get(id);
        if (!e) continue;
        added.push({
          group: 'edges',
          data: { id: cyEdgeId(id), eid: id, source: e.source, target: e.target, type: e.type },
          classes: e.kind === 'more' ? 'more' : e.directed ? 'directed' : undefined,
        });
      }
      if (added.length) addedEles = cy.add(added);
      // Pins follow the view (undo/redo covers them); a locked node ignores drags and layouts.
      cy.nodes().forEach((n) => {
        const pin = view.pinned.has(n.id());
        if (pin === n.locked()) return;
        if (pin) n.lock();
        else n.unlock();
        n.toggleClass('pinned', pin);
        toggled = toggled.union(n);
      });
    });
    if (!toggled.empty()) this.save(toggled);
    if (change.kind === 'history') {
      // Nodes that come back by undo/redo sit where they were; only never-seen ones need a place.
      const fresh = addedEles.nodes().filter((n) => !this.lastPositions.has(n.id()));
      if (!fresh.empty()) void this.place(change, fresh);
    } else if (change.kind === 'replace' || change.kind === 'expand') {
      void this.place(change, addedEles.nodes());
    }
  }

  /** Runs a layout chosen by the user over the whole view (or only the selection, when given). */
  async runLayout(name: LayoutName, nodes?: NodeCollection): Promise<LayoutOutput | null> {
    const gen = ++this.generation;
    return this.track(async () => {
      const input = layoutInputOf(this.cy, false, nodes ?? this.cy.nodes());
      const out = await this.compute(name, input);
      if (!out || gen !== this.generation) return null;
      applyLayout(this.cy, input, out, { animate: input.ids.length <= 300, fit: !nodes });
      this.save(this.cy.nodes());
      this.opts.onLayoutDone?.({ algorithm: out.algorithm, ms: out.ms, nodes: input.ids.length });
      return out;
    });
  }

  /** Runs `fn` once no layout is running (at once if none is), e.g. to centre on a node that is still moving. */
  whenSettled(fn: () => void): void {
    if (this.busy) this.settledWaiters.push(fn);
    else fn();
  }

  /** Saves the positions of `nodes` (not "+K more" handles) to the workspace. */
  save(nodes: NodeCollection): void {
    if (!this.opts.positions) return;
    const out: SavedPosition[] = [];
    nodes.forEach((n) => {
      if (isHandle(n.id())) return;
      const p = n.position();
      out.push({ id: n.id(), x: p.x, y: p.y, pinned: n.locked() });
    });
    if (out.length) this.opts.positions.save(out);
  }

  destroy(): void {
    this.generation++;
    this.engine.cancel();
  }

  private async place(change: ViewChange, added: NodeCollection): Promise<void> {
    const gen = ++this.generation;
    const cy = this.cy;
    await this.track(async () => {
      if (change.kind === 'replace') sunflowerLayout(cy);
      if (change.kind === 'expand') placeAround(cy, change.anchor, added.filter((n) => !n.locked()));
      const saved = await this.loadSaved(added);
      if (gen !== this.generation) return;
      const restored = this.applySaved(saved);
      if (change.kind === 'replace') {
        if (restored >= RESTORE_SHARE * cy.nodes().length) {
          this.placeLeftovers(saved);
          cy.fit(undefined, 30);
          return;
        }
        cy.fit(undefined, 30);
        const input = layoutInputOf(cy, false);
        const out = await this.compute('auto', input);
        if (!out || gen !== this.generation) return;
        applyLayout(cy, input, out, { animate: false, fit: true });
        this.save(cy.nodes());
        this.opts.onLayoutDone?.({ algorithm: out.algorithm, ms: out.ms, nodes: input.ids.length });
      } else if (change.kind === 'expand' && restored < added.length && cy.nodes().length <= FCOSE_MAX) {
        // Polish round the anchor: fcose from the current positions, everything else moving little.
        const input = layoutInputOf(cy, true);
        const out = await this.compute('fcose', input);
        if (!out || gen !== this.generation) return;
        applyLayout(cy, input, out, { animate: true, fit: false });
        this.save(added);
      } else if (change.kind === 'expand') {
        this.save(added);
      }
    });
  }

  private async loadSaved(nodes: NodeCollection): Promise<Map<string, SavedPosition>> {
    const ids = nodes.filter((n) => !isHandle(n.id()) && !n.locked()).map((n) => n.id());
    if (!this.opts.positions || !ids.length) return new Map();
    try {
      const found = await this.opts.positions.load(ids);
      return new Map(found.map((p) => [p.id, p]));
    } catch (err) {
      this.opts.onError?.(`Saved positions could not be read: ${(err as Error).message}`);
      return new Map();
    }
  }

  /** Puts nodes with a saved position there (one batch); returns how many were placed. */
  private applySaved(saved: Map<string, SavedPosition>): number {
    if (!saved.size) return 0;
    const pins: string[] = [];
    this.cy.batch(() => {
      for (const p of saved.values()) {
        const node = this.cy.getElementById(p.id);
        if (node.empty() || node.locked()) continue;
        node.position({ x: p.x, y: p.y });
        if (p.pinned) pins.push(p.id);
      }
    });
    if (pins.length) this.opts.onPinsRestored?.(pins);
    return saved.size;
  }

  /** Nodes without a saved position go next to a neighbour that has one (or stay on the spiral). */
  private placeLeftovers(saved: Map<string, SavedPosition>): void {
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        if (saved.has(n.id())) return;
        const nb = n.neighborhood().nodes().filter((m) => saved.has(m.id()));
        if (nb.empty()) return;
        const p = nb.nodes()[0].position();
        n.position({ x: p.x + 40 * Math.cos(n.id().length), y: p.y + 40 * Math.sin(n.id().length) });
      });
    });
  }

  private async compute(name: LayoutName, input: ReturnType<typeof layoutInputOf>): Promise<LayoutOutput | null> {
    try {
      return await this.engine.compute(name, input);
    } catch (err) {
      if (!(err instanceof CancelledLayout)) this.opts.onError?.((err as Error).message);
      return null;
    }
  }

  private async track<T>(fn: () => Promise<T>): Promise<T> {
    this.busy++;
    try {
      return await fn();
    } finally {
      if (--this.busy === 0) {
        const waiters = this.settledWaiters.splice(0);
        for (const w of waiters) w();
      }
    }
  }
}

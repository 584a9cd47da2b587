/**
 * Brings a Cytoscape instance in line with the store's visible sets: one `cy.batch()` that
 * removes what left and adds what came, then a layout chosen by what kind of change it was.
 * Positions of removed nodes are remembered so undo puts them back where they were.
 */
import type { CollectionReturnValue, Core, ElementDefinition } from 'cytoscape';
import { colorForType } from './colors';
import { fullLayout, incrementalLayout, placeAround, sunflowerLayout } from './layout';
import type { ElementCache, VisibleSet } from './view-model';
import type { ViewChange } from '../store/graph-view-slice';

/**
 * Cytoscape keeps nodes and edges in one id space, and many files number both from 0 (GraphML,
 * GEXF): edge ids get a prefix on the canvas so edge "3" never collides with node "3".
 */
export const EDGE_PREFIX = 'e:';
export const cyEdgeId = (id: string): string => EDGE_PREFIX + id;

export class CySync {
  private readonly lastPositions = new Map<string, { x: number; y: number }>();
  private running: { stop(): void } | null = null;
  private settledWaiters: Array<() => void> = [];

  constructor(private readonly cy: Core) {}

  apply(cache: ElementCache, view: VisibleSet, change: ViewChange): void {
    const cy = this.cy;
    const added: ElementDefinition[] = [];
    let addedEles: CollectionReturnValue = cy.collection();
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
          classes: e.kind === 'more' ? 'more' : 'directed',
        });
      }
      if (added.length) addedEles = cy.add(added);
    });
    this.layout(change, addedEles);
  }

  private layout(change: ViewChange, added: CollectionReturnValue): void {
    const cy = this.cy;
    if (change.kind === 'replace') {
      const opts = fullLayout(cy);
      if (opts) this.run(opts, true);
      else {
        this.running?.stop();
        this.running = null;
        sunflowerLayout(cy);
        cy.fit(undefined, 30);
        this.settle();
      }
      return;
    }
    if (change.kind === 'expand') {
      const newNodes = added.nodes();
      if (newNodes.empty()) return;
      placeAround(cy, change.anchor, newNodes);
      const opts = incrementalLayout(cy);
      if (opts) this.run(opts, false);
    }
    // 'hide' keeps everything where it is; 'history' restored remembered positions.
  }

  /** Runs `fn` once no layout is running (at once if none is), e.g. to centre on a node that is still moving. */
  whenSettled(fn: () => void): void {
    if (this.running) this.settledWaiters.push(fn);
    else fn();
  }

  private run(opts: Parameters<Core['layout']>[0], fit: boolean): void {
    this.running?.stop();
    if (this.cy.nodes().empty()) return;
    const layout = this.cy.layout(opts);
    this.running = layout;
    layout.one('layoutstop', () => {
      if (this.running !== layout) return;
      this.running = null;
      if (fit) this.cy.fit(undefined, 30);
      this.settle();
    });
    layout.run();
  }

  private settle(): void {
    const waiters = this.settledWaiters.splice(0);
    for (const fn of waiters) fn();
  }
}

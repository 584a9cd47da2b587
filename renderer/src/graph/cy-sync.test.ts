/**
 * The canvas sync against a real (headless) Cytoscape instance and the real store, with the layout
 * algorithms run inline (the app runs the same code in a Web Worker).
 */
import { describe, expect, it } from 'vitest';
import cytoscape from 'cytoscape';
import type { WireEdge, WireNode, WireSubgraph } from './wire-types';
import { createAppStore } from '../store';
import { CySync, cyEdgeId, type SavedPosition } from './cy-sync';
import { sunflowerLayout } from './layout';
import { inlineEngine } from './layout-runner';
import { colorForType } from './colors';
import { moreHandleId } from './view-model';

const node = (id: string, type = 'entity', degree = 1): WireNode => ({ rid: 0, id, name: `N${id}`, type, labels: [], props: {}, degree });
const edge = (id: string, source: string, target: string, props: Record<string, unknown> = {}): WireEdge => ({ rid: 0, id, source, target, type: 'rel', props });

/** A position store over a Map, standing in for the workspace table (tested in native/store/sqlite/view-state.test.ts). */
function memoryPositions() {
  const saved = new Map<string, SavedPosition>();
  return {
    saved,
    load: async (ids: string[]) => ids.filter((id) => saved.has(id)).map((id) => saved.get(id)!),
    save: (ps: SavedPosition[]) => ps.forEach((p) => saved.set(p.id, p)),
  };
}

function setup(positions = memoryPositions()) {
  const store = createAppStore();
  const cy = cytoscape({ headless: true, styleEnabled: true });
  const layouts: string[] = [];
  const sync = new CySync(cy, {
    engine: inlineEngine(),
    positions,
    onPinsRestored: (ids) => store.getState().restorePins(ids),
    onLayoutDone: (info) => layouts.push(info.algorithm),
  });
  store.subscribe((s) => s.view, () => {
    const s = store.getState();
    sync.apply(s.cache, s.view, s.lastChange);
  });
  const settled = () => new Promise<void>((r) => sync.whenSettled(r));
  return { store, cy, sync, positions, layouts, settled };
}

const star = (hub: string, n: number): WireSubgraph => ({
  nodes: [node(hub, 'entity', n), ...Array.from({ length: n }, (_, i) => node(`${hub}${i}`, i % 2 ? 'event' : 'entity'))],
  edges: Array.from({ length: n }, (_, i) => edge(`${hub}-${i}`, hub, `${hub}${i}`)),
});

describe('CySync', () => {
  it('adds nodes and edges even when edge ids equal node ids (GraphML numbers both from 0)', async () => {
    const { store, cy, settled } = setup();
    const sub: WireSubgraph = { nodes: [node('0'), node('1'), node('2', 'event')], edges: [edge('0', '0', '1'), edge('1', '1', '2'), edge('2', '2', '0', { directed: false })] };
    store.getState().showSubgraph(sub, { resetHistory: true });
    await settled();
    expect(cy.nodes().length).toBe(3);
    expect(cy.edges().length).toBe(3);
    expect(cy.getElementById(cyEdgeId('0')).data('eid')).toBe('0');
    expect(cy.getElementById('2').data('color')).toBe(colorForType('event'));
    // Arrows only where the edge is directed.
    expect(cy.getElementById(cyEdgeId('0')).hasClass('directed')).toBe(true);
    expect(cy.getElementById(cyEdgeId('2')).hasClass('directed')).toBe(false);
  });

  it('lays a new view out (fcose when small) and saves the positions; a reload restores them without a layout', async () => {
    const positions = memoryPositions();
    const first = setup(positions);
    first.store.getState().showSubgraph(star('h', 30), { resetHistory: true });
    await first.settled();
    expect(first.layouts).toEqual(['fcose']);
    expect(positions.saved.size).toBe(31);
    const where = { ...first.cy.getElementById('h7').position() };

    const second = setup(positions);
    second.store.getState().showSubgraph(star('h', 30), { resetHistory: true });
    await second.settled();
    expect(second.layouts).toEqual([]);
    expect(second.cy.getElementById('h7').position()).toEqual(where);
  });

  it('pins: locked on the canvas, undoable, saved, and restored as pins', async () => {
    const positions = memoryPositions();
    const { store, cy, settled } = setup(positions);
    store.getState().showSubgraph(star('p', 5), { resetHistory: true });
    await settled();
    store.getState().setPinned(['p1'], true);
    expect(cy.getElementById('p1').locked()).toBe(true);
    expect(positions.saved.get('p1')?.pinned).toBe(true);
    store.getState().undo();
    expect(cy.getElementById('p1').locked()).toBe(false);
    store.getState().redo();
    expect(cy.getElementById('p1').locked()).toBe(true);

    const again = setup(positions);
    again.store.getState().showSubgraph(star('p', 5), { resetHistory: true });
    await again.settled();
    expect(again.store.getState().view.pinned.has('p1')).toBe(true);
    expect(again.cy.getElementById('p1').locked()).toBe(true);
  });

  it('follows hide, collapse, undo (back in place) and neighbour pages with a handle node', async () => {
    const { store, cy, settled } = setup();
    store.getState().showSubgraph({ nodes: [node('a'), node('b')], edges: [edge('ab', 'a', 'b')] }, { resetHistory: true });
    await settled();
    const before = { ...cy.getElementById('b').position() };
    store.getState().hide(['b']);
    expect(cy.getElementById('b').empty()).toBe(true);
    store.getState().undo();
    expect(cy.getElementById('b').position()).toEqual(before);

    const page = { nodes: [node('c'), node('d')], edges: [edge('ac', 'a', 'c'), edge('ad', 'a', 'd'), edge('bd', 'b', 'd')], total: 75 };
    store.getState().addNeighborPage('a', page, 0, 50);
    await settled();
    expect(cy.getElementById(moreHandleId('a')).data('name')).toBe('+25 more');
    // Collapse removes what hangs off "a" alone: c and the handle; d is also linked to b, b to a... b stays (linked to d).
    store.getState().collapse('a');
    expect(cy.nodes().map((n) => n.id()).sort()).toEqual(['a', 'b', 'd']);
    store.getState().undo();
    expect(cy.nodes().length).toBe(5);
  });

  it('sunflower puts the highest-degree node in the middle and no two nodes on one spot', () => {
    const cy = cytoscape({ headless: true });
    cy.add(Array.from({ length: 500 }, (_, i) => ({ group: 'nodes' as const, data: { id: `n${i}`, degree: i } })));
    sunflowerLayout(cy, 20);
    expect(cy.getElementById('n499').position()).toEqual({ x: 0, y: 0 });
    const spots = new Set(cy.nodes().map((n) => `${Math.round(n.position().x)},${Math.round(n.position().y)}`));
    expect(spots.size).toBe(500);
  });
});

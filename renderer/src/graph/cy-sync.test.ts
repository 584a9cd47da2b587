/**
 * The canvas sync against a real (headless) Cytoscape instance and the real store.
 */
import { describe, expect, it } from 'vitest';
import cytoscape from 'cytoscape';
import type { WireEdge, WireNode, WireSubgraph } from './wire-types';
import { createAppStore } from '../store';
import { CySync, cyEdgeId } from './cy-sync';
import { registerLayouts, LARGE_VIEW, fullLayout, sunflowerLayout } from './layout';
import { colorForType } from './colors';
import { moreHandleId } from './view-model';

registerLayouts();

const node = (id: string, type = 'entity', degree = 1): WireNode => ({ rid: 0, id, name: `N${id}`, type, labels: [], props: {}, degree });
const edge = (id: string, source: string, target: string): WireEdge => ({ rid: 0, id, source, target, type: 'rel', props: {} });

function setup() {
  const store = createAppStore();
  const cy = cytoscape({ headless: true, styleEnabled: true });
  const sync = new CySync(cy);
  store.subscribe((s) => s.view, () => {
    const s = store.getState();
    sync.apply(s.cache, s.view, s.lastChange);
  });
  return { store, cy };
}

describe('CySync', () => {
  it('adds nodes and edges even when edge ids equal node ids (GraphML numbers both from 0)', () => {
    const { store, cy } = setup();
    const sub: WireSubgraph = { nodes: [node('0'), node('1'), node('2', 'event')], edges: [edge('0', '0', '1'), edge('1', '1', '2'), edge('2', '2', '0')] };
    store.getState().showSubgraph(sub, { resetHistory: true });
    expect(cy.nodes().length).toBe(3);
    expect(cy.edges().length).toBe(3);
    expect(cy.getElementById(cyEdgeId('0')).data('eid')).toBe('0');
    expect(cy.getElementById('2').data('color')).toBe(colorForType('event'));
    expect(cy.getElementById('0').data('name')).toBe('N0');
  });

  it('follows hide, undo (back in place) and neighbour pages with a handle node placed round the anchor', () => {
    const { store, cy } = setup();
    store.getState().showSubgraph({ nodes: [node('a'), node('b')], edges: [edge('ab', 'a', 'b')] }, { resetHistory: true });
    const before = { ...cy.getElementById('b').position() };

    store.getState().hide(['b']);
    expect(cy.getElementById('b').empty()).toBe(true);
    expect(cy.edges().length).toBe(0);
    store.getState().undo();
    expect(cy.getElementById('b').position()).toEqual(before);
    expect(cy.edges().length).toBe(1);

    const page = { nodes: [node('c'), node('d')], edges: [edge('ac', 'a', 'c'), edge('ad', 'a', 'd')], total: 75 };
    store.getState().addNeighborPage('a', page, 0);
    const handle = cy.getElementById(moreHandleId('a'));
    expect(handle.hasClass('more')).toBe(true);
    expect(handle.data('name')).toBe('+25 more');
    expect(cy.nodes().length).toBe(5);
    expect(cy.edges().length).toBe(4);
  });

  it('chooses fcose for small views and the sunflower for large ones', () => {
    const cy = cytoscape({ headless: true });
    cy.add([{ group: 'nodes', data: { id: 'x' } }]);
    expect((fullLayout(cy) as { name: string }).name).toBe('fcose');
    cy.add(Array.from({ length: LARGE_VIEW }, (_, i) => ({ group: 'nodes' as const, data: { id: `n${i}` } })));
    expect(fullLayout(cy)).toBeNull();
  });

  it('sunflower puts the highest-degree node in the middle and no two nodes on one spot', () => {
    const cy = cytoscape({ headless: true });
    cy.add(Array.from({ length: 500 }, (_, i) => ({ group: 'nodes' as const, data: { id: `n${i}`, degree: i } })));
    sunflowerLayout(cy, 20);
    expect(cy.getElementById('n499').position()).toEqual({ x: 0, y: 0 });
    const spots = new Set(cy.nodes().map((n) => `${Math.round(n.position().x)},${Math.round(n.position().y)}`));
    expect(spots.size).toBe(500);
    // Hubs near the middle: the lowest-degree node is the farthest out.
    const dist = (id: string) => Math.hypot(cy.getElementById(id).position().x, cy.getElementById(id).position().y);
    expect(dist('n0')).toBeGreaterThan(dist('n250'));
  });
});

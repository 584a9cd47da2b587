/**
 * The Cytoscape canvas. Created once; after that React never renders per element: the canvas
 * follows the store through subscriptions (view sets, selection, focus requests, theme) and
 * applies changes in `cy.batch()`.
 */
import { useEffect, useRef } from 'react';
import cytoscape, { type Core } from 'cytoscape';
import { appStore } from '../store';
import { selectDark } from '../store/ui-slice';
import { buildStyle, setLargeViewMode } from '../graph/cy-style';
import { CySync } from '../graph/cy-sync';
import { LARGE_VIEW, registerLayouts } from '../graph/layout';
import { useActions } from '../app/context';
import { attachSimilarityHighlight } from '../features/similarity';

registerLayouts();

declare global {
  interface Window {
    /** For E2E tests only: the canvas and the store, to find node positions and read state. */
    __kgw?: { cy: Core; store: typeof appStore };
  }
}

export function GraphCanvas() {
  const container = useRef<HTMLDivElement>(null);
  const actions = useActions();

  useEffect(() => {
    const state = appStore.getState();
    let dark = selectDark(state);
    let large = state.view.nodeIds.size >= LARGE_VIEW;
    const cy = cytoscape({
      container: container.current,
      style: buildStyle({ dark, large }),
      minZoom: 0.02,
      maxZoom: 4,
      selectionType: 'single',
      boxSelectionEnabled: false,
    });
    setLargeViewMode(cy, large);
    window.__kgw = { cy, store: appStore };
    const sync = new CySync(cy);
    const detachSimilarity = attachSimilarityHighlight(cy);
    sync.apply(state.cache, state.view, state.lastChange);

    const unsubs = [
      appStore.subscribe(
        (s) => s.view,
        (view) => {
          const s = appStore.getState();
          // Switch drawing mode before the elements arrive: one restyle per threshold crossing.
          const nowLarge = view.nodeIds.size >= LARGE_VIEW;
          if (nowLarge !== large) {
            large = nowLarge;
            setLargeViewMode(cy, large);
            cy.style(buildStyle({ dark, large }));
          }
          sync.apply(s.cache, view, s.lastChange);
          // Keep the selection highlighted if it survived the change.
          if (s.selectedId) cy.getElementById(s.selectedId).select();
        },
      ),
      appStore.subscribe(
        (s) => s.selectedId,
        (id) => {
          cy.batch(() => {
            cy.$(':selected').unselect();
            if (id) cy.getElementById(id).select();
          });
        },
      ),
      appStore.subscribe(
        (s) => s.focus,
        (focus) => {
          if (!focus) return;
          // Centre once the expansion's layout has put the node where it will stay.
          sync.whenSettled(() => {
            const node = cy.getElementById(focus.id);
            if (!node.empty()) cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1) }, { duration: 300 });
          });
        },
      ),
      appStore.subscribe(selectDark, (d) => {
        dark = d;
        cy.style(buildStyle({ dark, large }));
      }),
    ];

    cy.on('tap', 'node', (ev) => {
      const node = ev.target;
      if (node.hasClass('more')) void actions.expandMore(node.id());
      else void actions.selectNode(node.id());
    });
    cy.on('dbltap', 'node', (ev) => {
      if (!ev.target.hasClass('more')) void actions.expandNeighbors(ev.target.id());
    });
    cy.on('tap', (ev) => {
      if (ev.target === cy) void actions.selectNode(null);
    });

    return () => {
      unsubs.forEach((u) => u());
      detachSimilarity();
      cy.destroy();
      if (window.__kgw?.cy === cy) delete window.__kgw;
    };
  }, [actions]);

  return <div ref={container} className="canvas" data-testid="cy" tabIndex={-1} aria-label="Graph canvas" />;
}

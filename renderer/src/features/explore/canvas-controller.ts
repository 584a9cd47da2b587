/**
 * Owns the Cytoscape instance of the explore canvas. React never renders per element: the canvas
 * follows the stores through subscriptions (view sets, filters, selection, focus, theme, renderer
 * preference). When the view crosses a size threshold the instance is rebuilt with the other
 * renderer (2D canvas <-> WebGL; Cytoscape fixes renderer options at construction), carrying the
 * elements and their positions over.
 */
import cytoscape, { type Core } from 'cytoscape';
import cytoscapeSvg from 'cytoscape-svg';
import { appStore } from '../../store';
import { selectDark } from '../../store/ui-slice';
import { buildStyle, DENSE_VIEW } from '../../graph/cy-style';
import { CySync, cyEdgeId } from '../../graph/cy-sync';
import { chooseRenderMode, hasWebgl2, isLargeMode, rendererOptions, webglSupport, type RenderMode } from '../../graph/render-mode';
import type { LayoutName } from '../../graph/layout-compute';
import type { Actions } from '../../app/actions';
import { attachSimilarityHighlight } from '../similarity';
import { exploreStore } from './explore-store';
import { filteredElements } from './legend';
import { hostPositionStore } from './explore-client';

cytoscape.use(cytoscapeSvg);

declare global {
  interface Window {
    /** For E2E tests and the render benchmark: the canvas, the stores and the controller. */
    __kgw?: { cy: Core; store: typeof appStore; explore?: typeof exploreStore; canvas?: CanvasController };
  }
}

export interface CanvasController {
  cy(): Core;
  mode(): RenderMode;
  runLayout(name?: LayoutName): Promise<void>;
  fit(): void;
  pngBlob(): Promise<Blob>;
  svgText(): string;
  destroy(): void;
}

let active: CanvasController | null = null;

/** The canvas on screen (toolbar, keys and exports act on it); null before it is mounted. */
export function activeCanvas(): CanvasController | null {
  return active;
}

export function createCanvasController(container: HTMLElement, actions: Actions): CanvasController {
  const positions = hostPositionStore();
  let dark = selectDark(appStore.getState());
  let mode: RenderMode = 'canvas';
  let dense = false;
  const style = () => buildStyle({ dark, large: isLargeMode(mode), dense });
  let cy: Core;
  let sync: CySync;
  let detachSimilarity: () => void = () => undefined;

  const syncOptions = {
    positions,
    onPinsRestored: (ids: string[]) => appStore.getState().restorePins(ids),
    onLayoutDone: (info: { algorithm: string; ms: number; nodes: number }) => exploreStore.setState({ lastLayout: info }),
    onError: (message: string) => appStore.getState().toast(message, 'error'),
  };

  function build(next: RenderMode): void {
    const carried = cy ? cy.elements().jsons() : [];
    const viewport = cy ? { zoom: cy.zoom(), pan: cy.pan() } : null;
    if (cy) {
      sync.destroy();
      detachSimilarity();
      cy.destroy();
    }
    mode = next;
    cy = cytoscape({
      container,
      style: style(),
      minZoom: 0.02,
      maxZoom: 4,
      selectionType: 'single',
      boxSelectionEnabled: false,
      ...rendererOptions(mode),
    });
    if (carried.length) {
      cy.batch(() => cy.add(carried as never));
      if (viewport) cy.viewport(viewport);
    }
    sync = new CySync(cy, syncOptions);
    detachSimilarity = attachSimilarityHighlight(cy);
    bindEvents(cy);
    exploreStore.setState({ renderMode: mode });
    window.__kgw = { cy, store: appStore, explore: exploreStore, canvas: controller };
  }

  function bindEvents(c: Core): void {
    c.on('tap', 'node', (ev) => {
      const node = ev.target;
      if (node.hasClass('more')) void actions.expandMore(node.id());
      else void actions.selectNode(node.id());
    });
    c.on('dbltap', 'node', (ev) => {
      if (!ev.target.hasClass('more')) void actions.expandNeighbors(ev.target.id());
    });
    c.on('tap', (ev) => {
      if (ev.target === c) void actions.selectNode(null);
    });
  }

  function wantedMode(): RenderMode {
    const { view } = appStore.getState();
    return chooseRenderMode(view.nodeIds.size, view.edgeIds.size, exploreStore.getState().renderPref, hasWebgl2(), webglSupport().available);
  }

  function applyFilters(): void {
    const s = appStore.getState();
    const e = exploreStore.getState();
    const hidden = filteredElements(s.cache, s.view, e.hiddenTypes, e.hiddenRelations);
    cy.batch(() => {
      cy.elements('.filtered').removeClass('filtered');
      for (const id of hidden.nodes) cy.getElementById(id).addClass('filtered');
      for (const id of hidden.edges) cy.getElementById(cyEdgeId(id)).addClass('filtered');
    });
  }

  function applyView(): void {
    const s = appStore.getState();
    const next = wantedMode();
    const nowDense = s.view.nodeIds.size > DENSE_VIEW;
    if (next !== mode) {
      dense = nowDense;
      build(next);
    } else if (nowDense !== dense) {
      dense = nowDense;
      cy.style(style());
    }
    sync.apply(s.cache, s.view, s.lastChange);
    applyFilters();
    if (s.selectedId) cy.getElementById(s.selectedId).select();
  }

  const controller: CanvasController = {
    cy: () => cy,
    mode: () => mode,
    async runLayout(name) {
      const layout = name ?? exploreStore.getState().layout;
      exploreStore.setState({ layoutRunning: true });
      try {
        await sync.runLayout(layout);
      } finally {
        exploreStore.setState({ layoutRunning: false });
      }
    },
    fit: () => cy.fit(cy.elements(':visible'), 30),
    pngBlob: () => cy.png({ output: 'blob-promise', full: false, scale: 1, bg: dark ? '#1e1f22' : '#ffffff' }),
    svgText: () => (cy as unknown as { svg(o: object): string }).svg({ full: true, scale: 1, bg: dark ? '#1e1f22' : '#ffffff' }),
    destroy() {
      unsubs.forEach((u) => u());
      sync.destroy();
      detachSimilarity();
      cy.destroy();
      if (window.__kgw?.cy === cy) delete window.__kgw;
      if (active === controller) active = null;
    },
  };
  active = controller;

  build(wantedMode());
  applyView();

  const unsubs = [
    appStore.subscribe((s) => s.view, applyView),
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
        // Centre once the layout has put the node where it will stay.
        sync.whenSettled(() => {
          const node = cy.getElementById(focus.id);
          if (!node.empty()) cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1) }, { duration: 300 });
        });
      },
    ),
    appStore.subscribe(selectDark, (d) => {
      dark = d;
      cy.style(style());
    }),
    exploreStore.subscribe((e) => [e.hiddenTypes, e.hiddenRelations] as const, applyFilters, { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] }),
    exploreStore.subscribe(
      (e) => e.renderPref,
      () => {
        const next = wantedMode();
        if (next !== mode) build(next);
        applyFilters();
      },
    ),
  ];

  return controller;
}

/**
 * Lights the query answer on the explore canvas with per-element style bypasses (theme changes,
 * which replace the stylesheet, keep them; nothing else is touched): marks from highlightOf, every
 * other element dimmed. Re-applied when the answer or retrieval step changes, when the view changes
 * (answer nodes arrive in a later store change) and when the canvas is rebuilt (renderer switch).
 */
import type { Core } from 'cytoscape';
import { appStore } from '../../store';
import { activeCanvas } from '../explore';
import { exploreStore } from '../explore/explore-store';
import { queryStore } from './query-store';
import { highlightOf } from './query-highlight';

export const QUERY_CLASS = 'query-hit';
const NODE_STYLES = 'background-color border-color border-width width height z-index shape opacity';
const EDGE_STYLES = 'line-color target-arrow-color width z-index opacity';
const DIMMED = 0.2;

export function attachQueryHighlight(): () => void {
  let litOn: Core | null = null;

  const clear = (cy: Core) => {
    if (cy.destroyed()) return;
    cy.batch(() => {
      cy.nodes().removeClass(QUERY_CLASS).removeStyle(NODE_STYLES);
      cy.edges().removeClass(QUERY_CLASS).removeStyle(EDGE_STYLES);
    });
  };

  const apply = () => {
    const cy = activeCanvas()?.cy();
    if (litOn && litOn !== cy) litOn = null; // the old instance is gone with its styles
    if (!cy || cy.destroyed()) return;
    const { answer, step } = queryStore.getState();
    if (!answer) {
      if (litOn) clear(cy);
      litOn = null;
      return;
    }
    const marks = highlightOf(answer, step);
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        const m = marks.nodes.get(n.id());
        if (!m) {
          n.removeClass(QUERY_CLASS).removeStyle(NODE_STYLES).style('opacity', DIMMED);
          return;
        }
        n.addClass(QUERY_CLASS).removeStyle('opacity shape').style({
          'background-color': m.color,
          'border-color': m.ring,
          'border-width': 4,
          width: m.size,
          height: m.size,
          'z-index': 100,
          ...(m.shape ? { shape: m.shape } : {}),
        });
      });
      cy.edges().forEach((e) => {
        const m = marks.edges.get(e.data('eid') as string);
        if (!m) {
          e.removeClass(QUERY_CLASS).removeStyle(EDGE_STYLES).style('opacity', DIMMED / 2);
          return;
        }
        e.addClass(QUERY_CLASS).removeStyle('opacity').style({ 'line-color': m.color, 'target-arrow-color': m.color, width: m.width, 'z-index': 90 });
      });
    });
    litOn = cy;
  };

  const offs = [
    queryStore.subscribe((s, prev) => {
      if (s.answer !== prev.answer || s.step !== prev.step) apply();
    }),
    appStore.subscribe((s) => s.view, () => queueMicrotask(apply)),
    exploreStore.subscribe((s, prev) => {
      if (s.renderMode !== prev.renderMode) queueMicrotask(apply);
    }),
  ];
  apply();
  return () => {
    offs.forEach((off) => off());
    const cy = activeCanvas()?.cy();
    if (cy && litOn === cy) clear(cy);
  };
}

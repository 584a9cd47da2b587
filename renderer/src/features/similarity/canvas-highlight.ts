/**
 * Lights the similarity hits on the Cytoscape canvas: a colour ramp by score (fill), a dark ring,
 * a size bump for the best ones, and every other node dimmed so the hits stand out whatever the
 * type colours are. Uses per-element style bypasses, so theme changes (which
 * replace the stylesheet) keep the highlight and nothing else on the canvas is touched.
 * Re-applied when the hits, the threshold or the visible nodes change.
 */
import type { Core } from 'cytoscape';
import { appStore } from '../../store';
import { similarityStore, visibleHits } from './similarity-store';
import { colorsFor } from './score-ramp';

export const LIT_CLASS = 'similarity-hit';
const RING = '#5a0b0b';
const DIMMED = 0.25;
const LIT_STYLES = 'background-color border-color border-width width height z-index';

export function attachSimilarityHighlight(cy: Core): () => void {
  let lit = new Set<string>();
  let dimmed = false;

  const apply = () => {
    if (cy.destroyed()) return;
    const s = similarityStore.getState();
    const hits = s.open ? visibleHits(s) : [];
    const colors = colorsFor(hits, s.threshold);
    const next = new Set(hits.map((h) => h.id));
    cy.batch(() => {
      for (const id of lit) {
        if (next.has(id)) continue;
        const node = cy.getElementById(id);
        if (!node.empty()) node.removeClass(LIT_CLASS).removeStyle(LIT_STYLES);
      }
      if (hits.length) {
        cy.nodes().forEach((n) => void (next.has(n.id()) ? n.removeStyle('opacity') : n.style('opacity', DIMMED)));
        dimmed = true;
      } else if (dimmed) {
        cy.nodes().removeStyle('opacity');
        dimmed = false;
      }
      hits.forEach((h, rank) => {
        const node = cy.getElementById(h.id);
        if (node.empty()) return;
        const color = colors.get(h.id)!;
        const size = rank < 3 ? 34 : 26;
        node.addClass(LIT_CLASS).style({ 'background-color': color, 'border-color': RING, 'border-width': 3, width: size, height: size, 'z-index': 100 });
        node.data('similarity', h.score);
      });
    });
    lit = next;
  };

  const offs = [
    similarityStore.subscribe((s, prev) => {
      if (s.hits !== prev.hits || s.threshold !== prev.threshold || s.open !== prev.open) apply();
    }),
    // Hits added to the view arrive in a later store change than the hits themselves.
    appStore.subscribe((s) => s.view, () => queueMicrotask(apply)),
  ];
  apply();
  return () => offs.forEach((off) => off());
}

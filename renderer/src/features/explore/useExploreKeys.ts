/** Explore's single-key shortcuts (typing in a field is left alone; see EXPLORE_SHORTCUTS). */
import { useEffect } from 'react';
import { appStore } from '../../store';
import { activeCanvas } from './canvas-controller';
import { exploreStore } from './explore-store';
import { collapseSelected, exportAs, runLayout, togglePinSelected } from './explore-actions';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

export function useExploreKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      if ((e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void exportAs('png');
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 'c') collapseSelected();
      else if (key === 'n') togglePinSelected();
      else if (key === 'h') {
        const id = appStore.getState().selectedId;
        if (id) {
          appStore.getState().hide([id]);
          appStore.getState().select(null);
        }
      } else if (key === 'l') void runLayout();
      else if (key === 'f') activeCanvas()?.fit();
      else if (key === 'g') exploreStore.setState((s) => ({ legendOpen: !s.legendOpen }));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

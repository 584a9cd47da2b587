/**
 * Global shortcuts. Typing in a text field is left alone (except Esc, handled by the field).
 */
import { useEffect } from 'react';
import { appStore } from '../store';
import type { Actions } from './actions';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

export function useKeyboard(actions: Actions): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      const s = appStore.getState();
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) s.redo();
        else s.undo();
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        s.redo();
      } else if (mod || e.altKey) {
        return;
      } else if (e.key === '/') {
        e.preventDefault();
        document.getElementById('search-input')?.focus();
      } else if (e.key === '?') {
        e.preventDefault();
        s.setShortcutsOpen(!s.shortcutsOpen);
      } else if (e.key === 'Escape') {
        if (s.shortcutsOpen) s.setShortcutsOpen(false);
        else void actions.selectNode(null);
      } else if (e.key === 'Delete' || e.key === 'Backspace') {
        if (s.selectedId) {
          e.preventDefault();
          actions.hideSelected();
        }
      } else if (e.key === 'Enter') {
        if (s.selectedId && s.cache.nodes.get(s.selectedId)?.kind === 'node') void actions.expandNeighbors(s.selectedId);
        else if (s.selectedId) void actions.expandMore(s.selectedId);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}

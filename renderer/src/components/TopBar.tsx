import { useRef } from 'react';
import { useApp } from '../store';
import { useActions } from '../app/context';
import { SearchBox } from './SearchBox';
import { ThemeToggle } from './ThemeToggle';

export function TopBar() {
  const actions = useActions();
  const name = useApp((s) => s.workspace?.name ?? '');
  const path = useApp((s) => s.workspace?.path ?? '');
  const importing = useApp((s) => s.importState !== null);
  const setShortcutsOpen = useApp((s) => s.setShortcutsOpen);
  const fileInput = useRef<HTMLInputElement>(null);

  return (
    <header className="topbar">
      <div className="ws-name" title={path}>
        <strong>{name}</strong>
      </div>
      <SearchBox />
      <div className="topbar-actions">
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          data-testid="file-input"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void actions.importFiles(files);
          }}
        />
        <button className="primary" data-testid="import-button" disabled={importing} onClick={() => fileInput.current?.click()}>
          Import…
        </button>
        <button data-testid="reload-overview" title="Reload the overview" onClick={() => void actions.reloadOverview()}>
          Overview
        </button>
        <ThemeToggle />
        <button className="icon" title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts" onClick={() => setShortcutsOpen(true)}>
          ?
        </button>
        <button data-testid="close-workspace" title="Close workspace" onClick={() => void actions.closeWorkspace()}>
          Close
        </button>
      </div>
    </header>
  );
}

import { useRef } from 'react';
import { useApp } from '../store';
import { useActions } from '../app/context';
import { SearchBox } from './SearchBox';
import { ThemeToggle } from './ThemeToggle';
import { ProfilerButton } from '../features/profiler';
import { SemanticSearch } from '../features/similarity';
import { Neo4jButton } from '../features/neo4j';
import { QueryButton } from '../features/query';
import { ModelsButton } from '../features/models';

const OVERVIEW_SIZES = [100, 300, 1000, 5000, 20000];

export function TopBar() {
  const actions = useActions();
  const name = useApp((s) => s.workspace?.name ?? '');
  const path = useApp((s) => s.workspace?.path ?? '');
  const importing = useApp((s) => s.importState !== null);
  const setShortcutsOpen = useApp((s) => s.setShortcutsOpen);
  const overviewLimit = useApp((s) => s.overviewLimit);
  const setOverviewLimit = useApp((s) => s.setOverviewLimit);
  const fileInput = useRef<HTMLInputElement>(null);

  return (
    <header className="topbar">
      <div className="ws-name" title={path}>
        <strong>{name}</strong>
      </div>
      <SearchBox />
      <SemanticSearch />
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
        <div className="joined">
          <button data-testid="reload-overview" title="Show the highest-degree nodes" onClick={() => void actions.reloadOverview()}>
            Overview
          </button>
          <select
            data-testid="overview-limit"
            aria-label="Overview size"
            value={overviewLimit}
            onChange={(e) => {
              setOverviewLimit(Number(e.target.value));
              void actions.reloadOverview();
            }}
          >
            {OVERVIEW_SIZES.map((n) => (
              <option key={n} value={n}>
                {n.toLocaleString('en-US')}
              </option>
            ))}
          </select>
        </div>
        <QueryButton />
        <Neo4jButton />
        <ModelsButton />
        <ProfilerButton />
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

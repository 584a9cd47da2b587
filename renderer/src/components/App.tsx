import { useEffect } from 'react';
import { useApp } from '../store';
import { selectDark } from '../store/ui-slice';
import { useActions } from '../app/context';
import { useKeyboard } from '../app/useKeyboard';
import { Welcome } from './Welcome';
import { MainView } from './MainView';
import { ShortcutsOverlay } from './ShortcutsOverlay';
import { Toasts } from './Toasts';
import { ProfilerPanel } from '../features/profiler';
import { Neo4jSettingsDialog } from '../features/neo4j';
import { ModelsPanel } from '../features/models';

export function App() {
  const actions = useActions();
  const workspace = useApp((s) => s.workspace);
  const dark = useApp(selectDark);
  const setSystemDark = useApp((s) => s.setSystemDark);

  useEffect(() => actions.start(), [actions]);
  useKeyboard(actions);

  useEffect(() => {
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    setSystemDark(mq.matches);
    const onChange = (e: MediaQueryListEvent) => setSystemDark(e.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, [setSystemDark]);

  useEffect(() => {
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  }, [dark]);

  return (
    <>
      {workspace === undefined ? (
        <div className="loading muted" data-testid="loading">
          Connecting to the workbench…
        </div>
      ) : workspace === null ? (
        <Welcome />
      ) : (
        <MainView />
      )}
      <ProfilerPanel />
      <Neo4jSettingsDialog />
      <ModelsPanel />
      <ShortcutsOverlay />
      <Toasts />
    </>
  );
}

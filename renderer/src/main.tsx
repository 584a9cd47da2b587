import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { formatError, toErrorShape } from '../../electron/common/errors';
import { connectWorkbench } from './api/connect';
import { createActions } from './app/actions';
import { ActionsContext } from './app/context';
import { appStore } from './store';
import { App } from './components/App';
import { startProfiler } from './features/profiler';
import { startSimilarity } from './features/similarity';
import { startNeo4jSettings } from './features/neo4j';
import { startExplore } from './features/explore';
import { startQuery } from './features/query';
import { startModels } from './features/models';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

try {
  const client = connectWorkbench();
  startProfiler(client);
  startSimilarity(client);
  startNeo4jSettings(client);
  startExplore(client);
  startQuery(client);
  startModels(client);
  const actions = createActions(client, appStore);
  root.render(
    <StrictMode>
      <ActionsContext.Provider value={actions}>
        <App />
      </ActionsContext.Provider>
    </StrictMode>,
  );
} catch (err) {
  root.render(
    <div className="fatal" role="alert" data-testid="fatal">
      <h1>KG Workbench</h1>
      <p>{formatError(toErrorShape(err))}</p>
    </div>,
  );
}

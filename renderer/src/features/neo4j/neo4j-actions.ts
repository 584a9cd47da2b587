/**
 * What the Neo4j settings dialog does, as functions of the client: load the settings (never the
 * password: the host only says whether one is saved), test, connect, disconnect. After a switch
 * the canvas is cleared and the start view reloaded from the other store.
 */
import { formatError, toErrorShape } from '../../../../electron/common/errors';
import type { Neo4jSettingsInput } from '../../../../electron/common/protocol';
import type { WorkbenchClient } from '../../api/client';
import { appStore } from '../../store';
import { neo4jStore, type Neo4jForm } from './neo4j-store';

let client: WorkbenchClient | null = null;
const st = () => neo4jStore.getState();

export function startNeo4jSettings(c: WorkbenchClient): void {
  client = c;
}

function need(): WorkbenchClient {
  if (!client) throw new Error('startNeo4jSettings was not called');
  return client;
}

/** Form values as the host expects them; an empty password field keeps the saved one. */
export function toInput(form: Neo4jForm): Partial<Neo4jSettingsInput> {
  return {
    uri: form.uri.trim(),
    user: form.user.trim(),
    password: form.password === '' ? undefined : form.password,
    database: form.database.trim(),
  };
}

export async function openNeo4jSettings(): Promise<void> {
  st().setOpen(true);
  try {
    st().loaded(await need().call('neo4j.settings', {}));
  } catch (err) {
    st().setOutcome({ tone: 'error', text: formatError(toErrorShape(err)) });
  }
}

export async function testNeo4j(): Promise<void> {
  st().setOutcome({ tone: 'busy', text: 'Connecting…' });
  try {
    const r = await need().call('neo4j.test', toInput(st().form));
    st().setOutcome({ tone: 'ok', text: `Connected: Neo4j ${r.serverVersion} answered in ${r.ms} ms` });
  } catch (err) {
    st().setOutcome({ tone: 'error', text: formatError(toErrorShape(err)) });
  }
}

/** Switches the open workspace; `reload` redraws the start view from the new store. */
export async function switchStore(to: 'neo4j' | 'sqlite', reload: () => Promise<void>): Promise<void> {
  st().setOutcome({ tone: 'busy', text: to === 'neo4j' ? 'Connecting…' : 'Switching back…' });
  try {
    const info = to === 'neo4j' ? await need().call('neo4j.connect', toInput(st().form)) : await need().call('neo4j.disconnect', {});
    const app = appStore.getState();
    app.setWorkspace(info);
    app.clearView();
    app.select(null);
    await reload();
    st().loaded(await need().call('neo4j.settings', {}));
    st().setOutcome({ tone: 'ok', text: to === 'neo4j' ? `This workspace now uses Neo4j (${info.nodes} nodes, ${info.edges} edges)` : 'This workspace uses its own SQLite file again' });
  } catch (err) {
    st().setOutcome({ tone: 'error', text: formatError(toErrorShape(err)) });
  }
}

/**
 * Picks the transport at start-up: the Electron bridge when the preload exposed one, otherwise the
 * headless host's WebSocket on the page's own origin.
 */
import { WorkbenchError } from '../../../electron/common/errors';
import { WorkbenchClient } from './client';
import { ElectronTransport } from './electron-transport';
import { WsTransport } from './ws-transport';

const TOKEN_KEY = 'kgw.token';

type TokenStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The access token from `?token=`, remembered in session storage so a reload without the query still works. */
export function resolveToken(search: string, storage: TokenStorage): string | null {
  const fromQuery = new URLSearchParams(search).get('token');
  if (fromQuery) {
    storage.setItem(TOKEN_KEY, fromQuery);
    return fromQuery;
  }
  return storage.getItem(TOKEN_KEY);
}

/** ws(s)://host/ws?token=T and http(s)://host for a page served from `loc`. */
export function headlessEndpoints(loc: Pick<Location, 'protocol' | 'host'>, token: string): { wsUrl: string; httpBase: string } {
  const secure = loc.protocol === 'https:';
  return {
    wsUrl: `${secure ? 'wss' : 'ws'}://${loc.host}/ws?token=${encodeURIComponent(token)}`,
    httpBase: `${loc.protocol}//${loc.host}`,
  };
}

export function connectWorkbench(): WorkbenchClient {
  if (window.workbench) return new WorkbenchClient(new ElectronTransport(window.workbench));
  const token = resolveToken(location.search, sessionStorage);
  if (!token) {
    throw new WorkbenchError('FORBIDDEN', 'No access token: open the address the workbench printed at start-up (it ends with ?token=...)');
  }
  const { wsUrl, httpBase } = headlessEndpoints(location, token);
  return new WorkbenchClient(new WsTransport({ url: wsUrl, httpBase, token }));
}

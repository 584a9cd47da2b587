/**
 * The desktop host: one window with the renderer, the API over one schema-checked IPC channel,
 * workers as utility processes. The same Host class as the headless server does the work.
 */
import { app, BrowserWindow, ipcMain } from 'electron';
import path from 'node:path';
import { IPC } from '../common/protocol';
import { toErrorShape, WorkbenchError } from '../common/errors';
import { Host } from '../node/host/host';
import { rendererDir } from '../node/host/app-paths';
import { ElectronWorkerLauncher } from './utility-launcher';
import { APP_ORIGIN, installSessionPolicy, isTrustedSender } from './window-security';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { sampleElectronProcesses } from './app-metrics';
import { SafeStorageSecretStore } from './credentials';
import { useSecretStore } from '../node/host/handlers/neo4j-handlers';

registerAppScheme();
let host: Host | undefined;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'KG Workbench',
    backgroundColor: '#1b1d23',
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

app.whenReady().then(() => {
  installSessionPolicy();
  serveRenderer(rendererDir());
  const dataDir = path.join(app.getPath('userData'), 'data');
  host = new Host({
    dataDir,
    launcher: new ElectronWorkerLauncher(),
    trustClientPaths: true,
    processName: 'main',
  });
  const theHost = host;
  // The Neo4j password is kept encrypted by the OS (safeStorage), never in plain text.
  useSecretStore(theHost, new SafeStorageSecretStore(dataDir));
  sampleElectronProcesses(theHost);

  ipcMain.handle(IPC.invoke, async (event, method: unknown, params: unknown) => {
    try {
      if (!isTrustedSender(event.senderFrame?.url)) throw new WorkbenchError('FORBIDDEN', 'Calls are only accepted from the workbench window');
      if (typeof method !== 'string') throw new WorkbenchError('BAD_REQUEST', 'Method must be a string');
      return { ok: true, result: (await theHost.handle(method, params)) ?? null };
    } catch (err) {
      return { ok: false, error: toErrorShape(err) };
    }
  });

  const win = createWindow();
  const unsubscribe = theHost.subscribe((eventName, payload) => {
    if (!win.isDestroyed()) win.webContents.send(IPC.event, eventName, payload);
  });
  win.on('closed', unsubscribe);
});

app.on('window-all-closed', () => {
  host?.stop();
  app.quit();
});

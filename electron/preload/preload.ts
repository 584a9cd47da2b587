/**
 * The narrow bridge: the renderer gets `window.workbench` with three functions and nothing else
 * of Node or Electron. Channel names come from the protocol module.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { IPC } from '../common/protocol';

type EventHandler = (event: string, payload: unknown) => void;

contextBridge.exposeInMainWorld('workbench', {
  invoke: (method: string, params: unknown): Promise<unknown> => ipcRenderer.invoke(IPC.invoke, method, params),
  on: (handler: EventHandler): (() => void) => {
    const listener = (_e: unknown, event: string, payload: unknown) => handler(event, payload);
    ipcRenderer.on(IPC.event, listener);
    return () => ipcRenderer.removeListener(IPC.event, listener);
  },
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
});

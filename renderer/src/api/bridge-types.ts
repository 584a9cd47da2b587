/**
 * The narrow API the Electron preload exposes on `window.workbench` through contextBridge.
 * The preload is written elsewhere (electron/preload); this is the renderer's view of it.
 */
import type { WorkbenchErrorShape } from '../../../electron/common/errors';

export type BridgeInvokeResult = { ok: true; result: unknown } | { ok: false; error: WorkbenchErrorShape };

export interface WorkbenchBridge {
  /** Sends one request to the host; never rejects for host errors, which come back as `{ok:false}`. */
  invoke(method: string, params: unknown): Promise<BridgeInvokeResult>;
  /** Subscribes to every host event; returns the unsubscribe function. */
  on(handler: (event: string, payload: unknown) => void): () => void;
  /** The absolute path of a dropped or picked file (Electron's webUtils.getPathForFile). */
  pathForFile(file: File): string;
}

declare global {
  interface Window {
    workbench?: WorkbenchBridge;
  }
}

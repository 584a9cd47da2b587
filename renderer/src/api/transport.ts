/**
 * What the typed client needs from a way of reaching the host. Two implementations: the Electron
 * bridge (desktop) and a WebSocket (headless host in a browser).
 */
import type { ImportFile } from '../../../electron/common/protocol';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Bytes sent so far over all files of one upload call. */
export type UploadProgress = (sentBytes: number, totalBytes: number) => void;

export interface Transport {
  /** Resolves with the method's result; rejects with a WorkbenchError when the host answers an error. */
  request(method: string, params: unknown): Promise<unknown>;
  /** Every host event, whatever its name. Handlers survive reconnects. */
  onEvent(handler: (event: string, payload: unknown) => void): () => void;
  /** Connection changes (the desktop bridge is always 'open'). */
  onConnection(handler: (state: ConnectionState) => void): () => void;
  /** Makes dropped/picked files importable: a host path (desktop) or an upload id (headless). */
  uploadFiles(files: File[], onProgress?: UploadProgress): Promise<ImportFile[]>;
  close(): void;
}

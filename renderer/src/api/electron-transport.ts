/**
 * Desktop transport: the preload's `window.workbench` bridge. Files need no upload: the host reads
 * them from disk by the path Electron gives for a File.
 */
import { fromErrorShape, WorkbenchError } from '../../../electron/common/errors';
import type { ImportFile } from '../../../electron/common/protocol';
import type { WorkbenchBridge } from './bridge-types';
import type { ConnectionState, Transport, UploadProgress } from './transport';

export class ElectronTransport implements Transport {
  constructor(private readonly bridge: WorkbenchBridge) {}

  async request(method: string, params: unknown): Promise<unknown> {
    const answer = await this.bridge.invoke(method, params);
    if (answer.ok) return answer.result;
    throw fromErrorShape(answer.error);
  }

  onEvent(handler: (event: string, payload: unknown) => void): () => void {
    return this.bridge.on(handler);
  }

  onConnection(handler: (state: ConnectionState) => void): () => void {
    handler('open');
    return () => {};
  }

  async uploadFiles(files: File[], onProgress?: UploadProgress): Promise<ImportFile[]> {
    const total = files.reduce((n, f) => n + f.size, 0);
    const out = files.map((file) => {
      const path = this.bridge.pathForFile(file);
      if (!path) throw new WorkbenchError('BAD_REQUEST', `"${file.name}" has no path on disk and cannot be imported`, { file: file.name });
      return { path };
    });
    onProgress?.(total, total);
    return out;
  }

  close(): void {}
}

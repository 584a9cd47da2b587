/**
 * The one difference between the two hosts as a worker sees it: Electron's utilityProcess gives a
 * `parentPort`, Node's child_process.fork gives `process.send`. Both carry structured clones, so
 * typed arrays arrive as typed arrays.
 */
export interface ParentPort {
  post(msg: unknown): void;
  onMessage(handler: (msg: unknown) => void): void;
}

interface ElectronParentPort {
  postMessage(msg: unknown): void;
  on(event: 'message', cb: (e: { data: unknown }) => void): void;
}

export function connectToParent(): ParentPort {
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      post: (msg) => electronPort.postMessage(msg),
      onMessage: (handler) => electronPort.on('message', (e) => handler(e.data)),
    };
  }
  if (typeof process.send === 'function') {
    return {
      post: (msg) => process.send?.(msg),
      onMessage: (handler) => process.on('message', handler),
    };
  }
  throw new Error('This file is a worker: start it through the host (no parent port found)');
}

import { utilityProcess } from 'electron';
import type { WorkerLauncher, WorkerProcess } from '../node/host/worker-launcher';
import { execArgvFor } from '../node/host/worker-exec-argv';

/** Workers as Electron utility processes: same entry files as the headless host's child processes. */
export class ElectronWorkerLauncher implements WorkerLauncher {
  launch(kind: string, entry: string): WorkerProcess {
    const child = utilityProcess.fork(entry, [], {
      serviceName: `KG Workbench ${kind}`,
      stdio: 'inherit',
      execArgv: execArgvFor(kind),
      env: { ...process.env, KGW_WORKER_KIND: kind },
    });
    const exitHandlers: Array<(code: number | null, reason: string) => void> = [];
    child.on('exit', (code) => exitHandlers.forEach((h) => h(code, `exited with code ${code}`)));
    return {
      get pid() {
        return child.pid;
      },
      send: (msg) => child.postMessage(msg),
      onMessage: (h) => child.on('message', h),
      onExit: (h) => exitHandlers.push(h),
      kill: () => {
        child.kill();
      },
    };
  }
}

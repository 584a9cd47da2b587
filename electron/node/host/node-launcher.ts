import { fork } from 'node:child_process';
import type { WorkerLauncher, WorkerProcess } from './worker-launcher';
import { execArgvFor } from './worker-exec-argv';

/** Workers as child processes; 'advanced' serialization so typed arrays cross as they do in Electron. */
export class NodeWorkerLauncher implements WorkerLauncher {
  constructor(private readonly execArgv: string[] = []) {}

  launch(kind: string, entry: string): WorkerProcess {
    const child = fork(entry, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: [...this.execArgv, ...execArgvFor(kind)],
      env: { ...process.env, KGW_WORKER_KIND: kind },
    });
    return {
      pid: child.pid,
      send: (msg) => {
        if (child.connected) child.send(msg as never);
      },
      onMessage: (h) => child.on('message', h),
      onExit: (h) => child.on('exit', (code, signal) => h(code, signal ? `killed by ${signal}` : `exited with code ${code}`)),
      kill: () => child.kill(),
    };
  }
}

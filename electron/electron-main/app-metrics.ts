/**
 * Electron knows what no JS sampler can see from inside: the renderer's and the GPU process's
 * resident memory and CPU. Once a second they join the host's samples as 'renderer' and 'gpu'.
 */
import { app } from 'electron';
import type { Host } from '../node/host/host';

const TYPES: Record<string, string> = { Tab: 'renderer', GPU: 'gpu' };

export function sampleElectronProcesses(host: Host): () => void {
  const timer = setInterval(() => {
    const t = Date.now();
    for (const m of app.getAppMetrics()) {
      const name = TYPES[m.type];
      if (!name) continue;
      host.reportSample({
        process: name,
        pid: m.pid,
        t,
        // workingSetSize is in KiB
        rss: m.memory.workingSetSize * 1024,
        heapUsed: 0,
        external: 0,
        arrayBuffers: 0,
        cpu: m.cpu.percentCPUUsage,
        eventLoopDelayMs: 0,
        counters: {},
      });
    }
  }, 1000);
  timer.unref();
  return () => clearInterval(timer);
}

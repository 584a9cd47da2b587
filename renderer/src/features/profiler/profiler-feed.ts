/**
 * Feeds the profiler from the moment the app connects: host history (`profiling.history`, which
 * also starts the host's recording), live `metrics.samples` events, the renderer's own sampler,
 * and the job list after every job end. Also owns the `P` shortcut. Started once from main.tsx.
 */
import type { WorkbenchClient } from '../../api/client';
import { fromColumns } from '../../../../electron/common/protocol/profiling';
import type { ProcessSample } from '../../../../electron/common/protocol';
import { profilerStore } from './profiler-store';
import { RendererSampler } from './renderer-sampler';
import { RENDERER } from './profiler-charts';

let current: WorkbenchClient | null = null;

/** The client the profiler was started with (the panel's export and job list use it). */
export function profilerClient(): WorkbenchClient | null {
  return current;
}

export async function loadHistory(client: WorkbenchClient, windowSec = 3600): Promise<void> {
  const { processes } = await client.call('profiling.history', { windowSec });
  const samples: ProcessSample[] = processes.flatMap((p) => fromColumns(p));
  profilerStore.getState().addSamples(samples);
}

export async function refreshJobs(client: WorkbenchClient): Promise<void> {
  profilerStore.getState().setJobs(await client.call('job.list', {}));
}

/** The renderer's kept samples (sent along with an export so the report shows this process too). */
export function rendererSamples(): ProcessSample[] {
  return profilerStore.getState().samples.range(RENDERER);
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

export function startProfiler(client: WorkbenchClient): () => void {
  current = client;
  const store = profilerStore.getState;
  const sampler = new RendererSampler({
    onSample: (s) => store().addSamples([s]),
    canvasActive: () => document.querySelector('[data-testid="cy"] canvas') !== null,
  });
  sampler.start();
  // History is best effort: an older host without profiling still shows live samples.
  const history = () => void loadHistory(client).catch(() => undefined);
  const jobs = () => void refreshJobs(client).catch(() => undefined);
  const offs = [
    client.on('metrics.samples', (samples) => store().addSamples(samples)),
    client.on('job.finished', jobs),
    client.on('job.failed', jobs),
    client.onConnection((state) => {
      if (state === 'open') {
        history();
        jobs();
      }
    }),
  ];
  history();
  jobs();
  const onKey = (e: KeyboardEvent) => {
    if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'p' || e.key === 'P') {
      e.preventDefault();
      store().toggle();
    }
  };
  window.addEventListener('keydown', onKey);
  return () => {
    sampler.stop();
    offs.forEach((off) => off());
    window.removeEventListener('keydown', onKey);
    current = null;
  };
}

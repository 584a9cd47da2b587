/**
 * The host's profiling memory: a SampleStore fed by every sample of every process (one hour at
 * 1 Hz per process), attached to a Host the first time anything asks for it (a profiling call,
 * `/metrics`). Attached lazily because the Host is built by two hosts and the CLI that do not all
 * profile; the renderer asks for history when it connects, which starts the recording.
 */
import type { Host } from './host';
import { SampleStore } from '../../common/metrics/sample-store';
import type { ProcessSample } from '../../common/protocol/metrics';

export interface ProfilingState {
  readonly store: SampleStore;
  /** When recording began, unix ms. */
  readonly since: number;
}

const states = new WeakMap<Host, ProfilingState>();

export function profilingState(host: Host): ProfilingState {
  let state = states.get(host);
  if (state) return state;
  const store = new SampleStore();
  // The newest sample of each process is already known: start from it rather than from nothing.
  for (const s of host.samples()) store.add(s);
  host.onSample((s) => addSample(store, s));
  state = { store, since: Date.now() };
  states.set(host, state);
  return state;
}

/**
 * Adds a sample unless the store already has one of the same process at or after its time (the
 * host re-sends the newest sample of every process once a second; a worker that missed a beat
 * would otherwise be counted twice, inflating counter totals).
 */
export function addSample(store: SampleStore, s: ProcessSample): boolean {
  const last = store.latest(s.process);
  if (last && last.t >= s.t) return false;
  store.add(s);
  return true;
}

/** Every kept sample of every process, in one list. */
export function allSamples(store: SampleStore): ProcessSample[] {
  return Object.values(store.all()).flat();
}

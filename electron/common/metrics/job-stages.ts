/**
 * Times the stages of a job (parse, write, index, embed ...) and produces the `stages` array of
 * ImportResult: `{name, ms, items?}` in first-started order. A stage may run several times (batches
 * that alternate parse and write): its spans and items add up. Stages may overlap, as streaming
 * pipelines do, so the stage times can sum to more than the job's wall time.
 */
import { WorkbenchError } from '../errors';

export interface StageTiming {
  name: string;
  ms: number;
  items?: number;
}

export interface StageRate extends StageTiming {
  /** items per second of stage time; absent without items or time. */
  perSecond?: number;
}

interface StageState {
  ms: number;
  items?: number;
  runningSince?: number;
}

export class JobStages {
  private readonly now: () => number;
  private readonly byName = new Map<string, StageState>();

  /** `now` is a monotonic ms clock (performance.now by default; injectable for tests). */
  constructor(now: () => number = () => performance.now()) {
    this.now = now;
  }

  private state(name: string): StageState {
    let st = this.byName.get(name);
    if (!st) {
      st = { ms: 0 };
      this.byName.set(name, st);
    }
    return st;
  }

  /** Starts a span of the stage. Starting a stage that is already running is a bug in the caller. */
  start(name: string): void {
    const st = this.state(name);
    if (st.runningSince !== undefined) throw new WorkbenchError('INTERNAL', `Stage "${name}" was started twice without being stopped.`, { value: name });
    st.runningSince = this.now();
  }

  /** Ends the running span of the stage, adding `items` if given; returns the span's ms. */
  stop(name: string, items?: number): number {
    const st = this.byName.get(name);
    if (st?.runningSince === undefined) throw new WorkbenchError('INTERNAL', `Stage "${name}" was stopped but is not running.`, { value: name });
    const span = Math.max(0, this.now() - st.runningSince);
    st.ms += span;
    st.runningSince = undefined;
    if (items !== undefined) this.addItems(name, items);
    return span;
  }

  /** Counts items against a stage (running or not). */
  addItems(name: string, n: number): void {
    if (!Number.isFinite(n)) return;
    const st = this.state(name);
    st.items = (st.items ?? 0) + n;
  }

  /** Whether the stage has a span open now. */
  isRunning(name: string): boolean {
    return this.byName.get(name)?.runningSince !== undefined;
  }

  /** Runs fn as one span of the stage; the span ends whether fn returns or throws. */
  async time<T>(name: string, fn: () => Promise<T> | T, items?: number): Promise<T> {
    this.start(name);
    try {
      return await fn();
    } finally {
      this.stop(name, items);
    }
  }

  /** Stage timings so far; a running stage counts up to now. */
  stages(): StageTiming[] {
    const at = this.now();
    return [...this.byName].map(([name, st]) => {
      const ms = st.ms + (st.runningSince !== undefined ? Math.max(0, at - st.runningSince) : 0);
      return st.items === undefined ? { name, ms } : { name, ms, items: st.items };
    });
  }

  /** Stage timings with items per second of stage time. */
  rates(): StageRate[] {
    return this.stages().map((s) => (s.items !== undefined && s.ms > 0 ? { ...s, perSecond: (s.items * 1000) / s.ms } : s));
  }
}

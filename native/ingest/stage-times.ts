/**
 * Wall and CPU time per import stage. On a shared machine wall time alone says little, so each
 * stage also gets CPU time (the process's, all threads).
 *
 * CPU time is a getrusage call, and in a busy import it is not cheap: JSON 100 MB (1,637 flat
 * batches, two stage ends each) spent 308 ms of the writing thread's wall time in 3,288 readings
 * (~94 us each while the parser thread and SQLite run; ~1-3 us in an idle process). The per-batch
 * stages (`parse`, `write`) therefore read it at most every READ_EVERY_MS and split the CPU time
 * since the last reading over the stages in proportion to their wall time since then; the total
 * stays exact, the split is an estimate at batch granularity. Other stages read it at their end.
 */
const READ_EVERY_MS = 50;

interface Stage { ms: number; cpuMs: number; items?: number }

export class StageTimes {
  private readonly stages = new Map<string, Stage>();
  private mark = process.cpuUsage();
  private markAt = performance.now();
  /** Wall ms per stage since the last CPU reading, for the split. */
  private readonly pending = new Map<Stage, number>();

  /** Adds `ms` of wall time to `name`; `batched`: a per-batch stage, CPU read at most every 50 ms. */
  add(name: string, ms: number, items?: number, batched = false): void {
    let s = this.stages.get(name);
    if (!s) this.stages.set(name, (s = { ms: 0, cpuMs: 0, items: undefined }));
    s.ms += ms;
    if (items !== undefined) s.items = (s.items ?? 0) + items;
    this.pending.set(s, (this.pending.get(s) ?? 0) + ms);
    if (!batched || performance.now() - this.markAt >= READ_EVERY_MS) this.read();
  }

  /** Starts the next stage's CPU count now (what ran since the last stage end is not counted). */
  restart(): void {
    this.read();
    this.pending.clear();
    this.mark = process.cpuUsage();
  }

  list(): Array<{ name: string; ms: number; cpuMs: number; items?: number }> {
    this.read();
    return [...this.stages.entries()].map(([name, s]) => ({ name, ms: Math.round(s.ms * 10) / 10, cpuMs: Math.round(s.cpuMs), items: s.items }));
  }

  private read(): void {
    if (this.pending.size === 0) return;
    const now = process.cpuUsage();
    const cpuMs = (now.user - this.mark.user + now.system - this.mark.system) / 1000;
    this.mark = now;
    this.markAt = performance.now();
    let wall = 0;
    for (const ms of this.pending.values()) wall += ms;
    for (const [s, ms] of this.pending) s.cpuMs += wall > 0 ? (cpuMs * ms) / wall : cpuMs / this.pending.size;
    this.pending.clear();
  }
}

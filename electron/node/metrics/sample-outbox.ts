/**
 * What the host sends in each `metrics.samples` event: every sample recorded since the last
 * event, then the newest sample of each process that sent none since (so a client that just
 * connected sees every process at once; clients drop samples they already hold).
 *
 * Worker heartbeats and the host's own 1 Hz tick are not in phase, so two samples of one worker
 * can land between two host ticks. Sending only the newest per process lost the other, and with
 * it the work counts it carried: an import that finished within one heartbeat never showed in
 * the throughput chart.
 */
import type { ProcessSample } from '../../common/protocol/metrics';

/** Bound on samples held between two ticks (a tick holds a few per process; a stalled host must not grow). */
const MAX_UNSENT = 512;

export class SampleOutbox {
  private unsent: ProcessSample[] = [];

  add(sample: ProcessSample): void {
    if (this.unsent.length < MAX_UNSENT) this.unsent.push(sample);
  }

  /** The next event's payload; `latest` is the newest sample of every process. */
  take(latest: Iterable<ProcessSample>): ProcessSample[] {
    const unsent = this.unsent;
    this.unsent = [];
    const sent = new Set(unsent.map((s) => s.process));
    return [...unsent, ...[...latest].filter((s) => !sent.has(s.process))];
  }
}

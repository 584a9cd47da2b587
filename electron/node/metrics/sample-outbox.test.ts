import { describe, expect, it } from 'vitest';
import type { ProcessSample } from '../../common/protocol/metrics';
import { SampleOutbox } from './sample-outbox';

function sample(process: string, t: number, counters: Record<string, number> = {}): ProcessSample {
  return { process, pid: 1, t, rss: 1, heapUsed: 1, heapTotal: 1, external: 0, arrayBuffers: 0, cpu: 0, eventLoopDelayMs: 0, counters };
}

describe('SampleOutbox', () => {
  it('sends both heartbeats of a worker that landed between two host ticks, counts included', () => {
    const outbox = new SampleOutbox();
    const first = sample('ingest', 1000, { entities: 3376, edges: 5366 });
    const second = sample('ingest', 1900);
    const host = sample('host', 2000);
    outbox.add(first);
    outbox.add(second);
    outbox.add(host);
    const sent = outbox.take([second, host]);
    expect(sent).toEqual([first, second, host]);
    expect(sent.reduce((n, s) => n + (s.counters.entities ?? 0), 0)).toBe(3376);
  });

  it('adds the newest sample of processes that sent nothing since, and empties after each take', () => {
    const outbox = new SampleOutbox();
    const old = sample('vector', 500);
    outbox.add(sample('host', 1000));
    const sent = outbox.take([old, sample('host', 1000)]);
    expect(sent.map((s) => `${s.process}@${s.t}`)).toEqual(['host@1000', 'vector@500']);
    expect(outbox.take([old])).toEqual([old]);
  });

  it('holds a bounded number of samples when nobody takes them', () => {
    const outbox = new SampleOutbox();
    for (let i = 0; i < 10_000; i++) outbox.add(sample('ingest', i));
    const sent = outbox.take([]);
    expect(sent.length).toBe(512);
    expect(sent[0]!.t).toBe(0);
  });
});

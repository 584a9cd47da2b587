import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatRate, progressView } from './format';

describe('format helpers', () => {
  it('formats bytes, rates and durations', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MB');
    expect(formatRate(2 * 1024 * 1024, 'bytes')).toBe('2.0 MB/s');
    expect(formatRate(3400.4, 'nodes')).toBe('3,400 nodes/s');
    expect(formatDuration(5_400)).toBe('5s');
    expect(formatDuration(125_000)).toBe('2m 05s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
  });

  it('uses the host rate/ETA when sent, and derives them from elapsed time otherwise', () => {
    expect(progressView({ done: 50, total: 200, rate: 10, etaMs: 15000 }, 0, 1000)).toEqual({ percent: 25, rate: 10, etaMs: 15000 });
    const derived = progressView({ done: 100, total: 400 }, 0, 10_000);
    expect(derived.percent).toBe(25);
    expect(derived.rate).toBe(10);
    expect(derived.etaMs).toBe(30_000);
    expect(progressView({ done: 0 }, 0, 100)).toEqual({ percent: null, rate: null, etaMs: null });
  });
});

/** Human-readable numbers for progress bars and the status bar. */

export function formatBytes(n: number): string {
  if (n < 1024) return `${Math.round(n)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "1.2 MB/s" for bytes, "3,400 nodes/s" for other units. */
export function formatRate(rate: number, unit: string): string {
  return unit === 'bytes' ? `${formatBytes(rate)}/s` : `${formatCount(Math.round(rate))} ${unit}/s`;
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

export interface ProgressView {
  percent: number | null;
  rate: number | null;
  etaMs: number | null;
}

/**
 * Percentage, rate and ETA of a progress report; rate and ETA fall back to an average since
 * `startedAt` when the host did not send its own.
 */
export function progressView(p: { done: number; total?: number; rate?: number; etaMs?: number }, startedAt: number, now: number): ProgressView {
  const percent = p.total && p.total > 0 ? Math.min(100, (p.done / p.total) * 100) : null;
  const elapsed = (now - startedAt) / 1000;
  const rate = p.rate ?? (elapsed > 0.5 && p.done > 0 ? p.done / elapsed : null);
  const etaMs = p.etaMs ?? (rate && p.total ? ((p.total - p.done) / rate) * 1000 : null);
  return { percent, rate, etaMs };
}

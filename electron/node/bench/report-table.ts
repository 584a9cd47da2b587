/** The bench run as one plain-text table (what `npm run bench` prints) and a comparison of runs. */
import type { BenchRow, BenchRun } from './run-bench';

export function fmtMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export function fmtRatio(ratio: number): string {
  return ratio >= 10 ? `${ratio.toFixed(0)}x` : `${ratio.toFixed(1)}x`;
}

export function fmtRss(peak: Record<string, number>): string {
  return Object.entries(peak)
    .map(([p, mb]) => `${p} ${Math.round(mb)} MB`)
    .join(', ');
}

export const TABLE_COLUMNS = ['scenario', 'size', 'ours', "seed's figure", 'ratio (seed/ours)', 'target', 'met?', 'peak RSS'] as const;

/** The cells of one row, in TABLE_COLUMNS order (shared by the text and the HTML table). */
export function rowCells(r: BenchRow): string[] {
  return [
    `${r.group}: ${r.name}`,
    r.size,
    r.error ? `FAILED (${r.error.code})` : fmtMs(r.ms!),
    r.seed?.text ?? '—',
    r.ratio === undefined ? '—' : `${fmtRatio(r.ratio)} faster`,
    r.target?.text ?? '—',
    r.met === undefined ? '—' : r.met ? 'yes' : 'NO',
    fmtRss(r.peakRssMB),
  ];
}

function padTable(header: readonly string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)];
}

export function machineLine(run: BenchRun): string {
  const m = run.machine;
  return `Machine: ${m.cores} × ${m.cpuModel}, ${Math.round(m.totalMemMB / 1024)} GiB, ${m.platform}, Node ${m.node}; load average at start ${m.loadAverage.map((l) => l.toFixed(2)).join(' / ')}`;
}

/** Machine line, the table, then one line per scenario with extras or an error message. */
export function renderTable(run: BenchRun): string {
  const out = [machineLine(run), `Run ${run.startedAt}${run.quick ? ' (--quick)' : ''}${run.groups.length ? `, groups: ${run.groups.join(', ')}` : ''}`, ''];
  if (run.rows.length === 0) return [...out, 'No scenario matched.'].join('\n');
  out.push(...padTable(TABLE_COLUMNS, run.rows.map(rowCells)));
  const notes = run.rows.flatMap((r) => {
    if (r.error) return [`  ${r.group}: ${r.name} — ${r.error.message}`];
    if (!r.extra || Object.keys(r.extra).length === 0) return [];
    return [`  ${r.group}: ${r.name} — ${Object.entries(r.extra).map(([k, v]) => `${k} ${typeof v === 'number' ? +v.toPrecision(4) : v}`).join(', ')}`];
  });
  if (notes.length) out.push('', ...notes);
  return out.join('\n');
}

export interface RowDelta {
  key: string;
  oldMs?: number;
  newMs?: number;
  /** (new - old) / old; negative = faster now. */
  change?: number;
}

/** Matches rows by group and name; rows only in one run are listed with the other side empty. */
export function compareRuns(old: BenchRun, current: BenchRun): RowDelta[] {
  const key = (r: BenchRow) => `${r.group}: ${r.name} (${r.size})`;
  const before = new Map(old.rows.map((r) => [key(r), r]));
  const deltas: RowDelta[] = current.rows.map((r) => {
    const o = before.get(key(r));
    before.delete(key(r));
    const d: RowDelta = { key: key(r) };
    if (o?.ms !== undefined) d.oldMs = o.ms;
    if (r.ms !== undefined) d.newMs = r.ms;
    if (d.oldMs !== undefined && d.newMs !== undefined && d.oldMs > 0) d.change = (d.newMs - d.oldMs) / d.oldMs;
    return d;
  });
  for (const [k, o] of before) deltas.push(o.ms === undefined ? { key: k } : { key: k, oldMs: o.ms });
  return deltas;
}

export function renderComparison(deltas: readonly RowDelta[], oldStartedAt: string): string {
  const rows = deltas.map((d) => [
    d.key,
    d.oldMs === undefined ? '—' : fmtMs(d.oldMs),
    d.newMs === undefined ? '—' : fmtMs(d.newMs),
    d.change === undefined ? '—' : `${d.change > 0 ? '+' : ''}${(d.change * 100).toFixed(1)} %${d.change < 0 ? ' (faster)' : d.change > 0 ? ' (slower)' : ''}`,
  ]);
  return [`Compared with the run of ${oldStartedAt}:`, ...padTable(['scenario', 'before', 'now', 'change'], rows)].join('\n');
}

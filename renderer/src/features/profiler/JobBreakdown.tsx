/** Finished and running jobs, newest first; each ended job with a bar per stage (ms and rate). */
import type { JobState } from '../../../../electron/common/protocol';

export interface StageRow {
  name: string;
  ms: number;
  items?: number;
  /** Items per second of stage time. */
  perSecond?: number;
  /** Share of the job's longest stage, 0..1 (bar length). */
  share: number;
}

/** The stage rows of a job whose result carries `stages` ([] otherwise). */
export function stageRows(job: Pick<JobState, 'result'>): StageRow[] {
  const raw = (job.result as { stages?: unknown } | undefined)?.stages;
  if (!Array.isArray(raw)) return [];
  const stages = raw.filter((s): s is { name: string; ms: number; items?: number } => typeof s?.name === 'string' && typeof s?.ms === 'number' && Number.isFinite(s.ms));
  const longest = Math.max(0, ...stages.map((s) => s.ms));
  return stages.map((s) => {
    const row: StageRow = { name: s.name, ms: s.ms, share: longest > 0 ? s.ms / longest : 0 };
    if (typeof s.items === 'number') {
      row.items = s.items;
      if (s.ms > 0) row.perSecond = (s.items * 1000) / s.ms;
    }
    return row;
  });
}

const fmtMs = (ms: number) => (ms < 10 ? `${ms.toFixed(1)} ms` : ms < 10_000 ? `${Math.round(ms).toLocaleString('en-US')} ms` : `${(ms / 1000).toFixed(1)} s`);
const fmtRate = (r: number) => `${Math.round(r).toLocaleString('en-US')}/s`;

export function JobBreakdown({ jobs }: { jobs: JobState[] }) {
  if (jobs.length === 0) return <p className="muted">No jobs yet. Import a file and its stages appear here.</p>;
  const ordered = [...jobs].sort((a, b) => b.startedAt - a.startedAt).slice(0, 20);
  return (
    <ul className="profiler-jobs" data-testid="profiler-jobs">
      {ordered.map((job) => {
        const rows = stageRows(job);
        const wall = job.finishedAt !== undefined ? job.finishedAt - job.startedAt : undefined;
        return (
          <li key={job.jobId} data-testid="profiler-job" data-method={job.method} data-state={job.state}>
            <div className="job-head">
              <strong>{job.method}</strong> <span className={`job-state ${job.state}`}>{job.state}</span>
              <span className="muted">{wall !== undefined ? fmtMs(wall) : (job.progress?.stage ?? 'running…')}</span>
            </div>
            {job.error && <div className="job-error">{job.error.message}</div>}
            {rows.length > 0 && (
              <table className="stages">
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.name} data-testid="profiler-stage" data-stage={r.name}>
                      <td className="stage-name">{r.name}</td>
                      <td className="stage-bar">
                        <span style={{ width: `${Math.max(1, r.share * 100)}%` }} />
                      </td>
                      <td className="num">{fmtMs(r.ms)}</td>
                      <td className="num muted">{r.perSecond !== undefined ? fmtRate(r.perSecond) : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </li>
        );
      })}
    </ul>
  );
}

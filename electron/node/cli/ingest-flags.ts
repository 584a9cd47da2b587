/**
 * `kgw import` runs the importer in the CLI's own process, so it needs the V8 flags the app gives
 * its ingest worker (worker-exec-argv.ts: a small semi-space, ~50 MB less peak RSS on big
 * imports). A plain `kgw import` (bin/kgw.js, no node flags) is started again once with them;
 * flags the user gave (the same flag with another value) are kept.
 */
import { spawnSync } from 'node:child_process';
import { execArgvFor } from '../host/worker-exec-argv';

/** Set in the relaunched process, so it never relaunches again. */
const RELAUNCHED_ENV = 'KGW_INGEST_FLAGS';

function flagName(arg: string): string {
  return arg.split('=')[0].replace(/_/g, '-');
}

/** The ingest flags this process lacks (none for commands other than import). */
export function missingIngestFlags(argv: string[], execArgv: readonly string[] = process.execArgv): string[] {
  if (argv[0] !== 'import') return [];
  const have = new Set(execArgv.map(flagName));
  return execArgvFor('ingest').filter((f) => !have.has(flagName(f)));
}

/**
 * Runs this CLI again with the ingest flags when they are missing; its exit code, or undefined
 * when nothing was relaunched (flags present, another command, or the relaunch failed to start:
 * the import then runs here, only with more memory).
 */
export function relaunchWithIngestFlags(argv: string[]): number | undefined {
  if (process.env[RELAUNCHED_ENV] === '1') return undefined;
  const missing = missingIngestFlags(argv);
  if (!missing.length || !process.argv[1]) return undefined;
  const r = spawnSync(process.execPath, [...process.execArgv, ...missing, process.argv[1], ...argv], {
    stdio: 'inherit',
    env: { ...process.env, [RELAUNCHED_ENV]: '1' },
  });
  if (r.error) return undefined;
  return r.status ?? 1;
}

/**
 * Import benchmarks: deterministic AutoSchemaKG-shaped inputs generated into ctx.tmpDir, imported
 * into a fresh workspace by the real CLI (`dist/node/cli.js import --json`, which parses in a
 * worker thread from dist/workers/parse.js as the ingest worker does) in a child process with
 * the ingest worker's V8 flags (worker-exec-argv.ts).
 *
 * Headline: the import's own wall time as the CLI reports it (drop to commit, without Node's
 * start-up, which is in `processMs`). Peak RSS is the child's getrusage maxRSS (all threads),
 * printed at exit by a preload; CPU time (user + system) beside it, because the 2-core machine
 * is shared and wall time alone swings with its load. Stage times (parse / write / edges / index
 * / degree / search-index / commit) go into `extra` so it is clear where the time goes.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchContext, Scenario, ScenarioResult } from '../scenario';
import { generateAutoSchemaKgCsv } from '../../../../native/ingest/csv/generate-csv';
import { generateNodeLinkJson } from '../../../../native/ingest/json/generate-json';
import { generateGraphmlCounts } from '../../../../native/ingest/xml/generate-graphml';
import { execArgvFor } from '../../host/worker-exec-argv';
import { repeatRuns } from '../repeat';
import { measureSqliteFloor, type FloorResult } from '../sqlite-floor';
import { databasePath } from '../../../../native/store/sqlite/open';

interface CliImportJson {
  nodesAdded: number;
  edgesAdded: number;
  ms?: number;
  cpuMs?: number;
  stages: Array<{ name: string; ms: number; cpuMs?: number }>;
}

// --require also runs in the parser thread; only the main thread reports (its exit comes last).
const PRELOAD = `if (require('node:worker_threads').isMainThread) process.on('exit', () => { const u = process.resourceUsage();
  process.stderr.write('\\nKGW_BENCH_USAGE ' + JSON.stringify({ maxRSS: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }) + '\\n'); });\n`;

function cliPath(): string {
  // Bundled: dist/node/bench.js beside dist/node/cli.js.
  const cli = path.join(__dirname, 'cli.js');
  if (!fs.existsSync(cli)) throw new Error(`${cli} not found: run the bench through npm run bench (it builds first)`);
  return cli;
}

/** Imports into a new workspace, removed afterwards unless `keepIn` names the folder to import into. */
async function importInChild(ctx: BenchContext, files: string[], keepIn?: string): Promise<ScenarioResult> {
  const preload = path.join(ctx.tmpDir, 'usage-preload.cjs');
  fs.writeFileSync(preload, PRELOAD);
  const workspace = keepIn ?? fs.mkdtempSync(path.join(ctx.tmpDir, 'ws-'));
  const started = performance.now();
  const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve, reject) => {
    const child = spawn(process.execPath, [...execArgvFor('ingest'), '--require', preload, cliPath(), 'import', ...files, '--workspace', workspace, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (c) => resolve({ stdout: out, stderr: err, code: c }));
  });
  const processMs = performance.now() - started;
  if (!keepIn) fs.rmSync(workspace, { recursive: true, force: true });
  if (code !== 0) throw new Error(`kgw import exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const usageLine = stderr.split('\n').reverse().find((l) => l.startsWith('KGW_BENCH_USAGE '));
  const usage = usageLine ? (JSON.parse(usageLine.slice('KGW_BENCH_USAGE '.length)) as { maxRSS: number; cpuMs: number }) : undefined;
  const result = JSON.parse(stdout) as CliImportJson;
  const extra: Record<string, number | string> = {
    nodes: result.nodesAdded,
    edges: result.edgesAdded,
    importCpuMs: result.cpuMs ?? '',
    processMs: Math.round(processMs),
    processCpuMs: usage ? Math.round(usage.cpuMs) : '',
    load1: Math.round(os.loadavg()[0] * 10) / 10,
  };
  for (const s of result.stages) {
    if (s.ms < 1) continue;
    extra[`${s.name}Ms`] = Math.round(s.ms);
    if (s.cpuMs !== undefined) extra[`${s.name}CpuMs`] = s.cpuMs;
  }
  return {
    ms: result.ms ?? processMs,
    peakRssMB: usage ? { 'kgw import': Math.round(usage.maxRSS / 1024) } : undefined,
    extra,
  };
}

async function csv(ctx: BenchContext, nodes: number): Promise<ScenarioResult> {
  const dir = path.join(ctx.tmpDir, `csv-${nodes}`);
  const { nodesFile, edgesFile } = await generateAutoSchemaKgCsv(dir, nodes, nodes);
  try {
    return await repeatRuns(ctx.runs, () => importInChild(ctx, [nodesFile, edgesFile]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * SQLite's own share of CSV 1M + 1M (sqlite-floor.ts): the generated files imported once, then the
 * workspace's rows copied into new workspaces, by SQL alone and through bound statements, with the
 * same indexes, degrees, search index and commit. Headline: the bound copy, the least an importer
 * that hands parsed rows from JS to SQLite spends before parsing anything.
 */
async function csvSqliteFloor(ctx: BenchContext, nodes: number): Promise<ScenarioResult> {
  const dir = path.join(ctx.tmpDir, `csv-${nodes}`);
  const source = path.join(ctx.tmpDir, 'floor-source');
  try {
    const { nodesFile, edgesFile } = await generateAutoSchemaKgCsv(dir, nodes, nodes);
    await importInChild(ctx, [nodesFile, edgesFile], source);
    fs.rmSync(dir, { recursive: true, force: true });
    return await repeatRuns(ctx.runs, async (i) => {
      const measure = (mode: 'sql' | 'bound'): FloorResult => {
        const target = path.join(ctx.tmpDir, `floor-${mode}-${i}`);
        try {
          return measureSqliteFloor(databasePath(source), target, mode);
        } finally {
          fs.rmSync(target, { recursive: true, force: true });
        }
      };
      const sql = measure('sql');
      const bound = measure('bound');
      const extra: Record<string, number | string> = { nodes: bound.nodes, edges: bound.edges, sqlMs: Math.round(sql.ms) };
      for (const r of [sql, bound]) for (const s of r.steps) extra[`${r.mode}:${s.name}`] = Math.round(s.ms);
      return { ms: bound.ms, extra };
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(source, { recursive: true, force: true });
  }
}

async function json(ctx: BenchContext, megabytes: number): Promise<ScenarioResult> {
  const file = path.join(ctx.tmpDir, `node-link-${megabytes}mb.json`);
  await generateNodeLinkJson(file, megabytes);
  try {
    const r = await repeatRuns(ctx.runs, () => importInChild(ctx, [file]));
    r.extra = { ...r.extra, fileMB: Math.round(fs.statSync(file).size / 2 ** 20) };
    return r;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

async function graphml(ctx: BenchContext, nodes: number, edges: number): Promise<ScenarioResult> {
  const file = path.join(ctx.tmpDir, `gen-${nodes}-${edges}.graphml`);
  await generateGraphmlCounts(file, nodes, edges);
  try {
    const r = await repeatRuns(ctx.runs, () => importInChild(ctx, [file]));
    r.extra = { ...r.extra, fileMB: Math.round(fs.statSync(file).size / 2 ** 20) };
    return r;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

export const scenarios: Scenario[] = [
  {
    group: 'import', name: 'CSV 10K entities', size: '10K nodes + 10K edges',
    seed: { text: '0.6 s', ms: 600 }, target: { text: '<= 0.1 s', ms: 100 },
    quick: true, run: (ctx) => csv(ctx, 10_000),
  },
  {
    group: 'import', name: 'CSV 1M entities', size: '1M nodes + 1M edges',
    seed: { text: '58 s, 650 MB', ms: 58_000, rssMB: 650 }, target: { text: '<= 6 s, <= 300 MB', ms: 6_000, rssMB: 300 },
    quick: true, run: (ctx) => csv(ctx, 1_000_000),
  },
  {
    // Not an import: what SQLite alone spends on the rows the row above stores (no parsing), the
    // floor under its 6 s target.
    group: 'import', name: 'CSV 1M: SQLite work alone', size: '1M nodes + 1M edges, rows bound from JS, no parsing',
    quick: true, run: (ctx) => csvSqliteFloor(ctx, 1_000_000),
  },
  {
    // Issue #3's memory rule past the sizes where the writer's JS tables and the parser's
    // duplicate check stop growing (1M ids each): RSS must stay flat, not grow with the input.
    group: 'import', name: 'CSV 3M entities, peak RSS', size: '3M nodes + 3M edges',
    seed: { text: '359 MB (before the bounded duplicate check)', rssMB: 359 }, target: { text: '<= 300 MB', rssMB: 300 },
    quick: false, run: (ctx) => csv(ctx, 3_000_000),
  },
  {
    group: 'import', name: 'JSON 100 MB', size: '100 MB node-link',
    seed: { text: '3.9 s, 220 MB', ms: 3_900, rssMB: 220 }, target: { text: '<= 2.5 s, <= 200 MB', ms: 2_500, rssMB: 200 },
    quick: true, run: (ctx) => json(ctx, 100),
  },
  {
    group: 'import', name: 'GraphML 100K/500K', size: '100K nodes / 500K edges',
    seed: { text: '19 s, 320 MB', ms: 19_000, rssMB: 320 }, target: { text: '<= 5 s, <= 300 MB', ms: 5_000, rssMB: 300 },
    quick: true, run: (ctx) => graphml(ctx, 100_000, 500_000),
  },
  {
    group: 'import', name: 'GraphML 1M/5M', size: '1M nodes / 5M edges',
    seed: { text: '3m12s, 2.1 GB', ms: 192_000, rssMB: 2_150 }, target: { text: '<= 60 s, <= 1.5 GB', ms: 60_000, rssMB: 1_536 },
    quick: false, run: (ctx) => graphml(ctx, 1_000_000, 5_000_000),
  },
];

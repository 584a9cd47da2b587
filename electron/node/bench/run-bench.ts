/**
 * Runs benchmark scenarios one after another and collects one row per scenario: our time, the
 * seed's figure and their ratio, the target and whether it was met, and peak RSS per process.
 * Kept apart from main.ts (which imports every scenario) so the runner is testable on its own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { toErrorShape } from '../../common/errors';
import type { BenchGroup, Scenario, ScenarioResult } from './scenario';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  /** 1, 5 and 15 minute load averages when the run began: a busy machine explains slow rows. */
  loadAverage: [number, number, number];
  totalMemMB: number;
  node: string;
  platform: string;
}

export interface BenchRow {
  group: BenchGroup;
  name: string;
  size: string;
  quick: boolean;
  /** Our headline time, ms; absent when the scenario failed. */
  ms?: number;
  seed?: Scenario['seed'];
  /** seed ms / our ms: how many times faster we are (absent without both numbers). */
  ratio?: number;
  target?: Scenario['target'];
  /** Whether the target (time and/or memory) was met; absent without a numeric target. */
  met?: boolean;
  /** Peak RSS per process, MB: 'bench' is this runner's process, others come from the scenario. */
  peakRssMB: Record<string, number>;
  extra?: ScenarioResult['extra'];
  /** Wall time the scenario took in the runner (setup included), ms. */
  wallMs: number;
  error?: { code: string; message: string };
}

export interface BenchRun {
  startedAt: string;
  quick: boolean;
  groups: string[];
  machine: MachineInfo;
  rows: BenchRow[];
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  const [a, b, c] = os.loadavg();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    loadAverage: [a ?? 0, b ?? 0, c ?? 0],
    totalMemMB: Math.round(os.totalmem() / 2 ** 20),
    node: process.versions.node,
    platform: `${process.platform} ${process.arch}`,
  };
}

/**
 * Scenarios of the named groups (all when none is named); with `quick`, only those in the quick
 * set. An unknown group name is an error rather than an empty run.
 */
export function selectScenarios(all: readonly Scenario[], groups: readonly string[], quick: boolean): Scenario[] {
  const known = new Set(all.map((s) => s.group));
  const unknown = groups.filter((g) => !known.has(g as BenchGroup));
  if (unknown.length) {
    throw new Error(`unknown bench group${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; known: ${[...known].sort().join(', ') || '(none registered)'}`);
  }
  return all.filter((s) => (groups.length === 0 || groups.includes(s.group)) && (!quick || s.quick));
}

/** Whether a result meets the scenario's numeric target (time and memory both, where given). */
export function targetMet(target: Scenario['target'], ms: number, peakRssMB: Record<string, number>): boolean | undefined {
  if (!target || (target.ms === undefined && target.rssMB === undefined)) return undefined;
  const timeOk = target.ms === undefined || ms <= target.ms;
  const peak = Math.max(0, ...Object.values(peakRssMB));
  const memOk = target.rssMB === undefined || peak <= target.rssMB;
  return timeOk && memOk;
}

/** Samples this process's RSS every `everyMs` while a scenario runs (the runner's own peak). */
function trackPeakRss(everyMs = 50): () => number {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage.rss()) / 2 ** 20;
  };
}

export interface RunOptions {
  groups?: string[];
  quick?: boolean;
  /** Parent of the per-scenario scratch folders. */
  tmpRoot?: string;
  /** Measurements per scenario where it repeats its work (default 1). */
  runs?: number;
  log?: (line: string) => void;
}

export async function runBench(all: readonly Scenario[], options: RunOptions = {}): Promise<BenchRun> {
  const groups = options.groups ?? [];
  const quick = options.quick ?? false;
  const log = options.log ?? (() => {});
  const selected = selectScenarios(all, groups, quick);
  const run: BenchRun = { startedAt: new Date().toISOString(), quick, groups, machine: machineInfo(), rows: [] };
  for (const [i, scenario] of selected.entries()) {
    log(`[${i + 1}/${selected.length}] ${scenario.group}: ${scenario.name} (${scenario.size})`);
    const tmpDir = fs.mkdtempSync(path.join(options.tmpRoot ?? os.tmpdir(), 'kgw-bench-'));
    const row: BenchRow = { group: scenario.group, name: scenario.name, size: scenario.size, quick: scenario.quick, peakRssMB: {}, wallMs: 0 };
    if (scenario.seed) row.seed = scenario.seed;
    if (scenario.target) row.target = scenario.target;
    const stopRss = trackPeakRss();
    const t0 = performance.now();
    try {
      const result = await scenario.run({ tmpDir, quick, runs: options.runs ?? 1, log: (line) => log(`    ${line}`) });
      row.ms = result.ms;
      if (result.extra) row.extra = result.extra;
      row.peakRssMB = { bench: stopRss(), ...result.peakRssMB };
      if (scenario.seed?.ms !== undefined && result.ms > 0) row.ratio = scenario.seed.ms / result.ms;
      const met = targetMet(scenario.target, result.ms, row.peakRssMB);
      if (met !== undefined) row.met = met;
    } catch (err) {
      // One broken scenario must not cost the numbers of all the others.
      const shape = toErrorShape(err);
      row.error = { code: shape.code, message: shape.message };
      row.peakRssMB = { bench: stopRss() };
      log(`    failed: ${shape.message}`);
    } finally {
      row.wallMs = performance.now() - t0;
      fs.rmSync(tmpDir, { recursive: true, force: true });
    }
    run.rows.push(row);
  }
  return run;
}

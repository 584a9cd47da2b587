/**
 * A benchmark scenario: one measured piece of work at one size, with the seed's figure beside it.
 * Each area adds its scenarios in ./scenarios/<group>.ts; `npm run bench [-- group...] [--quick]`
 * runs them and prints one table (see main.ts).
 */
export type BenchGroup = 'import' | 'embed' | 'vector' | 'query' | 'neo4j' | 'render';

export interface SeedFigure {
  /** What the seed's guide says, as printed: "0.6 s", "58 s, 650 MB". */
  text: string;
  ms?: number;
  rssMB?: number;
}

export interface ScenarioResult {
  /** The headline time of the scenario (what the seed figure is compared with). */
  ms: number;
  /** Peak resident memory per process that did the work, MB. */
  peakRssMB?: Record<string, number>;
  /** Anything else worth printing: rows/s, recall, answer size, stage breakdown ... */
  extra?: Record<string, number | string>;
}

export interface BenchContext {
  /** Scratch folder for generated inputs and workspaces, removed after the run. */
  tmpDir: string;
  quick: boolean;
  /** How many times to measure the work where the scenario repeats it (imports: median run, repeat.ts). */
  runs: number;
  log(line: string): void;
}

export interface Scenario {
  group: BenchGroup;
  /** "CSV 1M entities" */
  name: string;
  /** Human size label: "1M nodes / 5M edges". */
  size: string;
  seed?: SeedFigure;
  /** Our target from the issue, as text and numbers for the pass/miss column. */
  target?: { text: string; ms?: number; rssMB?: number };
  /** In the --quick set (a few minutes on 2 cores for everything). */
  quick: boolean;
  run(ctx: BenchContext): Promise<ScenarioResult>;
}

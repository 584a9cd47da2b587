/**
 * Finds and loads the project's HNSW addon (kgw_hnsw.node, built by scripts/build.mjs with
 * node-gyp into native/vector/addon/build/Release).
 *
 * The same code runs from source (vitest: __dirname = native/vector/addon) and from esbuild
 * bundles (dist/workers/*.js, dist/node/cli.js, dist/node/bench.js: __dirname = dist/<x>), so the
 * file is looked up by walking up from __dirname to the folder that holds it. KGW_HNSW_ADDON names
 * the file directly (for packaged layouts). process.dlopen keeps esbuild from trying to bundle it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../../electron/common/errors';

export const ADDON_RELATIVE = path.join('native', 'vector', 'addon', 'build', 'Release', 'kgw_hnsw.node');

/** The native index; vectors and labels are typed arrays read in place. */
export interface NativeHnsw {
  init(maxElements: number, M: number, efConstruction: number, seed: number, allowReplaceDeleted: boolean): void;
  load(file: string, allowReplaceDeleted: boolean): void;
  save(file: string): void;
  resize(maxElements: number): void;
  setEf(ef: number): void;
  /** Labels must be distinct within one call. */
  addBatch(labels: Uint32Array, vectors: Float32Array, replaceDeleted: boolean, threads?: number): void;
  /** Writes row q at q * stride of the outputs; a filter makes the search single-threaded. */
  searchBatch(
    queries: Float32Array,
    k: number,
    stride: number,
    outLabels: Uint32Array,
    outScores: Float32Array,
    outCounts: Uint32Array,
    threads?: number,
    filter?: (label: number) => boolean,
  ): void;
  markDelete(label: number): void;
  /** false when the label has no deleted slot any more (it was reused) or is not deleted. */
  unmarkDelete(label: number): boolean;
  getMaxElements(): number;
  getCurrentCount(): number;
  getDeletedCount(): number;
}

export interface HnswAddon {
  HnswIndex: new (dim: number, normalise: boolean) => NativeHnsw;
  hardwareConcurrency: number;
}

let cached: HnswAddon | undefined;

export function addonPath(): string | undefined {
  const fromEnv = process.env.KGW_HNSW_ADDON;
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : undefined;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, ADDON_RELATIVE);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

export function loadAddon(): HnswAddon {
  if (cached) return cached;
  const file = addonPath();
  if (!file) {
    throw new WorkbenchError('INTERNAL', `The HNSW addon (${ADDON_RELATIVE}) is not built; run node scripts/build.mjs`, { file: ADDON_RELATIVE });
  }
  const mod = { exports: {} as HnswAddon };
  process.dlopen(mod, file);
  cached = mod.exports;
  return cached;
}

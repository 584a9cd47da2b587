/**
 * Which model folder the workbench uses, in order: a folder the user picked (remembered in the
 * cache as `models/selected-model.json`), `$KGW_MODEL_DIR`, the app cache
 * (`<cache>/models/all-MiniLM-L6-v2`, where the model manager downloads to), and in a source
 * checkout the repository's `.cache/models` (what `node scripts/fetch-model.mjs` assembles).
 */
import fs from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../electron/common/errors';
import {
  DEFAULT_MODEL_NAME, cachedModelDir, defaultAppCacheDir, validateModelDir, type ModelFolder,
} from '../embed/model-manager';

export interface ModelLocationOptions {
  /** App cache folder; defaults per platform. */
  cacheDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Folder to start looking for a source checkout from (tests pass the repo). */
  devRootFrom?: string;
}

const SELECTED_FILE = 'selected-model.json';

export function appCacheDir(opts: ModelLocationOptions = {}): string {
  return opts.cacheDir ?? defaultAppCacheDir(opts.env ?? process.env);
}

function selectedFile(opts: ModelLocationOptions): string {
  return path.join(appCacheDir(opts), 'models', SELECTED_FILE);
}

/** The folder the user picked, if any (the file may name a folder that is gone since). */
export function selectedModelDir(opts: ModelLocationOptions = {}): string | undefined {
  try {
    const v = JSON.parse(fs.readFileSync(selectedFile(opts), 'utf8')) as { dir?: unknown };
    return typeof v.dir === 'string' ? v.dir : undefined;
  } catch {
    return undefined;
  }
}

/** Validates and remembers a folder the user picked; returns what it holds. */
export function selectModelDir(dir: string, opts: ModelLocationOptions = {}): ModelFolder {
  const folder = validateModelDir(dir);
  const file = selectedFile(opts);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ dir: folder.dir }));
  fs.renameSync(tmp, file);
  return folder;
}

/** `<repo>/.cache/models/<name>` when running from a source checkout, else undefined. */
export function devModelDir(from: string = __dirname, name = DEFAULT_MODEL_NAME): string | undefined {
  let dir = path.resolve(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'scripts', 'fetch-model.mjs')) && fs.existsSync(path.join(dir, 'package.json'))) {
      return path.join(dir, '.cache', 'models', name);
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export function candidateModelDirs(opts: ModelLocationOptions = {}): string[] {
  const env = opts.env ?? process.env;
  return [selectedModelDir(opts), env.KGW_MODEL_DIR || undefined, cachedModelDir(appCacheDir(opts)), devModelDir(opts.devRootFrom)]
    .filter((d): d is string => typeof d === 'string' && d.length > 0);
}

/** The first usable model folder; MODEL_MISSING says every place tried and what to do. */
export function locateModel(opts: ModelLocationOptions = {}): ModelFolder {
  const tried = candidateModelDirs(opts);
  const problems: string[] = [];
  for (const dir of tried) {
    try {
      return validateModelDir(dir);
    } catch (err) {
      problems.push(err instanceof Error ? err.message : String(err));
    }
  }
  throw new WorkbenchError(
    'MODEL_MISSING',
    'No embedding model found. Download it in the model manager, pick a folder holding a sentence-transformers ONNX export, ' +
      `set KGW_MODEL_DIR, or in a source checkout run "node scripts/fetch-model.mjs". Tried: ${problems.join(' ')}`,
    { tried },
  );
}

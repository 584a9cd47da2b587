/**
 * The real model for tests and benchmarks: `<repo>/.cache/models/all-MiniLM-L6-v2` (or
 * `$KGW_MODEL_DIR`), assembled by scripts/fetch-model.mjs the first time it is missing.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { validateModelDir } from './model-manager';

/** Walks up from here to the folder with package.json; works from sources and from bundles. */
export function repoRoot(start: string = __dirname): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json')) || !existsSync(path.join(dir, 'scripts', 'fetch-model.mjs'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`No repository root above ${start}`);
    dir = up;
  }
  return dir;
}

let pending: Promise<string> | undefined;

/** Absolute path of a validated model folder, fetching it once per process when needed. */
export function ensureTestModel(): Promise<string> {
  pending ??= (async () => {
    const root = repoRoot();
    const dir = path.resolve(process.env.KGW_MODEL_DIR || path.join(root, '.cache/models/all-MiniLM-L6-v2'));
    try {
      return validateModelDir(dir).dir;
    } catch {
      // Not there yet: the same script CI runs assembles it (idempotent, safe if two run at once).
    }
    await promisify(execFile)(process.execPath, [path.join(root, 'scripts/fetch-model.mjs')], {
      cwd: root,
      env: { ...process.env, KGW_MODEL_DIR: dir },
    });
    return validateModelDir(dir).dir;
  })();
  return pending;
}

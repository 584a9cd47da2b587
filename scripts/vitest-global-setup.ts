/**
 * Builds the bundles once before the tests that spawn workers or hosts; quick when nothing changed.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-stale', '--no-renderer'], { stdio: 'inherit', cwd: root });
}

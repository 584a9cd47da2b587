/**
 * Builds the bundles once before the tests that spawn workers or hosts; quick when nothing changed.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(__dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-stale', '--no-renderer'], { stdio: 'inherit', cwd: root });
}

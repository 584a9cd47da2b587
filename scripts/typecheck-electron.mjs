#!/usr/bin/env node
/**
 * Typechecks the desktop host against Electron's own types (electron.d.ts ships in the npm
 * package even when its binary could not be downloaded). Electron is an optional dependency: if
 * npm dropped it, say so rather than fail, so `npm run typecheck` stays usable everywhere; CI
 * installs it (ELECTRON_SKIP_BINARY_DOWNLOAD=1) and sets KGW_REQUIRE_ELECTRON_TYPES=1.
 */
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(path.join(root, 'node_modules/electron/electron.d.ts'))) {
  const msg = 'typecheck: electron package not installed, desktop host not typechecked (install with ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install)';
  if (process.env.KGW_REQUIRE_ELECTRON_TYPES) {
    console.error(msg);
    process.exit(1);
  }
  console.warn(msg);
  process.exit(0);
}
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.electron.json'), '--noEmit'], { stdio: 'inherit' });

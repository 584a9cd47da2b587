#!/usr/bin/env node
/**
 * `npm start`: builds if needed and opens the desktop app. Where no Electron binary could be
 * installed (no internet at install time, as on CI machines), says so in one line and points to
 * the headless host instead of failing with a stack trace.
 */
import { existsSync } from 'node:fs';
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(p) ? p : null;
  }
  try {
    const p = require('electron');
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const bin = electronBinary();
if (!bin) {
  console.log('No Electron binary is installed on this machine (its download needs the internet); run `npm run serve` for the same app in your browser.');
  process.exit(0);
}
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });
const child = spawn(bin, [path.join(root, 'dist/electron/main.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));

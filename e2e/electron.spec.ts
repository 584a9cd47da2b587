/**
 * The desktop app itself, where an Electron binary exists (a normal `npm install` with internet,
 * or ELECTRON_OVERRIDE_DIST_PATH). On machines where the binary cannot be downloaded these tests
 * skip with that reason; everything else is covered through the headless host.
 */
import { test, expect, _electron as electron } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const repoRoot = path.resolve(__dirname, '..');

function electronBinary(): string | null {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return fs.existsSync(p) ? p : null;
  }
  try {
    const p = createRequire(__filename)('electron') as unknown;
    return typeof p === 'string' && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

test.describe('desktop app (Electron)', () => {
  test.skip(!binary, 'no Electron binary on this machine (its download needs the internet); the headless host is tested instead');

  test('opens the window with the bridge only, and the sample workspace loads', async () => {
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-electron-'));
    const app = await electron.launch({ executablePath: binary!, args: [path.join(repoRoot, 'dist/electron/main.js'), `--user-data-dir=${userData}`] });
    const page = await app.firstWindow();
    // Renderer sees the narrow bridge and no Node.
    expect(await page.evaluate(() => Object.keys((window as unknown as { workbench: object }).workbench).sort())).toEqual(['invoke', 'on', 'pathForFile']);
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    await page.getByTestId('open-sample').click();
    await expect(page.getByTestId('status-nodes')).toContainText('32');
    await app.close();
    fs.rmSync(userData, { recursive: true, force: true });
  });
});

/**
 * Playwright fixtures: a real headless host per test file (fresh data dir), and helpers to drop
 * files on the window the way a browser does (a DataTransfer with File objects).
 */
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..');
export const datasets = path.resolve(repoRoot, '..', 'shared', 'datasets');

export interface HeadlessHost {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  proc: ChildProcess;
}

export async function startHost(extraArgs: string[] = []): Promise<HeadlessHost> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-e2e-'));
  const proc = spawn(process.execPath, [path.join(repoRoot, 'dist/node/serve.js'), '--port', '0', '--data', dataDir, '--allow', datasets, ...extraArgs], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${out}`)), 30_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /KG Workbench at (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => reject(new Error(`host exited with ${code}: ${out}`)));
  });
  const u = new URL(url);
  return { url, origin: u.origin, token: u.searchParams.get('token')!, dataDir, proc };
}

export async function stopHost(h: HeadlessHost): Promise<void> {
  h.proc.kill('SIGTERM');
  await new Promise((r) => h.proc.once('exit', r));
  fs.rmSync(h.dataDir, { recursive: true, force: true });
}

/** Drops files on the window as a user's drag and drop does: a drop event with real File objects. */
export async function dropFiles(page: Page, filePaths: string[], selector = '[data-testid="drop-zone"]'): Promise<void> {
  const files = filePaths.map((p) => ({ name: path.basename(p), b64: fs.readFileSync(p).toString('base64') }));
  const dataTransfer = await page.evaluateHandle((fs) => {
    const dt = new DataTransfer();
    for (const f of fs) {
      const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name));
    }
    return dt;
  }, files);
  await page.dispatchEvent(selector, 'dragenter', { dataTransfer });
  await page.dispatchEvent(selector, 'dragover', { dataTransfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
}

/**
 * One headless host per spec file: tests of a file share it (and may build on each other's
 * workspace), but a file never sees another file's workspaces. A plain worker-scoped fixture would
 * be shared by every file the same Playwright worker runs, so state leaked from file to file.
 */
export const test = base.extend<{ host: HeadlessHost }, { hostOfFile: { file?: string; host?: HeadlessHost } }>({
  hostOfFile: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a destructured first argument
    async ({}, use) => {
      const slot: { file?: string; host?: HeadlessHost } = {};
      await use(slot);
      if (slot.host) await stopHost(slot.host);
    },
    { scope: 'worker' },
  ],
  host: async ({ hostOfFile }, use, testInfo) => {
    if (hostOfFile.file !== testInfo.file || !hostOfFile.host) {
      if (hostOfFile.host) await stopHost(hostOfFile.host);
      hostOfFile.host = await startHost();
      hostOfFile.file = testInfo.file;
    }
    await use(hostOfFile.host);
  },
});

export { expect };

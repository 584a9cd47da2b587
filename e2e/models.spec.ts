/**
 * The model manager in the browser: open it with M, see the model in use (the real int8
 * all-MiniLM-L6-v2 from .cache/models), switch auto-embedding and the per-node text (kept across a
 * reload), a folder that is not a model gives a clear error, and a download from the hub with a
 * progress bar, cancel and resume.
 *
 * The hub here is HUB_TEST_DOUBLE: a local HTTP server standing in for huggingface.co (the
 * internet), serving the real model files in the Hub's layout with its sha256 `x-linked-etag` and
 * Range support, slowly on demand so a cancel lands mid-file. The host is pointed at it with
 * KGW_HF_HUB_URL, and gets an app cache of its own (XDG_CACHE_HOME) to download into.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, repoRoot, datasets, startHost, stopHost, type HeadlessHost } from './fixtures';

const MODEL_DIR = path.join(repoRoot, '.cache/models/all-MiniLM-L6-v2');
const REPO = 'sentence-transformers/all-MiniLM-L6-v2';

interface HubTestDouble {
  url: string;
  server: http.Server;
  /** Serve model.onnx at ~2 MB/s instead of at once. */
  slow: boolean;
  requests: Array<{ file: string; range?: string }>;
}

let hub: HubTestDouble;
let host: HeadlessHost;
let cacheHome: string;

function startHubTestDouble(): Promise<HubTestDouble> {
  const files = new Map<string, Buffer>([
    ['config.json', fs.readFileSync(path.join(MODEL_DIR, 'config.json'))],
    ['tokenizer.json', fs.readFileSync(path.join(MODEL_DIR, 'tokenizer.json'))],
    ['tokenizer_config.json', fs.readFileSync(path.join(MODEL_DIR, 'tokenizer_config.json'))],
    ['special_tokens_map.json', fs.readFileSync(path.join(MODEL_DIR, 'special_tokens_map.json'))],
    ['onnx/model.onnx', fs.readFileSync(path.join(MODEL_DIR, 'model.onnx'))],
  ]);
  const sha = createHash('sha256').update(files.get('onnx/model.onnx')!).digest('hex');
  const double: HubTestDouble = { url: '', server: undefined as unknown as http.Server, slow: false, requests: [] };
  double.server = http.createServer((req, res) => {
    const prefix = `/${REPO}/resolve/main/`;
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    const file = decodeURIComponent(pathname.slice(prefix.length));
    const body = pathname.startsWith(prefix) ? files.get(file) : undefined;
    double.requests.push({ file, range: req.headers.range });
    if (!body) {
      res.writeHead(404).end('Entry not found');
      return;
    }
    const isModel = file === 'onnx/model.onnx';
    const headers: http.OutgoingHttpHeaders = isModel ? { 'x-linked-etag': `"${sha}"` } : {};
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = m ? Number(m[1]) : 0;
    if (m) res.writeHead(206, { ...headers, 'content-length': body.length - start, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` });
    else res.writeHead(200, { ...headers, 'content-length': body.length });
    const rest = body.subarray(start);
    if (!isModel || !double.slow) {
      res.end(rest);
      return;
    }
    let off = 0;
    const timer = setInterval(() => {
      if (res.destroyed || off >= rest.length) {
        clearInterval(timer);
        if (!res.destroyed) res.end();
        return;
      }
      res.write(rest.subarray(off, off + 65536));
      off += 65536;
    }, 30);
    res.on('close', () => clearInterval(timer));
  });
  return new Promise((resolve) =>
    double.server.listen(0, '127.0.0.1', () => {
      double.url = `http://127.0.0.1:${(double.server.address() as AddressInfo).port}`;
      resolve(double);
    }),
  );
}

/** The host inherits the environment at spawn: set the two variables for it alone, then restore. */
async function startHostWith(env: Record<string, string>): Promise<HeadlessHost> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await startHost();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

test.beforeAll(async () => {
  hub = await startHubTestDouble();
  cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-e2e-cache-'));
  host = await startHostWith({ KGW_HF_HUB_URL: hub.url, XDG_CACHE_HOME: cacheHome });
});

test.afterAll(async () => {
  if (host) await stopHost(host);
  await new Promise<void>((resolve) => (hub ? hub.server.close(() => resolve()) : resolve()));
  fs.rmSync(cacheHome, { recursive: true, force: true });
});

async function openPanel(page: Page): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByTestId('new-workspace')).toBeVisible();
  await page.keyboard.press('m');
  await expect(page.getByTestId('models-dialog')).toBeVisible();
  await expect(page.getByTestId('models-name')).toBeVisible({ timeout: 30_000 });
}

test.describe.configure({ mode: 'serial' });

test('M opens the model manager: the model in use with id, dimension, folder, size and checksum', async ({ page }) => {
  await openPanel(page);
  await expect(page.getByTestId('models-name')).toHaveText('all-MiniLM-L6-v2');
  await expect(page.getByTestId('models-dim')).toHaveText('384');
  await expect(page.getByTestId('models-id')).toHaveText('all-MiniLM-L6-v2@8199be6f699a+q8act');
  await expect(page.getByTestId('models-dir')).toHaveText(MODEL_DIR);
  await expect(page.getByTestId('models-size')).toHaveText(/^2\d MB in 4 files$/);
  await expect(page.getByTestId('models-checksum')).toHaveAttribute('data-status', 'pinned');
  await expect(page.getByTestId('models-repo')).toHaveValue(REPO);
  await expect(page.getByText(`Repository on ${hub.url}`)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('models-dialog')).toBeHidden();
});

test('auto-embed and the per-node text are saved and survive a reload', async ({ page }) => {
  await openPanel(page);
  const auto = page.getByTestId('models-auto-embed');
  await expect(auto).toBeChecked();
  await auto.uncheck();
  await expect(auto).not.toBeChecked();
  await expect.poll(() => JSON.parse(fs.readFileSync(path.join(host.dataDir, 'similarity-settings.json'), 'utf8')).autoEmbed).toBe(false);

  const template = page.getByTestId('models-entity-template');
  await expect(template).toHaveText('name (type): concepts (up to 8)');
  await page.getByTestId('models-include-type').uncheck();
  await expect(template).toHaveText('name: concepts (up to 8)');
  await page.getByTestId('models-extra-props').fill('year, country');
  await page.getByTestId('models-extra-props').press('Enter');
  await expect(template).toHaveText('name: concepts (up to 8); year: value; country: value');

  await page.reload();
  await page.keyboard.press('m');
  await expect(page.getByTestId('models-auto-embed')).not.toBeChecked();
  await expect(page.getByTestId('models-entity-template')).toHaveText('name: concepts (up to 8); year: value; country: value');
  await expect(page.getByTestId('models-include-type')).not.toBeChecked();

  // Back to the defaults for what follows.
  await page.getByTestId('models-auto-embed').check();
  await page.getByTestId('models-include-type').check();
  await page.getByTestId('models-extra-props').fill('');
  await page.getByTestId('models-extra-props').press('Enter');
  await expect(page.getByTestId('models-entity-template')).toHaveText('name (type): concepts (up to 8)');
  await expect(page.getByTestId('models-auto-embed')).toBeChecked();
});

test('a folder without a model is refused with a clear error', async ({ page }) => {
  await openPanel(page);
  await page.getByTestId('models-folder').fill(datasets);
  await page.getByTestId('models-use-folder').click();
  await expect(page.getByTestId('models-outcome')).toContainText('No model.onnx');
  await expect(page.getByTestId('models-dir')).toHaveText(MODEL_DIR); // still the model in use
});

test('download from the hub: progress, cancel, resume where it stopped, then verified and in use', async ({ page }) => {
  await openPanel(page);
  hub.slow = true;
  await page.getByTestId('models-download').click();
  const progress = page.getByTestId('models-progress');
  await expect(progress).toContainText('onnx/model.onnx (5/5)', { timeout: 30_000 });
  await expect.poll(async () => Number(await progress.locator('progress').getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(5);
  await page.getByTestId('models-cancel').click();
  await expect(page.getByTestId('models-outcome')).toContainText('Download cancelled');
  const resume = page.getByTestId('models-download');
  await expect(resume).toHaveText(/^Resume \(.+ fetched\)$/);

  hub.slow = false;
  hub.requests.length = 0;
  await resume.click();
  await expect(page.getByTestId('models-outcome')).toContainText('Downloaded all-MiniLM-L6-v2', { timeout: 60_000 });
  // The second attempt asked only for the rest of the ONNX file.
  expect(hub.requests.find((r) => r.file === 'onnx/model.onnx')?.range).toMatch(/^bytes=[1-9]\d*-$/);
  const downloaded = path.join(cacheHome, 'kg-workbench', 'models', 'all-MiniLM-L6-v2');
  await expect(page.getByTestId('models-dir')).toHaveText(downloaded);
  await expect(page.getByTestId('models-checksum')).toHaveAttribute('data-status', 'verified');
  await expect(page.getByTestId('models-download')).toHaveText('Download');
  expect(fs.statSync(path.join(downloaded, 'onnx', 'model.onnx')).size).toBe(fs.statSync(path.join(MODEL_DIR, 'model.onnx')).size);
});

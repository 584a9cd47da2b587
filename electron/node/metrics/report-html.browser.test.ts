/**
 * Opens the HTML report in the system Chromium (the one the e2e suite uses) with every network
 * request refused, to prove it renders offline: every chart drawn by the inlined uPlot, no script
 * errors, and readable colours in both light and dark schemes.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, toHTML } from './report';
import { fixtureJobs, fixtureSamples } from './report-fixture';

const CHROMIUM = process.env.KGW_CHROMIUM ?? '/usr/bin/chromium';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'kgw-html-'));
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set KGW_CHROMIUM), needed to check the HTML report renders`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('HTML report in a browser', () => {
  it('renders every chart offline, without errors, in light and dark', async () => {
    const report = await buildReport({ samples: fixtureSamples(), jobs: fixtureJobs });
    const file = path.join(tmp, 'report.html');
    writeFileSync(file, toHTML(report));

    const colours: Record<string, { bg: string; fg: string }> = {};
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ colorScheme });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.route(/^(?!file:)/, (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      await page.goto(`file://${file}`);
      const charts = await page.locator('#charts .uplot').count();
      const titles = await page.locator('#charts .u-title').allTextContents();
      // A string, not a function: this file compiles without the DOM lib.
      colours[colorScheme] = (await page.evaluate('(() => { const cs = getComputedStyle(document.body); return { bg: cs.backgroundColor, fg: cs.color }; })()')) as {
        bg: string;
        fg: string;
      };
      const canvases = await page.locator('#charts canvas').count();
      await page.close();

      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(charts).toBe(8);
      expect(canvases).toBe(8);
      // The hostile process name shows up as text, not markup.
      expect(titles).toContain('Memory — evil</script><b>"x",y');
    }
    expect(colours.light!.bg).not.toBe(colours.dark!.bg);
    expect(colours.light!.fg).not.toBe(colours.dark!.fg);
  });
});

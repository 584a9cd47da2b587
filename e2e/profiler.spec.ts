/**
 * Issue "Profiling": open the profiler, import a dataset with it open, see memory and throughput
 * series fill, read the import's stage breakdown, export the HTML report and open it offline.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, dropFiles, datasets } from './fixtures';
import type { Page } from '@playwright/test';

const points = async (page: Page, chart: string) => Number((await page.getByTestId(`chart-${chart}`).getAttribute('data-points')) ?? 0);

test('live charts during an import, stage breakdown, HTML report export', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('new-workspace').click();
  await expect(page.getByTestId('drop-zone')).toBeVisible();

  await page.keyboard.press('p');
  const panel = page.getByTestId('profiler-panel');
  await expect(panel).toBeVisible();
  await expect.poll(() => points(page, 'memory-host')).toBeGreaterThan(0);
  await expect(page.getByTestId('chart-memory-renderer')).toBeVisible();

  await dropFiles(page, [path.join(datasets, 'csv_vega_flights-airport_edges.csv'), path.join(datasets, 'csv_vega_airports_nodes.csv')]);
  // Generic CSV goes through the column-mapping step first; its guesses are right for this pair.
  await page.getByTestId('mapping-import').click();
  await expect(page.getByTestId('import-summary')).toBeVisible({ timeout: 60_000 });

  // The ingest worker's counts arrive with its next heartbeat; the rate chart needs two samples.
  const filled = async () => ((await page.getByTestId('chart-throughput').getAttribute('data-filled')) ?? '').split('|');
  await expect.poll(filled, { timeout: 10_000 }).toEqual(expect.arrayContaining(['ingest entities/s', 'ingest edges/s']));
  await expect(page.getByTestId('chart-throughput').locator('.u-legend')).toContainText('ingest entities/s');
  await expect.poll(() => points(page, 'memory-ingest')).toBeGreaterThan(0);
  await expect(page.getByTestId('chart-fps')).toBeVisible();
  await expect(page.getByTestId('chart-memory-host').locator('canvas')).toHaveCount(1);

  const job = panel.locator('[data-testid="profiler-job"][data-method="import.start"]');
  await expect(job).toHaveAttribute('data-state', 'finished');
  await expect(job.locator('[data-stage="parse"]')).toBeVisible();
  await expect(job.locator('[data-stage="write"]')).toContainText('/s');

  // Paused charts keep their data; resumed, they follow the samples again.
  await page.getByTestId('profiler-window').selectOption('60');
  await page.getByTestId('profiler-pause').click();
  const frozen = await points(page, 'memory-host');
  await page.waitForTimeout(2500);
  expect(await points(page, 'memory-host')).toBe(frozen);
  await page.getByTestId('profiler-pause').click();
  await expect.poll(() => points(page, 'memory-host')).toBeGreaterThan(frozen);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('profiler-export-html').click()]);
  expect(download.suggestedFilename()).toMatch(/^kgw-profile-.*\.html$/);
  const file = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(file);
  expect(fs.statSync(file).size).toBeGreaterThan(50_000);

  // The report opens from disk with no server: charts drawn by the inlined uPlot, stages listed.
  const report = await page.context().newPage();
  const errors: string[] = [];
  report.on('pageerror', (e) => errors.push(e.message));
  await report.goto(`file://${file}`);
  await expect(report.locator('#charts .uplot').first()).toBeVisible();
  expect(await report.locator('#charts .uplot').count()).toBeGreaterThanOrEqual(5);
  await expect(report.locator('#charts')).toContainText('Memory — renderer');
  await expect(report.locator('#charts')).toContainText('Throughput');
  const stages = report.locator('tr.stage-row', { hasText: 'import.start' });
  for (const stage of ['parse', 'write']) await expect(stages.filter({ has: report.locator('td', { hasText: new RegExp(`^${stage}$`) }) })).toHaveCount(1);
  expect(errors).toEqual([]);
  await report.screenshot({ path: test.info().outputPath('report.png'), fullPage: true });
  await page.screenshot({ path: test.info().outputPath('profiler.png') });
});

test('the top bar button toggles the panel; the JSON export carries the renderer samples', async ({ page, host }) => {
  await page.goto(host.url);
  // The workspace of the test above is still open unless that test failed (a fresh host then).
  await expect(page.getByTestId('welcome').or(page.getByTestId('drop-zone'))).toBeVisible();
  if (await page.getByTestId('welcome').isVisible()) await page.getByTestId('new-workspace').click();
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  await page.getByTestId('profiler-button').click();
  await expect(page.getByTestId('profiler-panel')).toBeVisible();
  await expect.poll(() => points(page, 'memory-renderer')).toBeGreaterThan(1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('profiler-export-json').click()]);
  const report = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as { samples: Array<{ process: string }>; environment: { workspace?: { bytes: number } } };
  expect(report.samples.some((s) => s.process === 'renderer')).toBe(true);
  expect(report.samples.some((s) => s.process === 'host')).toBe(true);
  expect(report.environment.workspace?.bytes).toBeGreaterThan(0);
  await page.getByTestId('profiler-close').click();
  await expect(page.getByTestId('profiler-panel')).toHaveCount(0);
});

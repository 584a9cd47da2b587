/**
 * Issue "Explore": on the TinkerPop Grateful Dead graph (808 nodes: song/artist; 8,049 edges):
 * search a known name, expand it, filter a type away and back, undo, run a layout, export PNG
 * (an image of the canvas size) and GraphML (re-imported by our importer to the same counts),
 * reload and find the nodes where they were.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, dropFiles, datasets } from './fixtures';
import { SqliteStore } from '../native/store/sqlite/sqlite-store';
import { runImport } from '../native/ingest/run-import';

type Kgw = { __kgw: { cy: import('cytoscape').Core; store: { getState(): { view: { nodeIds: Set<string>; edgeIds: Set<string> }; selectedId: string | null } } } };

const canvasCount = (page: Page) =>
  page.evaluate(() => {
    const cy = (window as unknown as Kgw).__kgw?.cy;
    if (!cy) return { nodes: 0, edges: 0, visibleArtists: 0, artists: 0 };
    const real = cy.nodes().filter((n) => !n.hasClass('more'));
    const artists = real.filter((n) => n.data('type') === 'artist');
    return {
      nodes: real.length,
      edges: cy.edges().filter((e) => !e.hasClass('more')).length,
      artists: artists.length,
      visibleArtists: artists.filter((n) => n.visible()).length,
    };
  });

const positionsOf = (page: Page, ids: string[]) =>
  page.evaluate((ids) => {
    const cy = (window as unknown as Kgw).__kgw.cy;
    return ids.map((id) => {
      const p = cy.getElementById(id).position();
      return [Math.round(p.x), Math.round(p.y)];
    });
  }, ids);

function pngSize(file: string): { width: number; height: number } {
  const buf = fs.readFileSync(file);
  expect(buf.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

test('search, expand, filter, undo, layout, export PNG and GraphML, reload with saved positions', async ({ page, host }) => {
  test.setTimeout(240_000);
  await page.goto(host.url);
  await page.getByTestId('new-workspace').click();
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  await dropFiles(page, [path.join(datasets, 'graphml_tinkerpop_grateful-dead.xml')]);
  await expect(page.getByTestId('import-summary')).toBeVisible({ timeout: 60_000 });

  // The start view: the best-connected nodes, laid out in the worker (fcose for a view this size).
  await expect.poll(async () => (await canvasCount(page)).nodes).toBeGreaterThan(100);
  await expect(page.getByTestId('layout-info')).toContainText(/fcose|forceatlas2/, { timeout: 60_000 });
  await expect(page.getByTestId('legend-type-song')).toBeChecked();

  // Search a known name and jump to it: it comes with a page of its neighbours.
  await page.getByTestId('search-input').fill('china cat');
  await page.getByTestId('search-result').first().click();
  // The jump selects the node once its neighbours are in.
  await expect(page.getByTestId('details-panel')).toContainText(/CHINA CAT SUNFLOWER/i);
  const hub = (await page.evaluate(() => (window as unknown as Kgw).__kgw.store.getState().selectedId))!;
  expect(hub).not.toBeNull();
  const beforeExpand = await canvasCount(page);

  // Expand another page through the details panel: 25 neighbours per expansion.
  await page.getByTestId('page-size').selectOption('25');
  await page.getByRole('button', { name: 'Expand neighbours' }).click();
  await expect.poll(async () => (await canvasCount(page)).nodes).toBeGreaterThanOrEqual(beforeExpand.nodes);
  const expanded = await canvasCount(page);

  // Filter artists away and back.
  expect(expanded.artists).toBeGreaterThan(0);
  await page.getByTestId('legend-type-artist').uncheck();
  await expect.poll(async () => (await canvasCount(page)).visibleArtists).toBe(0);
  await page.getByTestId('legend-type-artist').check();
  await expect.poll(async () => (await canvasCount(page)).visibleArtists).toBe(expanded.artists);

  // Hide the hub (key Delete, with no text field focused), then undo brings it back.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Delete');
  await expect.poll(() => page.evaluate((id) => (window as unknown as Kgw).__kgw.cy.getElementById(id).empty(), hub)).toBe(true);
  await page.keyboard.press('Control+z');
  await expect.poll(() => page.evaluate((id) => (window as unknown as Kgw).__kgw.cy.getElementById(id).empty(), hub)).toBe(false);

  // A layout chosen in the picker, computed in the worker.
  await page.getByTestId('layout-select').selectOption('forceatlas2');
  await page.getByTestId('run-layout').click();
  await expect(page.getByTestId('layout-info')).toContainText('forceatlas2', { timeout: 60_000 });
  await expect(page.getByTestId('run-layout')).toBeEnabled();
  await page.getByTestId('fit-view').click();
  await page.screenshot({ path: test.info().outputPath('explore-canvas.png') });

  // PNG of the canvas: an image of the canvas's size.
  const canvasBox = await page.getByTestId('cy').boundingBox();
  await page.getByTestId('export-button').click();
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
  const pngFile = test.info().outputPath('view.png');
  await pngDownload.saveAs(pngFile);
  const size = pngSize(pngFile);
  expect(Math.abs(size.width - Math.round(canvasBox!.width))).toBeLessThanOrEqual(2);
  expect(Math.abs(size.height - Math.round(canvasBox!.height))).toBeLessThanOrEqual(2);
  expect(fs.statSync(pngFile).size).toBeGreaterThan(10_000);

  // SVG of the whole view: a vector image holding the drawn elements.
  await page.getByTestId('export-button').click();
  const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
  const svgFile = test.info().outputPath('view.svg');
  await svgDownload.saveAs(svgFile);
  const svg = fs.readFileSync(svgFile, 'utf8');
  expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg.length).toBeGreaterThan(50_000);

  // GraphML of the visible view, read back by our importer with the same counts.
  const onCanvas = await canvasCount(page);
  await page.getByTestId('export-button').click();
  const [gmlDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-graphml').click()]);
  const gmlFile = test.info().outputPath('view.graphml');
  await gmlDownload.saveAs(gmlFile);
  const wsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-e2e-reimport-'));
  const store = new SqliteStore(wsDir);
  try {
    await runImport({ store, sources: [{ path: gmlFile, name: 'view.graphml' }] });
    expect(await store.stats()).toMatchObject({ nodes: onCanvas.nodes, edges: onCanvas.edges });
  } finally {
    await store.close();
    fs.rmSync(wsDir, { recursive: true, force: true });
  }

  // Reload: the start view comes back where the layout put it (positions saved in the workspace).
  const sample = await page.evaluate(() =>
    (window as unknown as Kgw).__kgw.cy
      .nodes()
      .filter((n) => !n.hasClass('more'))
      .sort((a, b) => b.data('degree') - a.data('degree'))
      .slice(0, 20)
      .map((n) => n.id()),
  );
  const before = await positionsOf(page, sample);
  await page.waitForTimeout(800); // the save is batched (400 ms)
  await page.reload();
  await expect.poll(async () => (await canvasCount(page)).nodes, { timeout: 30_000 }).toBeGreaterThan(100);
  await expect.poll(() => positionsOf(page, sample)).toEqual(before);
  await page.screenshot({ path: test.info().outputPath('explore-after-reload.png') });
});

test('help overlay lists the explore keys; pin and collapse with undo', async ({ page, host }) => {
  await page.goto(host.url);
  // A workspace of its own, so the test also runs alone.
  await expect(page.getByTestId('welcome').or(page.getByTestId('drop-zone'))).toBeVisible();
  if (await page.getByTestId('drop-zone').isVisible()) await page.getByTestId('close-workspace').click();
  await page.getByTestId('new-workspace').click();
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  await dropFiles(page, [path.join(datasets, 'graphml_tinkerpop_grateful-dead.xml')]);
  await expect(page.getByTestId('import-summary')).toBeVisible({ timeout: 60_000 });
  await page.locator('body').press('?');
  await expect(page.getByTestId('shortcuts-overlay')).toContainText('Pin / unpin the selected node');
  await page.locator('body').press('Escape');
  await expect.poll(async () => (await canvasCount(page)).nodes).toBeGreaterThan(10);
  // A small start view, then an artist through the search box (jump: the node and a page of its songs).
  await page.getByTestId('overview-limit').selectOption('100');
  await expect.poll(async () => (await canvasCount(page)).nodes).toBeLessThanOrEqual(100);
  await page.getByTestId('search-input').fill('dylan');
  await page.getByTestId('search-result').first().click();
  await expect(page.getByTestId('details-panel')).toContainText(/Bob_Dylan/i);
  const id = (await page.getByTestId('details-id').textContent())!;
  await page.getByTestId('pin-node').click();
  await expect.poll(() => page.evaluate((id) => (window as unknown as Kgw).__kgw.cy.getElementById(id).locked(), id)).toBe(true);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Control+z');
  await expect.poll(() => page.evaluate((id) => (window as unknown as Kgw).__kgw.cy.getElementById(id).locked(), id)).toBe(false);

  // Collapse removes the neighbours hanging off the node alone; undo brings them back.
  const before = (await canvasCount(page)).nodes;
  await page.getByTestId('collapse-node').click();
  await expect.poll(async () => (await canvasCount(page)).nodes).toBeLessThan(before);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await canvasCount(page)).nodes).toBe(before);
});

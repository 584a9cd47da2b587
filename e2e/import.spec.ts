/**
 * Issue "Import" in the browser: the six AutoSchemaKG Dulce CSVs dropped at once in any order
 * make one linked graph; a generic CSV pair goes through the column-mapping step; a broken file
 * shows its error with file and line and changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, dropFiles, datasets } from './fixtures';

function digits(text: string | null): number {
  return Number((text ?? '').replace(/[^0-9]/g, ''));
}

const statusCount = async (page: Page, which: 'nodes' | 'edges') => digits(await page.getByTestId(`status-${which}`).textContent());

async function newWorkspace(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('welcome').or(page.getByTestId('drop-zone'))).toBeVisible();
  if (await page.getByTestId('welcome').isVisible()) await page.getByTestId('new-workspace').click();
  await expect(page.getByTestId('drop-zone')).toBeVisible();
}

test('six AutoSchemaKG Dulce CSVs dropped at once, edges first, make one linked graph', async ({ page, host }) => {
  await newWorkspace(page, host.url);
  const before = { nodes: await statusCount(page, 'nodes'), edges: await statusCount(page, 'edges') };
  // Edge files before node files on purpose: the importer orders them.
  const files = ['text_edges', 'concept_edges', 'triple_edges', 'concept_nodes', 'text_nodes', 'triple_nodes'].map((f) => path.join(datasets, `csv_autoschemakg_dulce_${f}.csv`));
  await dropFiles(page, files);
  // Formats with their own headers skip the mapping step.
  await expect(page.getByTestId('import-summary')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('import-mapping')).toHaveCount(0);
  await expect(page.getByTestId('import-nodes-added')).toHaveText('1,074');
  await expect(page.getByTestId('import-edges-added')).toHaveText('2,290');
  await expect.poll(() => statusCount(page, 'nodes')).toBe(before.nodes + 1074);
  await expect.poll(() => statusCount(page, 'edges')).toBe(before.edges + 2290);

  // A triple node's details show the passage it came from (text_edges link it to text_nodes).
  await page.getByTestId('search-input').fill('Alex Mercer');
  await page.getByTestId('search-result').filter({ hasText: /^Alex Mercer/ }).first().click();
  const details = page.getByTestId('details-panel');
  await expect(details).toContainText('Alex Mercer');
  await expect(details).toContainText(/Passages \(\d+\)/);
  await expect(details.locator('blockquote.passage').first()).toContainText('Operation: Dulce');
  await page.screenshot({ path: test.info().outputPath('dulce.png') });
});

test('a generic CSV pair goes through the column-mapping step', async ({ page, host }) => {
  await newWorkspace(page, host.url);
  const before = await statusCount(page, 'nodes');
  const dir = test.info().outputPath('generic');
  fs.mkdirSync(dir, { recursive: true });
  // Column names the guesser cannot place: the user maps them.
  fs.writeFileSync(path.join(dir, 'people.csv'), 'handle,full name,team\nann,Ann Lee,red\nbob,Bob Ray,blue\ncid,Cid Moe,red\n');
  fs.writeFileSync(path.join(dir, 'knows.csv'), 'who,whom,how\nann,bob,colleague\nbob,cid,friend\ncid,zed,friend\n');
  await dropFiles(page, [path.join(dir, 'knows.csv'), path.join(dir, 'people.csv')]);

  const dialog = page.getByTestId('import-mapping');
  await expect(dialog).toBeVisible();
  const people = page.getByTestId('mapping-file-people.csv');
  const knows = page.getByTestId('mapping-file-knows.csv');
  // Guesses: people.csv is a node list keyed by its first column; the preview shows its rows.
  await expect(people.getByTestId('mapping-kind')).toHaveValue('nodes');
  await expect(people.getByTestId('mapping-role-id')).toHaveValue('handle');
  await expect(people.locator('tbody tr')).toHaveCount(3);
  await expect(people.locator('tbody')).toContainText('Ann Lee');
  await people.getByTestId('mapping-role-name').selectOption('full name');
  await people.getByTestId('mapping-role-type').selectOption('team');

  // knows.csv: switch it to an edge list and pick its columns.
  await knows.getByTestId('mapping-kind').selectOption('edges');
  await knows.getByTestId('mapping-role-source').selectOption('who');
  await knows.getByTestId('mapping-role-target').selectOption('whom');
  await knows.getByTestId('mapping-role-relation').selectOption('how');
  await page.getByTestId('missing-placeholder').check();
  await page.screenshot({ path: test.info().outputPath('mapping.png') });
  await page.getByTestId('mapping-import').click();

  await expect(page.getByTestId('import-summary')).toBeVisible({ timeout: 60_000 });
  // 3 people + 1 placeholder for "zed"; 3 edges.
  await expect(page.getByTestId('import-nodes-added')).toHaveText('3');
  await expect(page.getByTestId('import-edges-added')).toHaveText('3');
  await expect(page.getByTestId('import-warnings')).toContainText('Placeholder nodes');
  await expect.poll(() => statusCount(page, 'nodes')).toBe(before + 4);

  await page.getByTestId('search-input').fill('Ann Lee');
  await page.getByTestId('search-result').first().click();
  await expect(page.getByTestId('details-panel')).toContainText('Ann Lee');
  await expect(page.getByTestId('details-panel')).toContainText('red');
});

test('cancelling the mapping step imports nothing', async ({ page, host }) => {
  await newWorkspace(page, host.url);
  const before = await statusCount(page, 'nodes');
  const file = test.info().outputPath('cities.csv');
  fs.writeFileSync(file, 'city,country\nOslo,NO\nLima,PE\n');
  await dropFiles(page, [file]);
  await expect(page.getByTestId('import-mapping')).toBeVisible();
  await page.getByTestId('mapping-cancel').click();
  await expect(page.getByTestId('import-mapping')).toHaveCount(0);
  await expect(page.getByTestId('import-error')).toContainText('cancelled');
  expect(await statusCount(page, 'nodes')).toBe(before);
});

test('a broken CSV shows its error with file and line, and the workspace is unchanged', async ({ page, host }) => {
  await newWorkspace(page, host.url);
  const before = { nodes: await statusCount(page, 'nodes'), edges: await statusCount(page, 'edges') };
  const file = test.info().outputPath('broken_nodes.csv');
  fs.writeFileSync(file, 'name:ID,type,:LABEL\nalpha,entity,Node\nbeta,entity,Node\n"gamma,entity,Node\n');
  await dropFiles(page, [file]);
  const error = page.getByTestId('import-error');
  await expect(error).toContainText('broken_nodes.csv');
  await expect(error).toContainText(/line 4/);
  await expect(error).toContainText('The workspace is unchanged');
  expect(await statusCount(page, 'nodes')).toBe(before.nodes);
  expect(await statusCount(page, 'edges')).toBe(before.edges);
});

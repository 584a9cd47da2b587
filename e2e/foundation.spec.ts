/**
 * Issue "Foundation": create a workspace, drop a GraphML file and a CSV pair, see the counts,
 * click a node and read a property, reload and still see the graph.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { test, expect, dropFiles, datasets } from './fixtures';
import { clickNode } from './canvas';

function digits(text: string | null): number {
  return Number((text ?? '').replace(/[^0-9]/g, ''));
}

test('drop a GraphML and a CSV pair, inspect a node, reload', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('welcome')).toBeVisible();
  await page.getByTestId('new-workspace').click();
  await expect(page.getByTestId('drop-zone')).toBeVisible();

  await dropFiles(page, [path.join(datasets, 'graphml_gephi_miserables.graphml')]);
  await expect(page.getByTestId('import-summary')).toBeVisible();
  await expect.poll(async () => digits(await page.getByTestId('status-nodes').textContent())).toBe(77);
  await expect.poll(async () => digits(await page.getByTestId('status-edges').textContent())).toBe(254);

  // Nodes file and edges file dropped together: 3,376 airports and 5,366 flights, all endpoints resolve.
  await dropFiles(page, [path.join(datasets, 'csv_vega_flights-airport_edges.csv'), path.join(datasets, 'csv_vega_airports_nodes.csv')]);
  // Generic CSV: the column-mapping step shows the guesses (iata -> id, origin/destination); accept them.
  await page.getByTestId('mapping-import').click();
  await expect.poll(async () => digits(await page.getByTestId('status-nodes').textContent()), { timeout: 60_000 }).toBe(77 + 3376);
  await expect.poll(async () => digits(await page.getByTestId('status-edges').textContent())).toBe(254 + 5366);

  // The start view holds the best-connected nodes; the big hub airports are among them.
  await expect.poll(() => page.evaluate(() => (window as unknown as { __kgw: { cy: import('cytoscape').Core } }).__kgw.cy.nodes().length)).toBeGreaterThan(50);
  // Atlanta, or the busiest airport not hidden under another: its city and state as the file has them.
  const airports = parse(fs.readFileSync(path.join(datasets, 'csv_vega_airports_nodes.csv')), { columns: true }) as Array<Record<string, string>>;
  const byId = new Map(airports.map((a) => [a.iata!, a]));
  const flights = parse(fs.readFileSync(path.join(datasets, 'csv_vega_flights-airport_edges.csv')), { columns: true }) as Array<Record<string, string>>;
  const flightCount = new Map<string, number>();
  for (const f of flights) for (const end of [f.origin!, f.destination!]) flightCount.set(end, (flightCount.get(end) ?? 0) + 1);
  const busiest = [...flightCount.keys()].filter((id) => id !== 'ATL' && byId.has(id)).sort((a, b) => flightCount.get(b)! - flightCount.get(a)!);
  const clicked = byId.get(await clickNode(page, ['ATL', ...busiest]))!;
  await expect(page.getByTestId('details-panel')).toContainText(clicked.city!);
  await expect(page.getByTestId('details-prop-state')).toHaveText(clicked.state!);

  await page.screenshot({ path: test.info().outputPath('canvas.png') });

  await page.reload();
  await expect.poll(async () => digits(await page.getByTestId('status-nodes').textContent())).toBe(77 + 3376);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __kgw?: { cy: import('cytoscape').Core } }).__kgw?.cy.nodes().length ?? 0)).toBeGreaterThan(50);
});

test('a malformed file shows file and line, and the graph stays as it was', async ({ page, host }) => {
  await page.goto(host.url);
  // Independent of the test before: with a fresh host there is no workspace yet.
  if (await page.getByTestId('welcome').isVisible({ timeout: 3000 }).catch(() => false)) await page.getByTestId('new-workspace').click();
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  const before = digits(await page.getByTestId('status-nodes').textContent());
  const bad = test.info().outputPath('broken.graphml');
  fs.writeFileSync(bad, '<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n<graph edgedefault="directed">\n<node id="a"/>\n<node id="b">\n');
  await dropFiles(page, [bad]);
  await expect(page.getByTestId('import-error')).toContainText('broken.graphml');
  await expect(page.getByTestId('import-error')).toContainText(/line \d+/);
  expect(digits(await page.getByTestId('status-nodes').textContent())).toBe(before);
});

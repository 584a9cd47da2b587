/**
 * Issue "Similarity" in the browser: a dropped graph is embedded after its import (real model),
 * a phrase typed in semantic mode lights the nearest nodes on the canvas and lists them ranked
 * with scores; "Find similar" on a selected node does the same for that node.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, dropFiles, datasets } from './fixtures';

type Cy = import('cytoscape').Core;

function digits(text: string | null): number {
  return Number((text ?? '').replace(/[^0-9]/g, ''));
}

/** Ids of the nodes the canvas shows lit, with their fill colour. */
function litNodes(page: Page): Promise<Array<{ id: string; color: string }>> {
  return page.evaluate(() => {
    const cy = (window as unknown as { __kgw: { cy: Cy } }).__kgw.cy;
    return cy.nodes('.similarity-hit').map((n) => ({ id: n.id(), color: String(n.style('background-color')) }));
  });
}

test('type a phrase in semantic mode: nearest nodes light up and are listed with scores', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('new-workspace').click();
  await expect(page.getByTestId('drop-zone')).toBeVisible();

  // The Neo4j tutorial graph (3 films, 3 actors) and Les Misérables (77 characters).
  await dropFiles(page, ['csv_neo4j_movies.csv', 'csv_neo4j_actors.csv', 'csv_neo4j_roles.csv'].map((f) => path.join(datasets, f)));
  await expect.poll(async () => digits(await page.getByTestId('status-nodes').textContent()), { timeout: 60_000 }).toBe(6);
  await dropFiles(page, [path.join(datasets, 'json_d3_vega_miserables.json')]);
  await expect.poll(async () => digits(await page.getByTestId('status-nodes').textContent()), { timeout: 60_000 }).toBe(83);

  await page.getByTestId('semantic-toggle').click();
  await expect(page.getByTestId('semantic-panel')).toBeVisible();
  await page.getByTestId('semantic-input').fill('The Matrix sequel');

  // Embedding runs by itself after each import; the question is asked again as vectors arrive.
  const hits = page.getByTestId('semantic-hit');
  await expect(hits.first()).toContainText('The Matrix', { timeout: 90_000 });
  await expect(hits.nth(1)).toContainText('The Matrix');
  const scores = (await page.getByTestId('semantic-score').allTextContents()).map(Number);
  expect(scores.length).toBeGreaterThan(2);
  for (let i = 1; i < scores.length; i++) expect(scores[i - 1]).toBeGreaterThanOrEqual(scores[i]);

  // Every listed hit is on the canvas and lit, the best one in the ramp's strongest colour.
  const listed = await hits.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  await expect.poll(async () => (await litNodes(page)).length).toBe(listed.length);
  const lit = await litNodes(page);
  expect(lit.map((n) => n.id).sort()).toEqual([...listed].sort());
  const best = lit.find((n) => n.id === listed[0])!;
  const [r, g] = (best.color.match(/\d+/g) ?? []).map(Number);
  expect(r).toBeGreaterThan(180); // hsl(0, 95%, 42%): deep red
  expect(g).toBeLessThan(40);

  // The threshold slider narrows the list and the lit set together.
  const threshold = Math.floor(scores[1] * 100) / 100; // the slider moves in steps of 0.01
  const kept = scores.filter((x) => x >= threshold).length;
  expect(kept).toBeLessThan(scores.length);
  await page.getByTestId('semantic-threshold').fill(threshold.toFixed(2));
  await expect(hits).toHaveCount(kept);
  await expect.poll(async () => (await litNodes(page)).length).toBe(kept);
  await page.screenshot({ path: test.info().outputPath('semantic.png') });

  // "Find similar" on a selected node: Keanu Reeves' neighbours by meaning.
  await page.getByTestId('semantic-threshold').fill('0');
  await page.evaluate(() => (window as unknown as { __kgw: { cy: Cy } }).__kgw.cy.getElementById('keanu').emit('tap'));
  await expect(page.getByTestId('details-panel')).toContainText('Keanu Reeves');
  await page.getByTestId('find-similar').click();
  await expect(page.getByTestId('semantic-caption')).toContainText('similar to Keanu Reeves');
  await expect(hits.first()).toBeVisible();
  const similarIds = await hits.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  expect(similarIds).not.toContain('keanu');
  expect(similarIds).toContain('laurence');
});

/**
 * Issue "Multi-hop" in the browser: on a dropped graph (Gephi's Les Misérables), a 2-hop query
 * from a node picked by name lights exactly the nodes a plain BFS over the file's edges finds,
 * coloured by hop; a shortest-path query between two nodes draws the path in the path colour;
 * personalised PageRank (a job) lists and lights its top 20;
 * a retrieval question lights its seeds, then the PageRank spread, step by step.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, dropFiles, datasets } from './fixtures';

type Cy = import('cytoscape').Core;

const FILE = path.join(datasets, 'gexf_gephi_les_miserables.gexf');
const PATH_RGB = 'rgb(123,44,191)'; // #7b2cbf

function digits(text: string | null): number {
  return Number((text ?? '').replace(/[^0-9]/g, ''));
}

/** Node ids within `hops` of `start`, edges taken both ways, straight from the GEXF text. */
function bfs(start: string, hops: number): Map<string, number> {
  const adj = new Map<string, string[]>();
  const add = (a: string, b: string) => (adj.get(a) ?? adj.set(a, []).get(a)!).push(b);
  for (const m of fs.readFileSync(FILE, 'utf8').matchAll(/<edge\b[^>]*\bsource="([^"]+)"[^>]*\btarget="([^"]+)"/g)) {
    add(m[1], m[2]);
    add(m[2], m[1]);
  }
  const dist = new Map([[start, 0]]);
  let frontier = [start];
  for (let h = 1; h <= hops; h++) {
    const next: string[] = [];
    for (const u of frontier) {
      for (const v of adj.get(u) ?? []) {
        if (dist.has(v)) continue;
        dist.set(v, h);
        next.push(v);
      }
    }
    frontier = next;
  }
  return dist;
}

function lit(page: Page): Promise<{ nodes: Array<{ id: string; color: string; size: number }>; edges: Array<{ id: string; color: string }> }> {
  return page.evaluate(() => {
    const cy = (window as unknown as { __kgw: { cy: Cy } }).__kgw.cy;
    return {
      nodes: cy.nodes('.query-hit').map((n) => ({ id: n.id(), color: String(n.style('background-color')).replace(/\s/g, ''), size: parseFloat(String(n.style('width'))) })),
      edges: cy.edges('.query-hit').map((e) => ({ id: String(e.data('eid')), color: String(e.style('line-color')).replace(/\s/g, '') })),
    };
  });
}

async function pickByName(page: Page, name: string): Promise<void> {
  await page.getByTestId('query-node-search').fill(name);
  await page.locator('.query-hits button', { hasText: name }).first().click();
  await expect(page.getByTestId('query-picked')).toContainText(name);
}

test('2-hop and shortest-path queries from the query panel light their answers on the canvas', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('new-workspace').click();
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  await dropFiles(page, [FILE]);
  await expect.poll(async () => digits(await page.getByTestId('status-nodes').textContent()), { timeout: 60_000 }).toBe(77);

  // Q opens the panel (focus off any text field).
  await page.getByTestId('cy').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('q');
  await expect(page.getByTestId('query-panel')).toBeVisible();

  await pickByName(page, 'Valjean');
  await page.getByTestId('query-hops').fill('2');
  await page.getByTestId('query-run').click();
  await expect(page.getByTestId('query-summary')).toContainText('nodes', { timeout: 30_000 });

  const expected = bfs('11', 2); // Valjean is node 11 in the file
  await expect.poll(async () => (await lit(page)).nodes.length, { timeout: 15_000 }).toBe(expected.size);
  const k = await lit(page);
  expect(new Set(k.nodes.map((n) => n.id))).toEqual(new Set(expected.keys()));
  const colorOf = (hop: number) => new Set(k.nodes.filter((n) => expected.get(n.id) === hop).map((n) => n.color));
  // One colour per hop, three different ones; the start node drawn biggest.
  expect([colorOf(0).size, colorOf(1).size, colorOf(2).size]).toEqual([1, 1, 1]);
  expect(new Set([...colorOf(0), ...colorOf(1), ...colorOf(2)]).size).toBe(3);
  expect(k.nodes.find((n) => n.id === '11')!.size).toBeGreaterThan(k.nodes.find((n) => expected.get(n.id) === 1)!.size);
  await expect(page.getByTestId('query-table').locator('tbody tr')).toHaveCount(expected.size);

  // Shortest path Myriel -> Claquesous: through Valjean (2 hops), drawn in the path colour.
  await page.getByTestId('query-kind').selectOption('path');
  await page.getByRole('button', { name: 'Clear', exact: true }).first().click();
  await pickByName(page, 'Myriel');
  await pickByName(page, 'Claquesous');
  await page.getByTestId('query-run').click();
  await expect(page.getByTestId('query-summary')).toContainText('2 hops', { timeout: 30_000 });
  await expect.poll(async () => (await lit(page)).edges.length, { timeout: 15_000 }).toBe(2);
  const p = await lit(page);
  expect(p.nodes.map((n) => n.id).sort()).toEqual(['0', '11', '70']);
  expect(p.nodes.every((n) => n.color === PATH_RGB)).toBe(true);
  expect(p.edges.every((e) => e.color === PATH_RGB)).toBe(true);
  // Everything else is dimmed, so the path stands out.
  const dimmed = await page.evaluate(() => (window as unknown as { __kgw: { cy: Cy } }).__kgw.cy.nodes().filter((n) => Number(n.style('opacity')) < 0.5).length);
  expect(dimmed).toBeGreaterThan(0);

  // Personalised PageRank from Valjean runs as a job (progress, cancellable): the top 20 are
  // listed and lit, and his direct neighbours rank among them.
  await page.getByTestId('query-kind').selectOption('ppr');
  await page.getByRole('button', { name: 'Clear', exact: true }).first().click();
  await pickByName(page, 'Valjean');
  await page.getByTestId('query-run').click();
  await expect(page.getByTestId('query-summary')).toContainText('Top 20 of', { timeout: 30_000 });
  await expect(page.getByTestId('query-table').locator('tbody tr')).toHaveCount(20);
  const ranked = new Set((await lit(page)).nodes.map((n) => n.id));
  const neighbours = [...bfs('11', 1)].filter(([, hop]) => hop === 1).map(([id]) => id);
  expect(neighbours.filter((id) => ranked.has(id)).length).toBeGreaterThan(neighbours.length / 2);

  // Retrieval (the workspace was embedded after the import): each step lights its own nodes.
  await page.getByTestId('query-kind').selectOption('retrieve');
  await page.getByTestId('query-text').fill('the bishop who takes in a convict');
  await page.getByTestId('query-run').click();
  await expect(page.getByTestId('query-summary')).toContainText('seeds', { timeout: 90_000 });
  await page.getByTestId('query-step-seeds').click();
  const seedRows = await page.getByTestId('query-table').locator('tbody tr').count();
  expect(seedRows).toBeGreaterThan(0);
  await expect.poll(async () => (await lit(page)).nodes.length).toBe(seedRows);
  await page.getByTestId('query-step-spread').click();
  await expect.poll(async () => (await lit(page)).nodes.length).toBeGreaterThan(seedRows);
});

/**
 * Clicking nodes on the Cytoscape canvas the way a user does (a real mouse click where the node
 * is drawn), robust to layouts landing late and to nodes drawn over each other.
 */
import { expect, type Page } from '@playwright/test';

type Cy = import('cytoscape').Core;

/**
 * The first of `ids` (in order; those not on the canvas skipped) that can be clicked, zoomed in on,
 * with a point of its disc that no other node covers, in page coordinates. Hubs can lie almost on
 * top of each other in a dense layout (CI clicked FLL, later HOU, drawn over ATL), and a node
 * wrongly selected is then drawn on top of the rest, so the selection is cleared first.
 */
async function clickablePoint(page: Page, ids: string[]): Promise<{ id: string; x: number; y: number } | null> {
  return page.evaluate((wanted) => {
    const cy = (window as unknown as { __kgw: { cy: Cy } }).__kgw.cy;
    cy.elements().unselect();
    for (const id of wanted) {
      const node = cy.getElementById(id) as import('cytoscape').NodeSingular;
      if (node.empty() || !node.visible()) continue;
      cy.fit(node, 250);
      const p = node.renderedPosition();
      const r = (node.renderedWidth() / 2) * 0.85;
      const others = cy.nodes().not(node).filter((n) => n.visible()).map((n: import('cytoscape').NodeSingular) => ({ c: n.renderedPosition(), r: n.renderedOuterWidth() / 2 + 2 }));
      for (let ring = 0; ring <= 4; ring++) {
        const steps = ring === 0 ? 1 : 12;
        for (let k = 0; k < steps; k++) {
          const x = p.x + (r * ring * Math.cos((2 * Math.PI * k) / steps)) / 4;
          const y = p.y + (r * ring * Math.sin((2 * Math.PI * k) / steps)) / 4;
          if (others.some((o) => (o.c.x - x) ** 2 + (o.c.y - y) ** 2 <= o.r ** 2)) continue;
          const box = cy.container()!.getBoundingClientRect();
          return { id, x: box.left + x, y: box.top + y };
        }
      }
    }
    return null;
  }, ids);
}

/**
 * Clicks, where it is drawn, the first of `ids` that is not hidden under other nodes and returns
 * its id. Layouts run in a Web Worker and land in one batch a moment later, so the point is read
 * until it holds still; on a loaded machine a batch can still land between reading and clicking,
 * so the click is checked against cytoscape's selection and repeated from the new position.
 */
export async function clickNode(page: Page, ids: string[]): Promise<string> {
  for (let attempt = 0; attempt < 4; attempt++) {
    let target = await clickablePoint(page, ids);
    for (let i = 0; i < 20 && target; i++) {
      await page.waitForTimeout(300);
      const again = await clickablePoint(page, ids);
      const still = !!again && again.id === target.id && Math.abs(again.x - target.x) < 1 && Math.abs(again.y - target.y) < 1;
      target = again;
      if (still) break;
    }
    expect(target, 'a node to click is on the canvas, not covered by others').not.toBeNull();
    await page.mouse.click(target!.x, target!.y);
    const selected = await page.evaluate(() => (window as unknown as { __kgw: { cy: Cy } }).__kgw.cy.$('node:selected').map((n) => n.id()));
    if (selected.includes(target!.id)) return target!.id;
  }
  throw new Error('the node under the pointer was never the one asked for');
}

/** Ids of the canvas nodes with this name. */
export async function nodeIdsNamed(page: Page, name: string): Promise<string[]> {
  return page.evaluate((wanted) => (window as unknown as { __kgw: { cy: Cy } }).__kgw.cy.nodes().filter((n) => n.data('name') === wanted).map((n) => n.id()), name);
}

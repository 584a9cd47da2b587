/**
 * Parsers summarise a repeated condition as one warning; the importer must add up the counts they
 * carry, so the result says DUPLICATE_EDGE x2 (not x1) and sums the same code across files.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import { runImport } from './run-import';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-warn-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let n = 0;
function write(name: string, content: string): { path: string; name: string } {
  const p = path.join(tmp, `${n}-${name}`);
  fs.writeFileSync(p, content);
  return { path: p, name };
}

async function importFiles(files: Array<{ path: string; name: string }>) {
  const store = new SqliteStore(path.join(tmp, `ws${n++}`));
  try {
    return await runImport({ store, sources: files });
  } finally {
    await store.close();
  }
}

describe('warning counts', () => {
  it('CSV: two repeated edge rows count 2', async () => {
    const nodes = write('nodes.csv', 'id,name\na,A\nb,B\n');
    const edges = write('edges.csv', 'source,target,relation\na,b,r\na,b,r\na,b,r\n');
    const result = await importFiles([nodes, edges]);
    const dup = result.warnings.find((w) => w.code === 'DUPLICATE_EDGE');
    expect(dup?.count).toBe(2);
    expect(dup?.example?.file).toBe('edges.csv');
  });

  it('CSV: the same code in two files adds up', async () => {
    const a = write('a_nodes.csv', 'id,name\nx,1\nx,2\n');
    const b = write('b_nodes.csv', 'id,name\ny,1\ny,2\ny,3\n');
    const result = await importFiles([a, b]);
    expect(result.warnings.find((w) => w.code === 'DUPLICATE_NODE_ID')?.count).toBe(3);
  });

  it('GraphML: three undeclared keys count 3', async () => {
    const g = write('g.graphml', `<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">
<node id="a"><data key="k1">1</data></node><node id="b"><data key="k1">2</data></node><node id="c"><data key="k1">3</data></node>
</graph></graphml>`);
    const result = await importFiles([g]);
    expect(result.warnings.find((w) => w.code === 'UNDECLARED_KEY')?.count).toBe(3);
  });

  it('JSON: two edges without endpoints count 2', async () => {
    const j = write('g.json', JSON.stringify({ nodes: [{ id: 'a' }, { id: 'b' }], links: [{ source: 'a' }, { target: 'b' }, { source: 'a', target: 'b' }] }));
    const result = await importFiles([j]);
    expect(result.edgesAdded).toBe(1);
    expect(result.warnings.find((w) => w.code === 'MISSING_ENDPOINT')?.count).toBe(2);
  });
});

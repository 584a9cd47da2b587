/**
 * Exports read back by our own importer into a real SQLite workspace: the same node and edge
 * counts, names, types, relations, typed props and undirected edges as the view that was exported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../../../../native/store/sqlite/sqlite-store';
import { runImport } from '../../../../../native/ingest/run-import';
import { createCache, viewOf } from '../../../graph/view-model';
import type { WireSubgraph } from '../../../graph/wire-types';
import { exportGraphOf, type ExportGraph } from './export-graph';
import { toGraphML } from './graphml';
import { toCsv } from './csv';
import { toNodeLinkJson } from './node-link-json';

const datasets = path.resolve(__dirname, '../../../../../../shared/datasets');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-export-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let ws = 0;
async function importInto(files: Array<{ name: string; text: string }>): Promise<SqliteStore> {
  const dir = path.join(tmp, `ws${ws++}`);
  fs.mkdirSync(dir, { recursive: true });
  const sources = files.map((f) => {
    const p = path.join(dir, f.name);
    fs.writeFileSync(p, f.text);
    return { path: p, name: f.name };
  });
  const store = new SqliteStore(path.join(dir, 'store'));
  await runImport({ store, sources });
  return store;
}

async function everything(store: SqliteStore): Promise<WireSubgraph> {
  const stats = await store.stats();
  return (await store.overview(Math.max(1, stats.nodes))) as WireSubgraph;
}

/** What must survive a round trip, independent of ids the store makes up. */
function signature(sub: { nodes: Array<{ id: string; name: string; type: string }>; edges: Array<{ source: string; target: string; type: string; props: Record<string, unknown> }> }) {
  return {
    nodes: sub.nodes.map((n) => `${n.id}|${n.name}|${n.type}`).sort(),
    edges: sub.edges.map((e) => `${e.source}>${e.target}|${e.type}|${e.props.directed === false ? 'u' : 'd'}`).sort(),
  };
}

let source: WireSubgraph;
let exported: ExportGraph;

beforeAll(async () => {
  // Gephi's Les Misérables: undirected weighted edges, typed float/int node keys.
  const store = await importInto([{ name: 'm.graphml', text: fs.readFileSync(path.join(datasets, 'graphml_gephi_miserables.graphml'), 'utf8') }]);
  source = await everything(store);
  await store.close();
  const cache = createCache();
  exported = exportGraphOf(cache, viewOf(cache, source));
});

describe('exporters read back by the importer', () => {
  it('the export holds the whole view (77 nodes, 254 undirected edges)', () => {
    expect(exported.nodes.length).toBe(77);
    expect(exported.edges.length).toBe(254);
    expect(exported.edges.every((e) => !e.directed)).toBe(true);
  });

  it('GraphML', async () => {
    const xml = toGraphML(exported);
    expect(xml).toContain('edgedefault="directed"');
    expect(xml).toContain('directed="false"');
    const back = await importInto([{ name: 'view.graphml', text: xml }]);
    expect(await back.stats()).toMatchObject({ nodes: 77, edges: 254 });
    const again = await everything(back);
    expect(signature(again)).toEqual(signature(source));
    // Typed keys stay typed: Gephi's float "size" comes back as a number, not text.
    const valjean = again.nodes.find((n) => n.name === 'Valjean')!;
    const original = source.nodes.find((n) => n.name === 'Valjean')!;
    expect(valjean.props).toEqual(original.props);
    expect(again.edges.find((e) => typeof e.props.weight === 'number')).toBeDefined();
    await back.close();
  });

  it('CSV node and edge lists', async () => {
    const { nodes, edges } = toCsv(exported);
    const back = await importInto([
      { name: 'view_edges.csv', text: edges },
      { name: 'view_nodes.csv', text: nodes },
    ]);
    expect(await back.stats()).toMatchObject({ nodes: 77, edges: 254 });
    const again = await everything(back);
    // Untyped nodes (Gephi's file has no types) come back typed by the file's label: the CSV
    // importer types a node list whose type cell is empty that way; ids and names are exact.
    expect(again.nodes.map((n) => `${n.id}|${n.name}`).sort()).toEqual(source.nodes.map((n) => `${n.id}|${n.name}`).sort());
    expect(again.edges.map((e) => `${e.source}>${e.target}|${e.type}`).sort()).toEqual(source.edges.map((e) => `${e.source}>${e.target}|${e.type}`).sort());
    await back.close();
  });

  it('JSON node-link', async () => {
    const json = toNodeLinkJson(exported);
    const doc = JSON.parse(json) as { nodes: unknown[]; links: unknown[]; directed: boolean };
    expect(doc.directed).toBe(false);
    const back = await importInto([{ name: 'view.json', text: json }]);
    expect(await back.stats()).toMatchObject({ nodes: 77, edges: 254 });
    expect(signature(await everything(back))).toEqual(signature(source));
    await back.close();
  });

  it('quotes and escapes awkward text (commas, quotes, newlines, markup) so it reads back the same', async () => {
    const awkward: ExportGraph = {
      nodes: [
        { id: 'a,1', name: 'He said "hi"\nthen left', type: 'Per<son>', props: { note: 'x & y', score: 1.5, tags: ['p', 'q'] } },
        { id: 'b', name: '  padded  ', type: 'Thing', props: {} },
      ],
      edges: [{ id: 'e1', source: 'a,1', target: 'b', type: 'knows & likes', directed: true, props: { since: 2001 } }],
    };
    for (const files of [
      [{ name: 'w.graphml', text: toGraphML(awkward) }],
      [{ name: 'w.json', text: toNodeLinkJson(awkward) }],
      [{ name: 'w_nodes.csv', text: toCsv(awkward).nodes }, { name: 'w_edges.csv', text: toCsv(awkward).edges }],
    ]) {
      const back = await importInto(files);
      const again = await everything(back);
      expect(again.nodes.map((n) => [n.id, n.type]).sort(), files[0].name).toEqual([['a,1', 'Per<son>'], ['b', 'Thing']]);
      expect(again.nodes.find((n) => n.id === 'a,1')!.name, files[0].name).toBe('He said "hi"\nthen left');
      expect(again.edges.map((e) => e.type), files[0].name).toEqual(['knows & likes']);
      await back.close();
    }
  });
});

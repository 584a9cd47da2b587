import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataset, parseWith, pickHandler } from '../xml/test-helpers';
import { cytoscapeJsonFormatHandler, jsonFormatHandlers, nodeLinkJsonFormatHandler } from './index';
import { JsonRecordScanner, type RecordSection } from './json-record-scanner';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-json-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('node-link and Cytoscape JSON datasets', () => {
  it('d3 miserables: index links resolved to node names', async () => {
    const file = dataset('json_d3_vega_miserables.json');
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
    expect(pickHandler(jsonFormatHandlers, file).format).toBe('json');
    const { nodes, edges } = await parseWith(nodeLinkJsonFormatHandler, file);
    expect(nodes.map((n) => n.id)).toEqual(raw.nodes.map((n: Json) => n.name));
    expect(nodes[0]).toMatchObject({ name: 'Myriel', props: { group: 1 } });
    expect(nodes[0].props.index).toBeUndefined();
    expect(edges.map((e) => [e.source, e.target])).toEqual(
      raw.links.map((l: Json) => [raw.nodes[l.source].name, raw.nodes[l.target].name]));
    expect(edges[0].props.value).toBe(raw.links[0].value);
  });

  it('Cytoscape desktop .cyjs (tokyo): counts, kanji intact, interaction as type, UI state dropped', async () => {
    const file = dataset('json_cytoscape-desktop_tokyo-railways.cyjs');
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
    expect(pickHandler(jsonFormatHandlers, file).format).toBe('cytoscape');
    const { nodes, edges } = await parseWith(cytoscapeJsonFormatHandler, file);
    expect(nodes).toHaveLength(raw.elements.nodes.length);
    expect(edges).toHaveLength(raw.elements.edges.length);
    const first = raw.elements.nodes[0].data;
    const n = nodes.find((x) => x.id === first.id)!;
    expect(n.props.station_name).toBe(first.station_name);
    expect(n.props.station_name).toBe('京成高砂');
    expect(n.props.add).toBe(first.add);
    expect(n.props.selected).toBeUndefined();
    expect(n.props.position).toBeUndefined();
    const e0 = raw.elements.edges[0].data;
    expect(edges[0]).toMatchObject({ id: e0.id, source: e0.source, target: e0.target, type: e0.interaction });
  });

  it('cytoscape.js flat elements array (colajs): groups split nodes/edges, edge data.group is the type', async () => {
    const file = dataset('json_cytoscapejs_elements_colajs.json');
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Json[];
    expect(pickHandler(jsonFormatHandlers, file).format).toBe('cytoscape');
    const { nodes, edges } = await parseWith(cytoscapeJsonFormatHandler, file);
    expect(nodes).toHaveLength(raw.filter((e) => e.group === 'nodes').length);
    expect(edges).toHaveLength(raw.filter((e) => e.group === 'edges').length);
    const rawTypes = raw.filter((e) => e.group === 'edges').map((e) => e.data.group);
    expect(edges.map((e) => e.type)).toEqual(rawTypes);
    expect(nodes.find((x) => x.id === '605755')).toMatchObject({ name: 'PCNA', props: { query: true } });
    for (const r of [...nodes, ...edges]) {
      for (const ui of ['classes', 'locked', 'grabbable', 'removed', 'selected', 'position']) expect(r.props[ui]).toBeUndefined();
    }
  });
});

describe('node-link JSON details', () => {
  it('networkx: undirected multigraph, int ids, key kept, skipped values under other keys are not parsed', async () => {
    const file = path.join(tmp, 'nx.json');
    fs.writeFileSync(file, JSON.stringify({
      directed: false, multigraph: true, graph: { note: ['] tricky "}" \\ '] },
      nodes: [{ id: 1, label: 'A', type: 'person' }, { id: 'b', name: 'B\u00e9' }],
      links: [{ source: 1, target: 'b', key: 0, relation: 'knows' }, { source: 1, target: 'b', key: 1, relation: 'knows' }],
    }, null, 2));
    const { nodes, edges } = await parseWith(nodeLinkJsonFormatHandler, file);
    expect(nodes).toEqual([
      { id: '1', name: 'A', type: 'person', props: {}, line: 10 },
      { id: 'b', name: 'Bé', props: {}, line: 15 },
    ]);
    expect(edges).toHaveLength(2);
    expect(edges[1]).toMatchObject({ source: '1', target: 'b', type: 'knows', props: { key: 1, directed: false } });
  });

  it('the scanner gives the same records whatever the chunk boundaries', () => {
    const doc = Buffer.from(JSON.stringify({
      elements: {
        nodes: [{ data: { id: 'a\\"b', name: 'x,]}' } }, { data: { id: 'ü€𝄞', v: [1, { w: '\\\\' }] } }],
        edges: [{ data: { source: 'a\\"b', target: 'ü€𝄞', s: '"\\"' } }],
      },
      directed: true,
    }));
    const expected: Array<[RecordSection, unknown]> = [];
    new JsonRecordScanner('x', { record: (s, v) => expected.push([s, v]), scalar: () => undefined }).write(doc);
    expect(expected).toHaveLength(3);
    for (let size = 1; size <= 17; size++) {
      const got: Array<[RecordSection, unknown]> = [];
      let directed: unknown;
      const scanner = new JsonRecordScanner('x', { record: (s, v) => got.push([s, v]), scalar: (k, v) => { directed = v; } });
      for (let i = 0; i < doc.length; i += size) scanner.write(doc.subarray(i, i + size));
      scanner.end();
      expect(got).toEqual(expected);
      expect(directed).toBe(true);
    }
  });
});

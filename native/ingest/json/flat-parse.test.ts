/**
 * Node-link / Cytoscape JSON parseFlat (columns written while parsing, what the parser thread posts
 * to the SQLite writer) must give exactly what the record path gives once flattened (flattenBatch):
 * the same rows, warnings and bytes read, on every graph JSON of shared/datasets, generated files,
 * records whose props are special (index-like keys, __proto__, nested values, escapes, `directed`
 * on undirected graphs, d3 index links, skipped records) and broken inputs (same error, file,
 * line, column).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { drain, expectSameError, expectSameFlat, input, tempInputs } from '../flat-parse.test-util';
import { DATASETS } from '../xml/test-helpers';
import { generateNodeLinkJson } from './generate-json';
import { cytoscapeJsonFormatHandler, nodeLinkJsonFormatHandler } from './index';

const handlers = [nodeLinkJsonFormatHandler, cytoscapeJsonFormatHandler];

/** Both handlers (they share the parser) on one file; JSON brings no vectors. */
async function expectSame(file: string) {
  let flat: Awaited<ReturnType<typeof expectSameFlat>> = [];
  for (const h of handlers) {
    flat = await expectSameFlat(h, file);
    for (const f of flat) expect(f.flat!.nodes.vectors).toBeUndefined();
  }
  return flat;
}

const { file: tempFile, write } = tempInputs('kgw-json-flat-');

describe('graph JSON parseFlat equals flattened records', () => {
  // Every node-link / Cytoscape file of shared/datasets (SOURCES.md); JSON Lines has its own parser.
  const files = fs.readdirSync(DATASETS).filter((f) => /^json_.*\.(json|cyjs)$/.test(f)).sort();

  it('finds the graph JSON files of shared/datasets', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  for (const name of files) {
    it(name, async () => {
      const flat = await expectSame(path.join(DATASETS, name));
      expect(flat.reduce((n, b) => n + b.flat!.nodes.id.length, 0)).toBeGreaterThan(0);
    });
  }

  it('a generated networkx-style file (many batches)', async () => {
    const file = tempFile('gen.json');
    const n = await generateNodeLinkJson(file, 3);
    const flat = await expectSame(file);
    expect(flat.length).toBeGreaterThan(20);
    expect(flat.reduce((k, b) => k + b.flat!.edges.source.length, 0)).toBe(n);
  });

  it('records whose props are special', async () => {
    const cases = [
      write('index-keys.json', JSON.stringify({
        directed: false,
        nodes: [{ id: 'a', b: 1, 10: 'ten', 2: 'two', name: 'A' }, { id: 7, nested: { x: [1, 'é', null] }, name: '  ' }],
        links: [{ source: 'a', target: 7, 0: 'zero', weight: 1.5 }, { source: 'a', target: 'a', directed: true }, { source: 'a', target: 7, directed: null }],
      })),
      write('proto.json', '{"directed": false, "nodes": [{"id": "a", "__proto__": {"directed": 1}, "z": 1}, {"id": "b", "__proto__": 5}],\n' +
        '"links": [{"source": "a", "target": "b", "__proto__": {"directed": 1}}, {"source": "a", "target": "b", "__proto__": null, "w": 2}]}'),
      write('escapes.json', '{"nodes": [{"id": "q\\"uote", "label": "line\\nbreak", "k\\u00e9y": "\\u2028 \\ud83d\\ude00", "n": 1e2, "m": -0.0, "big": 12345678901234567890}],\n' +
        '"links": [{"source": "q\\"uote", "target": "q\\"uote", "type": "", "label": "rel"}]}'),
      write('d3-index.json', '{"nodes": [{"name": "x", "index": 0, "vx": 1}, {"group": 2}, {"name": 5}],\n' +
        '"links": [{"source": 0, "target": 1, "value": 3}, {"source": {"index": 2}, "target": 9}, {"source": 1}, 7]}'),
      write('passage.json', '{"nodes": [{"id": "p", "name": "Some text", "type": "Passage"}, {"id": "e", "type": {"not": "a label"}}], "links": []}'),
      write('cyto-flat.cyjs', JSON.stringify([
        { group: 'nodes', data: { id: 'a', name: 'A', selected: true, score: 2 }, position: { x: 1, y: 2 } },
        { group: 'nodes', data: { name: 'no id' } },
        { data: { id: 'b' } },
        { group: 'edges', data: { id: 'e1', source: 'a', target: 'b', interaction: 'pp', selected: false } },
        { data: { source: 'a', target: 'b', weight: 0.5 } },
      ])),
      write('cyto-elements.cyjs', JSON.stringify({
        format_version: '1.0', data: { name: 'net' },
        elements: { nodes: [{ data: { id: 'a', SUID: 1, shared_name: 'A' } }, { id: 'raw' }], edges: [{ data: { source: 'a', target: 'raw', SUID: 3 } }] },
      })),
    ];
    for (const f of cases) await expectSame(f);
    const [idx] = await drain(nodeLinkJsonFormatHandler.parseFlat(input(cases[0])));
    expect(idx.flat!.nodes.props[0]).toBe('{"2":"two","10":"ten","b":1}');
    expect(idx.flat!.edges.props.slice(0, 2)).toStrictEqual(['{"0":"zero","weight":1.5,"directed":false}', '{"directed":true}']);
    const [proto] = await drain(nodeLinkJsonFormatHandler.parseFlat(input(cases[1])));
    expect(proto.flat!.nodes.props).toStrictEqual(['{"z":1}', null]);
    // The record path reads `directed` through the prototype it set (no "directed":false added),
    // and propsJson's for-in sees that inherited key: '{}' rather than null.
    expect(proto.flat!.edges.props).toStrictEqual(['{}', '{"w":2,"directed":false}']);
  });

  it('broken inputs fail the same way on both paths', async () => {
    const files = [
      write('malformed.json', '{"nodes": [\n  {"id": "a"},\n  {"id": "b" "name": "x"}\n], "links": []}'),
      write('truncated.json', '{"nodes": [\n  {"id": "a"}, {"id": "b"'),
      write('trailing-comma.json', '{"nodes": [{"id": "a"}, ], "links": []}'),
      write('bad-structure.json', '{"nodes": []\n "links": []}'),
      write('no-graph.json', '{"type": "FeatureCollection", "features": [{"id": 1}]}'),
      write('scalar.json', '"just a string"'),
      write('blank.json', '  \n\n '),
      write('late-error.json', `{"nodes": [\n${Array.from({ length: 3000 }, (_, i) => `{"id": "n${i}", "name": "node ${i}"}`).join(',\n')},\n{"id": "x",, "y": 1}\n]}`),
    ];
    for (const f of files) {
      for (const h of handlers) {
        expect(['PARSE_ERROR', 'UNSUPPORTED_FORMAT', 'EMPTY_FILE']).toContain((await expectSameError(h, f)).code);
      }
    }
  });
});

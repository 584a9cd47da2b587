import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { xmlFormatHandlers } from './index';
import { countMatches, dataset, parseWith, pickHandler } from './test-helpers';
import { tempInputs } from '../flat-parse.test-util';

const GRAPHML_FILES = fs.readdirSync(dataset('.')).filter((f) => f.startsWith('graphml_'));

function countBy<T>(items: T[], key: (t: T) => string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) {
    const k = key(it) ?? '(none)';
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

describe('GraphML datasets', () => {
  it('finds the GraphML files', () => {
    expect(GRAPHML_FILES.length).toBe(7);
  });

  it.each(GRAPHML_FILES)('%s: sniffed as graphml, node and edge counts match the elements in the file', async (name) => {
    const file = dataset(name);
    const handler = pickHandler(xmlFormatHandlers, file);
    expect(handler.format).toBe('graphml');
    const parsed = await parseWith(handler, file);
    expect(parsed.nodes.length).toBe(countMatches(file, /<node[\s>/]/g));
    expect(parsed.edges.length).toBe(countMatches(file, /<edge[\s>/]/g));
    expect(parsed.lastBytesRead).toBe(fs.statSync(file).size);
    for (const n of parsed.nodes) expect(n.line).toBeGreaterThan(0);
  });

  it('Gephi: label is the data value, typed int/float keys are numbers, undirected edges say so', async () => {
    const { nodes, edges } = await parseWith(xmlFormatHandlers[0], dataset('graphml_gephi_miserables.graphml'));
    const valjean = nodes.find((n) => n.id === '11')!;
    expect(valjean.name).toBe('Valjean');
    expect(valjean.props['Modularity Class']).toBe(1);
    expect(valjean.props.x).toBeCloseTo(-87.93029);
    expect('label' in valjean.props).toBe(false);
    expect(edges).toHaveLength(254);
    expect(edges.every((e) => e.props.directed === false)).toBe(true);
    expect(typeof edges[0].props.weight).toBe('number');
  });

  it('TinkerPop grateful-dead: 8,049 edges incl. parallel ones, labelV/labelE as types, int keys', async () => {
    const file = dataset('graphml_tinkerpop_grateful-dead.xml');
    const { nodes, edges } = await parseWith(xmlFormatHandlers[0], file);
    expect(edges).toHaveLength(8049);
    expect(countBy(nodes, (n) => n.type)).toEqual({ song: 584, artist: 224 });
    expect(countBy(edges, (e) => e.type)).toEqual({ followedBy: 7047, sungBy: 501, writtenBy: 501 });
    const notFadeAway = nodes.find((n) => n.name === 'NOT FADE AWAY')!;
    expect(notFadeAway.props.performances).toBe(531);
    // Parallel edges: the same (source, target) pairs as the raw file, none collapsed.
    const raw = fs.readFileSync(file, 'utf8');
    const rawPairs = [...raw.matchAll(/<edge [^>]*source="([^"]*)" target="([^"]*)"/g)].map((m) => `${m[1]}>${m[2]}`);
    const parsedPairs = edges.map((e) => `${e.source}>${e.target}`);
    const duplicates = (pairs: string[]) => pairs.length - new Set(pairs).size;
    expect(duplicates(parsedPairs)).toBe(duplicates(rawPairs));
    expect(duplicates(parsedPairs)).toBeGreaterThan(0);
    expect(edges.every((e) => e.id !== undefined && e.props.directed === undefined)).toBe(true);
  });

  it('networkx AutoSchemaKG: the key named "id" is the readable name, "type" the node kind, passages get text', async () => {
    const { nodes, edges } = await parseWith(xmlFormatHandlers[0], dataset('graphml_networkx_autoschemakg_dulce.graphml'));
    expect(countBy(nodes, (n) => n.type)).toEqual({ concept: 838, event: 208, entity: 129, passage: 8 });
    const alex = nodes.find((n) => n.name === 'Agent Alex Mercer')!;
    expect(alex.id).toMatch(/^[0-9a-f]{64}$/);
    expect(alex.type).toBe('entity');
    const passages = nodes.filter((n) => n.type === 'passage');
    for (const p of passages) {
      expect(p.text).toBe(p.name);
      expect(p.text).toContain('\n');
    }
    const types = countBy(edges, (e) => e.type);
    expect(types.has_concept).toBe(1757);
    expect(types['mention in']).toBe(337);
    expect(Object.keys(types)).toHaveLength(107); // SOURCES.md: 107 distinct relation strings
    expect(edges.every((e) => e.id === undefined)).toBe(true);
    expect(edges.filter((e) => e.source === e.target)).toHaveLength(1);
  });

  it('nano-graphrag: ids with literal quotes are kept, entity_type is the type, weights are numbers', async () => {
    const { nodes, edges } = await parseWith(xmlFormatHandlers[0], dataset('graphml_networkx_nanographrag_dickens.graphml'));
    const gutenberg = nodes.find((n) => n.id === '"PROJECT GUTENBERG"')!;
    expect(gutenberg).toBeDefined();
    expect(gutenberg.type).toBe('"ORGANIZATION"');
    expect(String(gutenberg.props.description)).toContain('<SEP>');
    expect(edges.some((e) => e.source === '"PROJECT GUTENBERG"')).toBe(true);
    expect(edges.every((e) => e.props.directed === false && typeof e.props.weight === 'number')).toBe(true);
  });

  it('igraph: duplicate key id "title" (graph and node) resolves per element; graph data is not a node prop', async () => {
    const { nodes, edges, warnings } = await parseWith(xmlFormatHandlers[0], dataset('graphml_igraph_kegg_hsa05010.graphml'));
    expect(nodes).toHaveLength(26);
    expect(edges).toHaveLength(10);
    const n0 = nodes.find((n) => n.id === 'n0')!;
    expect(n0).toMatchObject({ name: 'cpd:C00027', type: 'compound' });
    expect(n0.props.title).toBe('C00027');
    expect(n0.props.organism).toBeUndefined();
    expect(n0.props.uniprot).toBe('');
    expect(typeof edges[0].props.sim_BP_resnik).toBe('number');
    expect(warnings).toEqual([]);
  });

  it('yEd pandora: nested graphs flattened with ONE warning, 21 nodes, names from y:NodeLabel', async () => {
    const { nodes, edges, warnings } = await parseWith(xmlFormatHandlers[0], dataset('graphml_yed_pandora_architecture.graphml'));
    expect(nodes).toHaveLength(21);
    expect(edges).toHaveLength(20);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].code).toBe('NESTED_GRAPHS_FLATTENED');
    expect(warnings[0].message).toMatch(/^2 nested/);
    expect(nodes.find((n) => n.id === 'n0')!.name).toBe('Ammo\nProvider');
    expect(nodes.find((n) => n.id === 'n2')!.name).toBe('Instances Pool');
    expect(nodes.some((n) => n.id.includes('::'))).toBe(true);
    expect(nodes.every((n) => n.name !== undefined)).toBe(true);
    expect(edges.filter((e) => e.type !== undefined)).toHaveLength(7);
    expect(edges.find((e) => e.id === 'e0')!.type).toBe('plain\ndata');
  });

  it('airlines: CRLF file, undirected, typed double keys, tooltip kept', async () => {
    const { nodes, edges } = await parseWith(xmlFormatHandlers[0], dataset('graphml_airlines.graphml'));
    expect(nodes).toHaveLength(235);
    expect(edges).toHaveLength(2101);
    expect(typeof nodes[0].props.x).toBe('number');
    expect(String(nodes[0].props.tooltip)).toMatch(/^LIT\(/);
    expect(edges.every((e) => e.props.directed === false)).toBe(true);
  });
});

describe('GraphML semantics on a small hand-written file', () => {
  const { write } = tempInputs('kgw-graphml-');

  it('applies typed defaults, per-edge directed, undeclared keys, name/type defaults; skips hyperedges', async () => {
    const file = write('small.graphml', `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="k0" for="node" attr.name="name" attr.type="string"/>
  <key id="k1" for="node" attr.name="kind" attr.type="string"><default>thing</default></key>
  <key id="k2" for="node" attr.name="score" attr.type="double"><default>0.5</default></key>
  <key id="k3" for="node" attr.name="big" attr.type="long"/>
  <key id="k4" for="all" attr.name="ok" attr.type="boolean"><default>false</default></key>
  <key id="k5" for="edge" attr.name="relation" attr.type="string"><default>related to</default></key>
  <key id="k6" for="node" attr.name="count" attr.type="int"/>
  <graph id="G" edgedefault="undirected">
    <node id="a"><data key="k0">Alpha</data><data key="k3">9007199254740993</data><data key="k4">true</data></node>
    <node id="b"><data key="k1">person</data><data key="k2">2</data><data key="k6">many</data><data key="zz">x</data></node>
    <edge source="a" target="b"/>
    <edge source="b" target="a" directed="true"><data key="k5">knows</data></edge>
    <edge source="a" target="a"/>
    <hyperedge><endpoint node="a"/><endpoint node="b"/></hyperedge>
  </graph>
</graphml>
`);
    const { nodes, edges, warnings } = await parseWith(xmlFormatHandlers[0], file);
    expect(nodes).toEqual([
      { id: 'a', name: 'Alpha', type: 'thing', props: { score: 0.5, ok: true, big: '9007199254740993' }, line: 11 },
      { id: 'b', type: 'person', props: { score: 2, ok: false, count: 'many', zz: 'x' }, line: 12 },
    ]);
    expect(edges).toEqual([
      { source: 'a', target: 'b', type: 'related to', props: { ok: false, directed: false }, line: 13 },
      { source: 'b', target: 'a', type: 'knows', props: { ok: false }, line: 14 },
      { source: 'a', target: 'a', type: 'related to', props: { ok: false, directed: false }, line: 15 },
    ]);
    expect(warnings.map((w) => w.code).sort()).toEqual(['BAD_VALUE', 'HYPEREDGE_SKIPPED', 'UNDECLARED_KEY']);
  });

  it('a key declared after data already named it applies from there on (graphml-keys.ts forgets its answers)', async () => {
    const file = write('late-key.graphml', `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <graph id="G" edgedefault="directed">
    <node id="a"><data key="w">7</data></node>
    <key id="w" for="node" attr.name="weight" attr.type="int"/>
    <node id="b"><data key="w">8</data></node>
  </graph>
</graphml>
`);
    const { nodes, warnings } = await parseWith(xmlFormatHandlers[0], file);
    expect(nodes.map((n) => n.props)).toEqual([{ w: '7' }, { weight: 8 }]);
    expect(warnings.map((w) => w.code)).toEqual(['UNDECLARED_KEY']);
  });
});

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gexfFormatHandler, xmlFormatHandlers } from './index';
import { countMatches, dataset, parseWith, pickHandler } from './test-helpers';
import { tempInputs } from '../flat-parse.test-util';

describe('GEXF datasets', () => {
  it.each(['gexf_gephi_les_miserables.gexf', 'gexf_gephi_java.gexf'])('%s: sniffed as gexf, counts match the file', async (name) => {
    const file = dataset(name);
    expect(pickHandler(xmlFormatHandlers, file).format).toBe('gexf');
    const parsed = await parseWith(gexfFormatHandler, file);
    expect(parsed.nodes.length).toBe(countMatches(file, /<node[\s>/]/g));
    expect(parsed.edges.length).toBe(countMatches(file, /<edge[\s>/]/g));
    expect(parsed.lastBytesRead).toBe(fs.statSync(file).size);
  });

  it('Les Miserables: label is the name, integer attribute by title, weight defaults to 1, undirected', async () => {
    const file = dataset('gexf_gephi_les_miserables.gexf');
    const { nodes, edges, warnings } = await parseWith(gexfFormatHandler, file);
    expect(nodes).toHaveLength(77);
    expect(nodes.find((n) => n.id === '0')).toMatchObject({ name: 'Myriel', props: { 'Modularity Class': 0 } });
    const withWeight = countMatches(file, /<edge [^>]*weight="/g);
    expect(edges.filter((e) => e.props.weight === 1).length).toBeGreaterThanOrEqual(edges.length - withWeight);
    expect(edges.find((e) => e.id === '1')!.props.weight).toBe(8);
    expect(edges.every((e) => e.props.directed === false)).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('Java: directed, dotted class names as node names, viz ignored', async () => {
    const { nodes, edges } = await parseWith(gexfFormatHandler, dataset('gexf_gephi_java.gexf'));
    expect(nodes.find((n) => n.id === '1')).toMatchObject({ name: 'java.applet.AppletContext', props: {} });
    expect(edges.every((e) => e.props.directed === undefined)).toBe(true);
  });
});

describe('GEXF semantics on a small hand-written file', () => {
  const { write } = tempInputs('kgw-gexf-');

  it('applies attribute defaults by title, GEXF 1.1 id= attvalues, per-edge type, kind/label as edge type', async () => {
    const file = write('small.gexf', `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.1draft" version="1.1">
  <graph defaultedgetype="directed">
    <attributes class="node">
      <attribute id="0" title="type" type="string"><default>person</default></attribute>
      <attribute id="1" title="age" type="integer"/>
    </attributes>
    <attributes class="edge"><attribute id="w2" title="since" type="long"/></attributes>
    <nodes>
      <node id="a" label="Ann"><attvalues><attvalue id="1" value="42"/></attvalues></node>
      <node id="b" label="Bob"><attvalues><attvalue for="0" value="robot"/></attvalues></node>
    </nodes>
    <edges>
      <edge source="a" target="b" label="knows" weight="2.5"><attvalues><attvalue for="w2" value="1999"/></attvalues></edge>
      <edge source="b" target="a" type="undirected" kind="pal"/>
    </edges>
  </graph>
</gexf>
`);
    const { nodes, edges } = await parseWith(gexfFormatHandler, file);
    expect(nodes).toEqual([
      { id: 'a', name: 'Ann', type: 'person', props: { age: 42 }, line: 10 },
      { id: 'b', name: 'Bob', type: 'robot', props: {}, line: 11 },
    ]);
    expect(edges).toEqual([
      { source: 'a', target: 'b', type: 'knows', props: { since: 1999, weight: 2.5 }, line: 14 },
      { source: 'b', target: 'a', type: 'pal', props: { weight: 1, directed: false }, line: 15 },
    ]);
  });
});

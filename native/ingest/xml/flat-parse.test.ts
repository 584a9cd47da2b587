/**
 * GraphML parseFlat (columns written while parsing, what the parser thread posts to the SQLite
 * writer) must give exactly what the record path gives once flattened (flattenBatch): the same
 * rows, warnings and bytes read, on every GraphML of shared/datasets, generated files, documents
 * whose props order is special (defaults, repeated and index-like names, __proto__, undeclared
 * keys, `directed`), and broken inputs (same error, file, line, column).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParseBatch } from '../format';
import { drain, expectSameError, expectSameFlat, input, tempInputs } from '../flat-parse.test-util';
import { generateGraphmlCounts } from './generate-graphml';
import { graphmlFormatHandler } from './index';
import { DATASETS } from './test-helpers';

const h = graphmlFormatHandler;

/** Both paths on one file (flat-parse.test-util.ts); GraphML brings no vectors. */
async function expectSame(file: string): Promise<ParseBatch[]> {
  const flat = await expectSameFlat(h, file);
  for (const f of flat) expect(f.flat!.nodes.vectors).toBeUndefined();
  return flat;
}

const { file: tempFile, write } = tempInputs('kgw-graphml-flat-');
const doc = (keys: string, body: string, edgedefault = 'directed') =>
  `<?xml version="1.0"?>\n<graphml>\n${keys}\n<graph edgedefault="${edgedefault}">\n${body}\n</graph>\n</graphml>\n`;

describe('GraphML parseFlat equals flattened records', () => {
  const files = fs.readdirSync(DATASETS).filter((f) => f.startsWith('graphml_')).sort();

  it('finds the GraphML files of shared/datasets', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
  });

  for (const name of files) {
    it(name, async () => {
      await expectSame(path.join(DATASETS, name));
    });
  }

  it('a generated networkx-style file (many batches)', async () => {
    const file = tempFile('gen.graphml');
    await generateGraphmlCounts(file, 3000, 15_000);
    const flat = await expectSame(file);
    expect(flat.length).toBeGreaterThan(20);
    expect(flat.reduce((n, b) => n + b.flat!.edges.source.length, 0)).toBe(15_000);
  });

  it('documents whose props order is special', async () => {
    const keys = [
      '<key id="k0" for="node" attr.name="name" attr.type="string"/>',
      '<key id="k1" for="node" attr.name="score" attr.type="double"><default>1.5</default></key>',
      '<key id="k2" for="all" attr.name="2" attr.type="int"/>',
      '<key id="k3" for="node" attr.name="__proto__" attr.type="string"/>',
      '<key id="k4" for="edge" attr.name="directed" attr.type="boolean"/>',
      '<key id="k5" for="edge" attr.name="weight" attr.type="int"><default>7</default></key>',
      '<key id="k6" for="node" attr.name="big" attr.type="long"/>',
      '<key id="k7" for="node" attr.name="flag" attr.type="boolean"/>',
    ].join('\n');
    const cases = [
      write('plain.graphml', doc(keys, [
        '<node id="a"><data key="k0">A</data><data key="k6">9007199254740993</data><data key="k7">1</data></node>',
        '<node id="b"><data key="k1">x</data><data key="k6"> 12 </data></node>',
        '<node id="c"/>',
        '<edge source="a" target="b"><data key="k5"></data></edge>',
        '<edge id="e1" source="b" target="c" directed="false"><data key="k5">3</data></edge>',
      ].join('\n'))),
      write('repeated.graphml', doc(keys, [
        '<node id="a"><data key="k1">2</data><data key="k7">true</data><data key="k1">3</data></node>',
        '<edge source="a" target="a" directed="false"><data key="k4">true</data></edge>',
        '<edge source="a" target="a"><data key="k4">false</data><data key="k4">true</data></edge>',
      ].join('\n'), 'undirected')),
      write('index-like.graphml', doc(keys, [
        '<node id="a"><data key="k7">0</data><data key="k2">5</data></node>',
        '<edge source="a" target="a"><data key="k2">-1</data></edge>',
      ].join('\n'))),
      write('proto.graphml', doc(keys, '<node id="a"><data key="k3">x</data><data key="k7">false</data></node>')),
      write('undeclared.graphml', doc(keys, [
        '<node id="a"><data key="zz">free</data><data key="k1">4</data><data key="zz">again</data></node>',
        '<edge source="a" target="a"><data key="k9">w</data></edge>',
      ].join('\n'))),
      write('index-default.graphml', doc(
        '<key id="d" for="node" attr.name="0" attr.type="string"><default>zero</default></key>\n<key id="e" for="node" attr.name="x" attr.type="string"/>',
        '<node id="a"><data key="e">X</data></node><node id="b"/>',
      )),
      write('roles.graphml', doc(
        '<key id="t" for="node" attr.name="type" attr.type="string"><default>Passage</default></key>\n' +
        '<key id="n" for="node" attr.name="label" attr.type="string"/>\n<key id="r" for="edge" attr.name="relation" attr.type="string"/>',
        '<node id="p"><data key="n">Some text</data></node><node id="q"><data key="n">  </data><data key="t">Entity</data></node>' +
        '<edge source="p" target="q"><data key="r">rel</data></edge><edge source="p" target="q"><data key="r"></data></edge>',
      )),
      write('nested.graphml', doc(keys, [
        '<node id="g"><data key="k0">Group</data><graph id="g:" edgedefault="undirected"><node id="g::a"/><edge source="g::a" target="g"/></graph></node>',
        '<hyperedge><endpoint node="g"/></hyperedge>',
      ].join('\n'))),
    ];
    for (const f of cases) await expectSame(f);
    const [proto] = await drain(h.parseFlat(input(cases[3])));
    expect(proto.flat!.nodes.props[0]).toBe('{"score":1.5,"flag":false}');
    const [idx] = await drain(h.parseFlat(input(cases[2])));
    expect(idx.flat!.nodes.props[0]).toBe('{"2":5,"score":1.5,"flag":false}');
  });

  it('many distinct property names (beyond the bit mask) stay in order', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `<key id="k${i}" for="node" attr.name="p${i}" attr.type="int"/>`).join('\n');
    const data = Array.from({ length: 40 }, (_, i) => `<data key="k${39 - i}">${i}</data>`).join('');
    await expectSame(write('wide.graphml', doc(keys, `<node id="a">${data}</node><node id="b">${data}</node>`)));
  });

  it('broken inputs fail the same way on both paths', async () => {
    const files = [
      write('unclosed.graphml', doc('', '<node id="a"><data key="x">v</node>')),
      write('no-id.graphml', doc('', '<node id="a"/>\n<node/>')),
      write('no-target.graphml', doc('', '<node id="a"/>\n<edge source="a"/>')),
      write('not-graphml.graphml', '<?xml version="1.0"?>\n<gexf><graph/></gexf>\n'),
      write('bad-entity.graphml', doc('', '<node id="a&bogus;"/>')),
      write('truncated.graphml', '<?xml version="1.0"?>\n<graphml><graph><node id="a">'),
      write('empty.graphml', ''),
    ];
    for (const f of files) {
      expect(['PARSE_ERROR', 'UNSUPPORTED_FORMAT', 'EMPTY_FILE']).toContain((await expectSameError(h, f)).code);
    }
  });
});

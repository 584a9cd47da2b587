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
      write('escapes.graphml', doc('<key id="s" for="node" attr.name="note" attr.type="string"/>',
        '<node id="q"><data key="s">a&quot;b\\c&#9;d&#10;&#x7f; \u{1F600} \u00e9&#x2028;</data></node>')),
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
    const [escapes] = await drain(h.parseFlat(input(cases[4])));
    expect(escapes.flat!.nodes.props[0]).toBe(JSON.stringify({ note: 'a"b\\c\td\n\u007f \u{1F600} \u00e9\u2028' }));
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

  it('a file the scanner gives to saxes after many batches (xml-scanner.ts): same rows, each once', async () => {
    const file = tempFile('late-pi.graphml');
    await generateGraphmlCounts(file, 3000, 15_000);
    // A processing instruction near the end is well-formed, but outside the scanner's subset.
    const text = fs.readFileSync(file, 'utf8').replace(/<\/graph>\s*<\/graphml>\s*$/, '<?app x?>\n</graph>\n</graphml>\n');
    fs.writeFileSync(file, text);
    const flat = await expectSame(file);
    expect(flat.reduce((n, b) => n + b.flat!.edges.source.length, 0)).toBe(15_000);
    expect(flat.reduce((n, b) => n + b.flat!.nodes.id.length, 0)).toBe(3000);
    // Progress never goes back while saxes re-reads what the scanner had read.
    const read = flat.map((b) => b.bytesRead);
    expect(read.every((r, i) => i === 0 || r >= read[i - 1])).toBe(true);
    expect(read[read.length - 1]).toBe(fs.statSync(file).size);
  });

  it('CR LF line ends, a byte-order mark, tabs, entities and CDATA', async () => {
    const keys = '<key id="n" for="node" attr.name="name" attr.type="string"/>\r\n<key id="r" for="edge" attr.name="relation" attr.type="string"/>';
    const body = [
      '<node id="a&amp;b"\tfoo="x\r\ny"><data key="n">A &lt; B\r\nline two\rline three</data></node>',
      '<node id="c"><data key="n"><![CDATA[<b>raw</b>\r\n]]></data><!-- note --></node>',
      '<edge source="a&amp;b" target="c"><data key="r">r&#233;l &#x1F600;</data></edge>',
    ].join('\r\n');
    await expectSame(write('crlf.graphml', '\ufeff' + doc(keys, body).replace(/\n/g, '\r\n')));
    const latin1 = tempFile('latin1.graphml');
    const latin1Text = doc(keys, body).replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="ISO-8859-1"?>').replace('A &lt; B', 'A \u00e9 B');
    fs.writeFileSync(latin1, Buffer.from(latin1Text, 'latin1'));
    const [one] = await expectSame(latin1);
    expect(one.flat!.nodes.name[0]).toBe('A \u00e9 B\nline two\nline three');
  });

  it('broken inputs fail the same way on both paths', async () => {
    const big = tempFile('late-error.graphml');
    await generateGraphmlCounts(big, 3000, 15_000);
    fs.writeFileSync(big, fs.readFileSync(big, 'utf8').replace(/<\/graph>\s*<\/graphml>\s*$/, '<edge source="a" target="b"></edg>\n</graph>\n</graphml>\n'));
    const lateHandlerError = tempFile('late-no-target.graphml');
    await generateGraphmlCounts(lateHandlerError, 3000, 15_000);
    fs.writeFileSync(lateHandlerError, fs.readFileSync(lateHandlerError, 'utf8').replace(/<\/graph>\s*<\/graphml>\s*$/, '<edge source="a"/>\n</graph>\n</graphml>\n'));
    const binary = tempFile('binary.graphml');
    fs.writeFileSync(binary, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const utf16 = tempFile('utf16.graphml');
    fs.writeFileSync(utf16, Buffer.from('\ufeff' + doc('', '<node id="a"/>'), 'utf16le'));
    const badUtf8 = tempFile('bad-utf8.graphml');
    fs.writeFileSync(badUtf8, Buffer.concat([Buffer.from(doc('', '<node id="a">')), Buffer.from([0xc3, 0x28]), Buffer.from('</node>')]));
    for (const f of [big, lateHandlerError, binary, utf16, badUtf8]) {
      expect(['PARSE_ERROR', 'UNSUPPORTED_FORMAT', 'ENCODING']).toContain((await expectSameError(h, f)).code);
    }
    const files = [
      write('mismatched.graphml', doc('', '<node id="a"></edge>')),
      write('bad-char-ref.graphml', doc('', '<node id="a&#1;"/>')),
      write('control-char.graphml', doc('', '<node id="a\u0001"/>')),
      write('duplicate-attribute.graphml', doc('', '<node id="a" id="b"/>')),
      write('two-roots.graphml', doc('', '<node id="a"/>') + '<graphml/>'),
      write('text-after-root.graphml', doc('', '<node id="a"/>') + 'tail'),
      write('doctype.graphml', '<!DOCTYPE graphml>\n' + doc('', '<node id="a"/><node/>')),
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

/**
 * The scanner (xml-scanner.ts) against saxes, event by event: on every GraphML of shared/datasets,
 * a generated file and hand-written documents it must give saxes' events (names, attributes,
 * lines, text) whatever the chunking; on anything saxes refuses it must give up (NotScanned) so
 * that saxes reports the error. Random mutations of a document exercise the second rule.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateGraphmlCounts } from './generate-graphml';
import { saxesSink, type XmlHandler } from './sax-driver';
import { DATASETS } from './test-helpers';
import { NotScanned, XmlScanner } from './xml-scanner';
import { tempInputs } from '../flat-parse.test-util';

type Event = [string, ...unknown[]];

/** Events with consecutive text joined (saxes and the scanner split text differently; handlers append). */
function recorder(): { handler: XmlHandler; events: Event[] } {
  const events: Event[] = [];
  const push = (e: Event) => {
    const last = events[events.length - 1];
    if (e[0] === 'text' && last?.[0] === 'text') last[1] = `${last[1] as string}${e[1] as string}`;
    else events.push(e);
  };
  const handler: XmlHandler = {
    open: (name, attrs, line) => push(['open', name, { ...attrs }, line]),
    close: (name) => push(['close', name]),
    text: (t) => { if (t !== '') push(['text', t]); },
    finish: () => undefined,
  };
  return { handler, events };
}

/** saxes' events as sax-driver.ts maps them, or its error. */
function saxesEvents(text: string): Event[] | Error {
  const { handler, events } = recorder();
  const saxes = saxesSink(handler);
  try {
    saxes.write(text);
    saxes.close();
    return events;
  } catch (e) {
    return e as Error;
  }
}

/** The scanner's events over `text` cut into chunks at `cuts`, or NotScanned. */
function scannerEvents(text: string, cuts: number[] = []): Event[] | NotScanned {
  const { handler, events } = recorder();
  const scanner = new XmlScanner(handler);
  try {
    let from = 0;
    for (const cut of [...cuts, text.length]) {
      scanner.write(text.slice(from, cut));
      from = cut;
    }
    scanner.write('');
    scanner.close();
    return events;
  } catch (e) {
    if (e instanceof NotScanned) return e;
    throw e;
  }
}

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomCuts(length: number, rand: () => number, count: number): number[] {
  return Array.from({ length: count }, () => Math.floor(rand() * length)).sort((a, b) => a - b);
}

const SAMPLE = [
  `<?xml version='1.0' encoding="UTF-8" standalone="no"?>\r\n<!-- a comment -->\n`,
  '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">\n',
  '  <key id="d0" for="node" attr.name="name" attr.type="string"><default>x &amp; y</default></key>\r\n',
  "  <key id='d1' for='edge' attr.name='w' attr.type='double'/>\n",
  '  <graph id="G" edgedefault="undirected">\n',
  '    <node id="n&#48;&#x31;&lt;&quot;&apos;"><data key="d0">A &gt; B\r\n\tand\rC</data></node>\n',
  '    <node\n      id="n2"\tdata-x = "a\tb\r\nc\nd"><data key="d0"><![CDATA[<raw> & ]] text]]></data><!--x-->\n',
  '      <y:ShapeNode><y:NodeLabel>Label\u00e9 \u{1F600}</y:NodeLabel></y:ShapeNode></node>\n',
  '    <edge source="n01&lt;&quot;&apos;" target="n2"><data key="d1">1.5</data></edge>\n',
  '    <edge source="n2" target="n2" directed="true"/>\n',
  '  </graph>\n</graphml>\n<!-- after -->\n',
].join('');

const { file: tempFile } = tempInputs('kgw-xml-scanner-');

function expectSameEvents(text: string, name: string, rand = random(7)): void {
  const expected = saxesEvents(text);
  expect(expected, name).toBeInstanceOf(Array);
  expect(scannerEvents(text), name).toStrictEqual(expected);
  for (let k = 0; k < 3; k++) {
    const cuts = randomCuts(text.length, rand, 1 + Math.floor(rand() * 40));
    expect(scannerEvents(text, cuts), `${name} cut at ${cuts.join(',')}`).toStrictEqual(expected);
  }
}

describe('XmlScanner gives saxes events', () => {
  const files = fs.readdirSync(DATASETS).filter((f) => f.startsWith('graphml_')).sort();
  for (const name of files) {
    it(name, () => {
      expectSameEvents(fs.readFileSync(path.join(DATASETS, name), 'utf8').replace(/^\ufeff/, ''), name);
    });
  }

  it('a generated networkx-style file', async () => {
    const file = tempFile('gen.graphml');
    await generateGraphmlCounts(file, 500, 2000);
    expectSameEvents(fs.readFileSync(file, 'utf8'), 'gen');
  });

  it('entities, character references, CDATA, comments, CR LF, tabs, attribute white space, prefixes', () => {
    expectSameEvents(SAMPLE, 'sample');
    // Every cut point, one at a time (the carry of an unfinished token at each place).
    for (let cut = 1; cut < SAMPLE.length; cut++) {
      expect(scannerEvents(SAMPLE, [cut]), `cut ${cut}`).toStrictEqual(saxesEvents(SAMPLE));
    }
  });

  it('names with an empty prefix or an empty local part (saxes reads them without namespaces)', () => {
    expectSameEvents('<:graphml><:node id="a"/><y:>t</y:><a:b:c x:="1"/></:graphml>', 'colons');
  });

  it('attribute names an object already has are plain own values', () => {
    expectSameEvents('<graphml constructor="1" toString="2" hasOwnProperty="3"><a valueOf="4"/></graphml>', 'object names');
  });

  it('leaves to saxes what it does not read (DOCTYPE, processing instructions, XML 1.1, non-ASCII names)', () => {
    const docs = [
      '<!DOCTYPE graphml>\n<graphml/>',
      '<?xml version="1.0"?><?xml-stylesheet href="a"?><graphml/>',
      '<?xml version="1.1"?><graphml/>',
      '<graphml><n\u00e9ud id="a"/></graphml>',
      '<graphml a="1" a="2"/>',
      '<graphml><a>&#00000065;</a></graphml>',
    ];
    for (const doc of docs) expect(scannerEvents(doc), doc).toBeInstanceOf(NotScanned);
  });
});

describe('XmlScanner never accepts what saxes refuses', () => {
  const broken = [
    '', '<graphml>', '<graphml></graph>', '<graphml><a></b></graphml>', '<graphml><a id="x&bogus;"/></graphml>',
    '<graphml>&#1;</graphml>', '<graphml>\u0001</graphml>', '<graphml>\uffff</graphml>', '<graphml>]]></graphml>',
    '<graphml/><graphml/>', 'text<graphml/>', '<graphml/>text', '<graphml a="<"/>', '<graphml a=b/>',
    '<graphml a="1"b="2"/>', '<graphml><!-- a -- b --></graphml>', '<graphml><!-- a ---></graphml>',
    '<![CDATA[x]]><graphml/>', '<graphml>& amp;</graphml>', '<graphml>&#xD800;</graphml>', ' <?xml version="1.0"?><graphml/>',
    '<graphml></graphml >x', '<graphml></ graphml>', '<graphml a="1" / >', '<1graphml/>', '<graphml><a/ ></graphml>',
  ];
  for (const doc of broken) {
    it(JSON.stringify(doc), () => {
      expect(saxesEvents(doc)).toBeInstanceOf(Error);
      expect(scannerEvents(doc)).toBeInstanceOf(NotScanned);
    });
  }

  it('random mutations of a document: the scanner gives up or gives saxes events', () => {
    const rand = random(42);
    const alphabet = ['<', '>', '/', '&', ';', '"', "'", '=', ' ', '\n', '\r', '\t', '!', '-', '[', ']', '?', 'a', ':', '#', 'x', '\u0000', '\u00e9'];
    let accepted = 0;
    let refused = 0;
    for (let k = 0; k < 3000; k++) {
      const chars = [...SAMPLE];
      for (let m = 1 + Math.floor(rand() * 3); m > 0; m--) {
        const at = Math.floor(rand() * chars.length);
        const op = rand();
        if (op < 0.4) chars.splice(at, 1);
        else if (op < 0.8) chars.splice(at, 0, alphabet[Math.floor(rand() * alphabet.length)]);
        else chars.splice(at, 0, ...chars.slice(at, at + Math.floor(rand() * 12)));
      }
      const doc = chars.join('');
      const expected = saxesEvents(doc);
      const got = scannerEvents(doc, randomCuts(doc.length, rand, Math.floor(rand() * 5)));
      if (got instanceof NotScanned) {
        refused++;
        continue;
      }
      accepted++;
      expect(got, JSON.stringify(doc)).toStrictEqual(expected);
    }
    // Both outcomes occur (the test is not vacuous either way).
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});

/** Events with text outside the root left out: saxes drops white space before the first markup, the scanner passes it on; handlers ignore both. */
function insideRoot(events: Event[] | Error): Event[] | Error {
  if (events instanceof Error) return events;
  let depth = 0;
  return events.filter((e) => {
    if (e[0] === 'open') depth++;
    else if (e[0] === 'close') depth--;
    return e[0] !== 'text' || depth > 0;
  });
}

describe('XmlScanner on generated documents', () => {
  // Documents built from the parts the scanner reads (declarations, prefixes, empty prefixes, quotes,
  // references, CDATA, comments, every line end and white space in tags and values), half of them
  // mutated. This found a local name kept with its ':' when the name started with one.
  it('gives saxes events or gives up, whatever the chunking', () => {
    const rand = random(2026);
    const pick = <T>(a: T[]): T => a[Math.floor(rand() * a.length)];
    const ws = () => pick(['', ' ', '\n', '\r\n', '\r', '\t', '  \n\t', '\r\r\n']);
    const ws1 = () => pick([' ', '\n', '\r\n', '\r', '\t', ' \r\n ']);
    const pieces = ['a', 'b c', '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#10;', '&#13;', '&#9;', '&#x20;', '&#x1F600;', '&#65;',
      '\t', '\n', '\r', '\r\n', '\u00e9', '\u{1F600}', '\u2028', '\u0085', '\x7f', '>', ']', ']]', '"', "'", '\u00a0', '&#xD;&#xA;', '\ufeff'];
    const textPiece = () => Array.from({ length: Math.floor(rand() * 5) }, () => pick(pieces)).join('');
    const names = ['graphml', 'graph', 'node', 'edge', 'data', 'key', 'default', 'y:ShapeNode', 'y:NodeLabel', ':node', 'ns:', 'x-y.z', '_u', 'a1'];
    const attrNames = ['id', 'key', 'for', 'source', 'target', 'attr.name', 'attr.type', 'directed', 'xmlns', 'xmlns:y', ':a', 'y:foo', 'constructor'];
    const element = (depth: number): string => {
      const name = pick(names);
      let s = `<${name}`;
      const used = new Set<string>();
      for (let k = Math.floor(rand() * 4); k > 0; k--) {
        const a = pick(attrNames);
        if (used.has(a)) continue;
        used.add(a);
        const q = pick(['"', "'"]);
        s += `${ws1()}${a}${pick(['', ' ', '\n'])}=${pick(['', ' ', '\r\n'])}${q}${textPiece().split(q).join(q === '"' ? '&quot;' : '&apos;')}${q}`;
      }
      s += ws();
      if (rand() < 0.3 || depth > 3) return `${s}/>`;
      s += '>';
      for (let k = Math.floor(rand() * 4); k > 0; k--) {
        const r = rand();
        if (r < 0.4) s += textPiece().replace(/]]>/g, '');
        else if (r < 0.55) s += `<![CDATA[${textPiece().replace(/]]>/g, '')}]]>`;
        else if (r < 0.65) s += `<!--${textPiece().replace(/-/g, '')}-->`;
        else s += element(depth + 1);
      }
      return `${s}</${name}${pick(['', ' ', '\n', '\r\n'])}>`;
    };
    const declaration = () => `<?xml${ws1()}version${pick(['=', ' = '])}${pick(['"1.0"', "'1.0'"])}` +
      `${rand() < 0.5 ? `${ws1()}encoding=${pick(['"UTF-8"', "'utf-8'", '"ISO-8859-1"'])}` : ''}${rand() < 0.3 ? ' standalone="yes"' : ''}${ws()}?>`;
    const mutations = ['<', '>', '/', '&', ';', '"', "'", '=', ' ', '\n', '\r', '\t', '!', '-', '[', ']', '?', 'a', ':', '#', 'x',
      '\u0000', '\u00e9', '\ufffe', '\u{1F600}', '<!--', '-->', ']]>', '<![CDATA[', '&#', '&amp', '\r\n'];
    let accepted = 0;
    let refused = 0;
    for (let k = 0; k < 4000; k++) {
      let doc = `${rand() < 0.7 ? declaration() : ''}${ws()}${rand() < 0.3 ? `<!-- c -->${ws()}` : ''}${element(0)}${ws()}`;
      if (rand() < 0.5) {
        const chars = [...doc];
        for (let m = 1 + Math.floor(rand() * 3); m > 0; m--) {
          const at = Math.floor(rand() * chars.length);
          const op = rand();
          if (op < 0.4) chars.splice(at, 1);
          else if (op < 0.85) chars.splice(at, 0, pick(mutations));
          else chars.splice(at, 0, ...chars.slice(at, at + Math.floor(rand() * 10)));
        }
        doc = chars.join('');
      }
      const got = scannerEvents(doc, randomCuts(doc.length, rand, Math.floor(rand() * 6)));
      if (got instanceof NotScanned) {
        refused++;
        continue;
      }
      accepted++;
      expect(insideRoot(got), JSON.stringify(doc)).toStrictEqual(insideRoot(saxesEvents(doc)));
    }
    expect(accepted).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(1000);
  });
});

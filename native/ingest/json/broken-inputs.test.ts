/**
 * A corpus of broken files written to a temp dir: each must fail with the right error code, the
 * file's display name and, where a position is known, its line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FormatHandler } from '../format';
import { gexfFormatHandler, graphmlFormatHandler } from '../xml/index';
import { parseError } from '../xml/test-helpers';
import { jsonlFormatHandler, nodeLinkJsonFormatHandler } from './index';
import { seededRandom } from '../xml/synthetic-kg';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-broken-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
}

function randomBytes(n: number): Buffer {
  const rand = seededRandom(7);
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(rand() * 256);
  return b;
}

interface Case {
  name: string;
  handler: FormatHandler;
  content: string | Buffer;
  code: string;
  line?: number;
  message?: RegExp;
}

const GRAPHML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n';

const CASES: Case[] = [
  {
    name: 'truncated.graphml', handler: graphmlFormatHandler, code: 'PARSE_ERROR', line: 5, message: /unclosed|end/i,
    content: `${GRAPHML_HEAD}<graph edgedefault="directed">\n<node id="a"/>\n<node id="b"><data key="x">cut`,
  },
  {
    name: 'mismatched.graphml', handler: graphmlFormatHandler, code: 'PARSE_ERROR', line: 4,
    content: `${GRAPHML_HEAD}<graph edgedefault="directed">\n<node id="a"></edge>\n</graph></graphml>`,
  },
  {
    name: 'no-id.graphml', handler: graphmlFormatHandler, code: 'PARSE_ERROR', line: 4, message: /no id/,
    content: `${GRAPHML_HEAD}<graph edgedefault="directed">\n<node name="a"/>\n</graph></graphml>`,
  },
  {
    name: 'svg.graphml', handler: graphmlFormatHandler, code: 'UNSUPPORTED_FORMAT', line: 2, message: /<svg>/,
    content: '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>',
  },
  {
    name: 'truncated.gexf', handler: gexfFormatHandler, code: 'PARSE_ERROR', line: 3,
    content: '<gexf version="1.3">\n<graph><nodes><node id="0" label="a"/>\n<node id="1" label="b">',
  },
  {
    name: 'latin2.graphml', handler: graphmlFormatHandler, code: 'ENCODING', line: 1,
    content: '<?xml version="1.0" encoding="ISO-8859-2"?><graphml/>',
  },
  {
    name: 'malformed.json', handler: nodeLinkJsonFormatHandler, code: 'PARSE_ERROR', line: 3,
    content: '{"nodes": [\n  {"id": "a"},\n  {"id": "b" "name": "x"}\n], "links": []}',
  },
  {
    name: 'truncated.json', handler: nodeLinkJsonFormatHandler, code: 'PARSE_ERROR', line: 2, message: /cut off/,
    content: '{"nodes": [\n  {"id": "a"}, {"id": "b"',
  },
  {
    name: 'trailing-comma.json', handler: nodeLinkJsonFormatHandler, code: 'PARSE_ERROR', line: 1, message: /missing/,
    content: '{"nodes": [{"id": "a"}, ], "links": []}',
  },
  {
    name: 'bad-structure.json', handler: nodeLinkJsonFormatHandler, code: 'PARSE_ERROR', line: 2, message: /expected/,
    content: '{"nodes": []\n "links": []}',
  },
  {
    name: 'no-graph.json', handler: nodeLinkJsonFormatHandler, code: 'UNSUPPORTED_FORMAT', message: /no "nodes"/,
    content: '{"type": "FeatureCollection", "features": [{"id": 1}]}',
  },
  {
    name: 'scalar.json', handler: nodeLinkJsonFormatHandler, code: 'UNSUPPORTED_FORMAT', line: 1,
    content: '"just a string"',
  },
  {
    name: 'bad-line.jsonl', handler: jsonlFormatHandler, code: 'PARSE_ERROR', line: 2,
    content: '{"id": "a"}\n{"id": "b",}\n{"id": "c"}\n',
  },
  { name: 'empty.graphml', handler: graphmlFormatHandler, code: 'EMPTY_FILE', content: '' },
  { name: 'blank.json', handler: nodeLinkJsonFormatHandler, code: 'EMPTY_FILE', content: '  \n\n ' },
  { name: 'empty.jsonl', handler: jsonlFormatHandler, code: 'EMPTY_FILE', content: '' },
  { name: 'garbage.graphml', handler: graphmlFormatHandler, code: 'UNSUPPORTED_FORMAT', line: 1, content: randomBytes(100_000) },
  { name: 'garbage.json', handler: nodeLinkJsonFormatHandler, code: 'UNSUPPORTED_FORMAT', line: 1, content: randomBytes(5000) },
  { name: 'garbage.jsonl', handler: jsonlFormatHandler, code: 'UNSUPPORTED_FORMAT', line: 1, content: randomBytes(5000) },
  {
    name: 'utf16le-bom.graphml', handler: graphmlFormatHandler, code: 'ENCODING', line: 1,
    content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${GRAPHML_HEAD}<graph/></graphml>`, 'utf16le')]),
  },
  {
    name: 'utf16le-nobom.json', handler: nodeLinkJsonFormatHandler, code: 'ENCODING', line: 1,
    content: Buffer.from('{"nodes": [{"id": "a"}], "links": []}', 'utf16le'),
  },
  {
    name: 'utf16be.jsonl', handler: jsonlFormatHandler, code: 'ENCODING', line: 1,
    content: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('{"id": "a"}\n', 'utf16le').swap16()]),
  },
  {
    name: 'latin1-bytes.json', handler: nodeLinkJsonFormatHandler, code: 'ENCODING', line: 2,
    content: Buffer.concat([Buffer.from('{"nodes": [\n{"id": "caf'), Buffer.from([0xe9]), Buffer.from('"}], "links": []}')]),
  },
];

describe('broken inputs', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const err = await parseError(c.handler, write(c.name, c.content));
    expect(err.code).toBe(c.code);
    expect(err.details?.file).toBe(c.name);
    if (c.line !== undefined) expect(err.details?.line).toBe(c.line);
    if (c.message) expect(err.message).toMatch(c.message);
    expect(err.message.length).toBeGreaterThan(10);
  });

  it('sniffing gives binary garbage and UTF-16 no confident handler', async () => {
    const { jsonFormatHandlers } = await import('./index');
    const { xmlFormatHandlers } = await import('../xml/index');
    for (const content of [randomBytes(65536)]) {
      for (const h of [...xmlFormatHandlers, ...jsonFormatHandlers]) expect(h.sniff(content, 'x.bin')).toBe(0);
    }
  });
});

/**
 * Generic CSV/TSV behaviour on small files written by the test: delimiters, headers, column
 * guesses and overrides, number inference, BOM and line ends; and how the handlers' sniff
 * scores rank each other.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genericCsvHandler } from './index';
import { caught, parseFile, pickHandler } from './test-support';

let dir: string;
const write = (name: string, content: string | Buffer): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-generic-csv-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('generic CSV: delimiters and headers', () => {
  it.each([
    ['comma.csv', 'id,name\n1,a\n2,"b, c"\n'],
    ['tab.tsv', 'id\tname\n1\ta\n2\t"b, c"\n'],
    ['semicolon.csv', 'id;name\n1;a\n2;"b, c"\n'],
    ['pipe.txt', 'id|name\n1|a\n2|"b, c"\n'],
  ])('detects the delimiter of %s', async (name, content) => {
    const p = write(name, content);
    const parsed = await parseFile(p);
    expect(parsed.format).toBe('csv');
    // No type column: the file's own label is the type.
    const label = name.replace(/\.[^.]*$/, '');
    expect(parsed.nodes).toEqual([
      { id: '1', name: 'a', type: label, props: {}, line: 2 },
      { id: '2', name: 'b, c', type: label, props: {}, line: 3 },
    ]);
  });

  it('strips a UTF-8 BOM and reads CRLF, LF and CR line ends', async () => {
    const p = write('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id,label,category\r\nx,Ex,T\ny,Why,U\rz,Zed,V')]));
    const { nodes } = await parseFile(p);
    expect(nodes.map((n) => [n.id, n.name, n.type, n.line])).toEqual([['x', 'Ex', 'T', 2], ['y', 'Why', 'U', 3], ['z', 'Zed', 'V', 4]]);
  });

  it('reads a headerless table as an edge list: source, target, then props', async () => {
    const p = write('noheader.csv', 'a,b,1.5\nb,c,2\n');
    const { edges, role } = await parseFile(p);
    expect(role).toBe('edges');
    expect(edges).toEqual([
      { source: 'a', target: 'b', props: { column3: 1.5 }, line: 1 },
      { source: 'b', target: 'c', props: { column3: 2 }, line: 2 },
    ]);
  });
});

describe('generic CSV: column roles', () => {
  it.each([
    ['source,target,relation,weight', { source: 'x', target: 'y', type: 'r', props: { weight: 0.5 } }],
    ['from,to,type,weight', { source: 'x', target: 'y', type: 'r', props: { weight: 0.5 } }],
    ['head,tail,label,weight', { source: 'x', target: 'y', type: 'r', props: { weight: 0.5 } }],
    ['src,dst,predicate,weight', { source: 'x', target: 'y', type: 'r', props: { weight: 0.5 } }],
    ['start,end,rel,weight', { source: 'x', target: 'y', type: 'r', props: { weight: 0.5 } }],
    ['Source_ID,Target-ID,Relation,weight', { source: 'x', target: 'y', type: 'r', props: { weight: 0.5 } }],
  ])('guesses edge columns from "%s"', async (header, expected) => {
    const p = write('edges.csv', `${header}\nx,y,r,0.5\n`);
    const { edges, role } = await parseFile(p);
    expect(role).toBe('edges');
    expect(edges).toEqual([{ ...expected, line: 2 }]);
  });

  it('keeps ids as text but turns plain numbers in props into numbers', async () => {
    const p = write('nodes.csv', 'id,name,type,zip,score,big,code\n007,Bond,agent,02134,-1.5e3,12345678901234567890,1e5\n');
    const { nodes } = await parseFile(p);
    expect(nodes[0]).toEqual({ id: '007', name: 'Bond', type: 'agent', line: 2, props: { zip: '02134', score: -1500, big: '12345678901234567890', code: 100000 } });
  });

  it('uses the first column as id when no column is called id', async () => {
    const p = write('people.csv', 'person,age\nann,31\n');
    expect((await parseFile(p)).nodes[0]).toEqual({ id: 'ann', type: 'people', props: { age: 31 }, line: 2 });
  });

  it('types nodes without a type column by the file label, _nodes suffix dropped', async () => {
    expect((await parseFile(write('airports_nodes.csv', 'id,name\nLAX,Los Angeles\n'))).nodes[0].type).toBe('airports');
    expect((await parseFile(write('typed.csv', 'id,name,type\nLAX,Los Angeles,airport\n'))).nodes[0].type).toBe('airport');
  });

  it('a file the user maps as nodes stays a node list despite from/to columns', async () => {
    const p = write('trips.csv', 'id,from,to\nt1,LAX,JFK\n');
    expect((await parseFile(p)).edges).toHaveLength(1);
    const asNodes = await parseFile(p, { columns: { 'trips.csv': { kind: 'nodes', id: 'id' } } });
    expect(asNodes.edges).toHaveLength(0);
    expect(asNodes.nodes[0]).toMatchObject({ id: 't1', props: { from: 'LAX', to: 'JFK' } });
  });

  it('takes column roles from options.columns[fileName], by name or 1-based position', async () => {
    const p = write('routes.csv', 'a,b,c\nLAX,JFK,9\n');
    const byName = await parseFile(p, { columns: { 'routes.csv': { source: 'b', target: 'a', relation: 'c' } } });
    expect(byName.edges[0]).toEqual({ source: 'JFK', target: 'LAX', type: '9', props: {}, line: 2 });
    const byPos = await parseFile(p, { columns: { 'routes.csv': { id: '2' } } });
    expect(byPos.nodes[0]).toMatchObject({ id: 'JFK', props: { a: 'LAX', c: 9 } });
  });

  it('refuses a mapping to a column that is not there, listing the header', async () => {
    const p = write('cols.csv', 'a,b\n1,2\n');
    const e = await caught(() => parseFile(p, { columns: { 'cols.csv': { source: 'origin', target: 'b' } } }, genericCsvHandler));
    expect(e).toMatchObject({ code: 'BAD_REQUEST', details: { value: 'origin', expected: 'one of: a, b' } });
  });

  it('sets options.defaultEdgeType on edges without a type column', async () => {
    const p = write('untyped.csv', 'source,target\na,b\n');
    expect((await parseFile(p, { defaultEdgeType: 'LINKS' })).edges[0].type).toBe('LINKS');
    expect((await parseFile(p)).edges[0].type).toBeUndefined();
  });

  it('counts duplicate node ids once as a warning', async () => {
    const p = write('dups.csv', 'id,name\na,1\nb,2\na,3\na,4\n');
    const { nodes, warnings } = await parseFile(p);
    expect(nodes).toHaveLength(4);
    expect(warnings).toEqual([{ code: 'DUPLICATE_NODE_ID', message: expect.stringMatching(/^2 rows repeat a node id/), count: 2, file: 'dups.csv', line: 4, value: 'a' }]);
  });
});

describe('sniffing ranks the handlers', () => {
  it.each([
    ['neo.csv', 'id:ID,name,:LABEL\n1,a,X\n', 'neo4j-csv'],
    ['triple_nodes_x.csv', 'name:ID,type,concepts,synsets,:LABEL\na,entity,[],[],Node\n', 'autoschemakg-csv'],
    ['kg.txt', 'e1\tborn_in\te2\ne2\tpart_of\te3\n', 'triples'],
    ['ids.txt', '00001\t00002\t00003\n00004\t00005\t00006\n', 'triples'],
    ['weighted.tsv', 'a\tb\t0.5\nb\tc\t1.5\n', 'csv'],
    ['labels.txt', 'Q1\tUniverse of things\nQ2\tEarth planet\n', 'names'],
    ['pairs.txt', 'Q1\tQ2\nQ2\tQ3\n', 'csv'],
    ['plain.csv', 'id,name\n1,a\n', 'csv'],
  ])('%s -> %s', (name, content, format) => {
    expect(pickHandler(write(name, content)).format).toBe(format);
  });
});

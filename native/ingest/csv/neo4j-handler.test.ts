/**
 * Neo4j admin-import features the shared datasets do not exercise, on files written here;
 * and the benchmark generator (deterministic, and its edges resolve).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAutoSchemaKgCsv } from './generate-csv';
import { autoSchemaKgCsvHandler, neo4jCsvHandler } from './index';
import { parseFile } from './test-support';

let dir: string;
const write = (name: string, content: string): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-neo4j-csv-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('neo4j-csv typed columns', () => {
  it('casts every scalar and array type, skips :IGNORE and empty cells', async () => {
    const p = write('people.csv', [
      'id:ID(Person),name,age:int,big:long,score:double,ratio:float,ok:boolean,tags:string[],nums:int[],secret:IGNORE,born:date,:LABEL,:LABEL',
      'p1,Ann,31,9007199254740993,0.5,1e-2,true,a;b,1;2,hidden,1990-01-02,Person;Author,Admin',
      'p2,"Bo, Jr.",,,,,FALSE,,,x,,Person,',
    ].join('\n'));
    const { nodes, format, role } = await parseFile(p);
    expect([format, role]).toEqual(['neo4j-csv', 'nodes']);
    expect(nodes[0]).toEqual({
      id: 'Person:p1', name: 'Ann', type: 'Person', labels: ['Person', 'Author', 'Admin'], line: 2,
      props: { id: 'p1', age: 31, big: '9007199254740993', score: 0.5, ratio: 0.01, ok: true, tags: ['a', 'b'], nums: [1, 2], born: '1990-01-02' },
    });
    expect(nodes[1]).toEqual({ id: 'Person:p2', name: 'Bo, Jr.', type: 'Person', labels: ['Person'], line: 3, props: { id: 'p2', ok: false } });
  });

  it('reads semicolon-delimited admin-import files and embedding columns outside AutoSchemaKG', async () => {
    const p = write('rels.csv', ':START_ID;:END_ID;:TYPE;since:int;embedding\na;b;KNOWS;2001;[0.5, -1]\n');
    const { edges } = await parseFile(p, {}, neo4jCsvHandler);
    expect(edges).toHaveLength(1);
    expect(edges[0]).toMatchObject({ source: 'a', target: 'b', type: 'KNOWS', props: { since: 2001 }, line: 2 });
    expect(Array.from(edges[0].vector!)).toEqual([0.5, -1]);
  });

  it('keeps list-looking text as text in plain neo4j-csv, parses it in autoschemakg-csv', async () => {
    const p = write('lists.csv', "name:ID,concepts\nx,\"['a', 'b']\"\n");
    expect((await parseFile(p, {}, neo4jCsvHandler)).nodes[0].props.concepts).toBe("['a', 'b']");
    expect((await parseFile(p, {}, autoSchemaKgCsvHandler)).nodes[0].props.concepts).toEqual(['a', 'b']);
  });

  it('a label named like an object key ("constructor") is the type, as any other label', async () => {
    const p = write('odd_labels.csv', 'name:ID,:LABEL\na,constructor\nb,Text\n');
    const { nodes } = await parseFile(p, {}, autoSchemaKgCsvHandler);
    expect(nodes.map((n) => n.type)).toEqual(['constructor', 'passage']);
  });
});

describe('generate-csv (benchmark data)', () => {
  it('is deterministic and every generated edge resolves to a generated node', async () => {
    const a = await generateAutoSchemaKgCsv(path.join(dir, 'a'), 3000, 2000);
    const b = await generateAutoSchemaKgCsv(path.join(dir, 'b'), 3000, 2000);
    expect(fs.readFileSync(a.nodesFile).equals(fs.readFileSync(b.nodesFile))).toBe(true);
    expect(fs.readFileSync(a.edgesFile).equals(fs.readFileSync(b.edgesFile))).toBe(true);
    const nodes = await parseFile(a.nodesFile);
    const edges = await parseFile(a.edgesFile);
    expect([nodes.format, edges.format]).toEqual(['autoschemakg-csv', 'autoschemakg-csv']);
    expect(nodes.nodes).toHaveLength(3000);
    expect(edges.edges).toHaveLength(2000);
    const ids = new Set(nodes.nodes.map((n) => n.id));
    expect(ids.size).toBe(3000);
    expect(edges.edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
    expect(nodes.nodes.some((n) => n.type === 'event' && n.id.includes(',') && n.id.includes('"'))).toBe(true);
  });
});

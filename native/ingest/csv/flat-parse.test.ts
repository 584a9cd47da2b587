/**
 * parseFlat (columns written while parsing, what the parser thread posts to the SQLite writer)
 * must give exactly what the record path gives once flattened (flattenBatch): batch for batch,
 * on every Neo4j/AutoSchemaKG CSV of shared/datasets, generated AutoSchemaKG files, headers that
 * make props JSON order tricky, and broken inputs (same error, file, line, column).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectSameError, expectSameFlat as expectSame, tempInputs, type FlatHandler } from '../flat-parse.test-util';
import { generateAutoSchemaKgCsv } from './generate-csv';
import { autoSchemaKgCsvHandler, neo4jCsvHandler } from './index';
import { DATASETS } from './test-support';

type Handler = FlatHandler;
const HANDLERS = [autoSchemaKgCsvHandler, neo4jCsvHandler] as Handler[];

const { file: tempFile, write } = tempInputs('kgw-flat-parse-');

describe('parseFlat equals flattened records', () => {
  const csvs = fs.readdirSync(DATASETS).filter((f) => /^csv_(autoschemakg|neo4j)_.*\.csv$/.test(f)).sort();

  it('finds the Neo4j-header CSVs of shared/datasets', () => {
    expect(csvs.length).toBeGreaterThanOrEqual(19);
  });

  for (const name of csvs) {
    it(`${name}, both handlers`, async () => {
      for (const h of HANDLERS) await expectSame(h, path.join(DATASETS, name));
    });
  }

  it('generated AutoSchemaKG files (many batches, lists, quoted ids, duplicates)', async () => {
    const { nodesFile, edgesFile } = await generateAutoSchemaKgCsv(tempFile('gen'), 20_000, 20_000);
    const nodes = await expectSame(autoSchemaKgCsvHandler as Handler, nodesFile);
    expect(nodes.length).toBeGreaterThan(5);
    await expectSame(autoSchemaKgCsvHandler as Handler, edgesFile);
    // Repeated rows: the duplicate warnings come out the same too.
    const text = fs.readFileSync(edgesFile, 'utf8');
    const dup = write('triple_edges_dup.csv', text + text.split('\r\n').slice(1, 50).join('\r\n') + '\r\n');
    const batches = await expectSame(autoSchemaKgCsvHandler as Handler, dup);
    expect(batches.flatMap((b) => b.warnings ?? []).find((w) => w.code === 'DUPLICATE_EDGE')?.count).toBeGreaterThanOrEqual(49);
  });

  it('list cells: escapes, quotes, nesting, numbers, words, non-lists', async () => {
    const cells = [
      '[]', "['a', 'b']", `["it's", 'say \\"hi\\"']`, "['tab\\there', '\\x41\\u00e9', '\\ud83d']", '[1, -2.5, 3e2, 1e999, .5, +7, 1.]',
      '[True, False, None, null, [1, [2, []]],]', '[ ]', '[a, b]', "['open]", '[1 2]', '[,]', ' [1] ', "['</script>', '\\u2028']",
      '12', '007', '-0', '1e5', '9007199254740993', 'text', '-', '1.50',
    ];
    const rows = cells.map((c, i) => `n${i},"${c.replace(/"/g, '""')}",entity,Node`);
    const p = write('triple_nodes_lists.csv', `name:ID,concepts,type,:LABEL\n${rows.join('\n')}\n`);
    const [batch] = await expectSame(autoSchemaKgCsvHandler as Handler, p);
    expect(JSON.parse(batch.flat!.nodes.props[1]!)).toEqual({ concepts: ['a', 'b'] });
  });

  it('headers whose props order is special: index-like and repeated names, __proto__, ID group name, neo4j_type', async () => {
    const files = [
      write('idx.csv', 'id:ID(G),b,2,a,1,:LABEL\nx,B,two,A,one,L;M\ny,,2,,,\n'),
      write('dup-names.csv', 'id:ID,a,b,a,:LABEL\nx,1,2,3,L\ny,1,,,L\n'),
      write('proto.csv', 'id:ID,__proto__,c\nx,{},1\ny,,2\n'),
      write('group-name.csv', 'pid:ID(P),pid,title\n1,first,T\n2,,\n'),
      write('group.csv', 'pid:ID(P),title,year:int,tags:string[],ok:boolean,score:float\n1,T,1999,a;b,true,0.5\n2,,,,,\n'),
      write('edges-type.csv', ':START_ID(P),:END_ID(P),relation,neo4j_type,:TYPE\n1,2,knows,x,KNOWS\n1,2,,y,KNOWS\n2,1,rel,,\n1,1,,,\n'),
      write('edges-plain.csv', ':START_ID,role,:END_ID,:TYPE,w:double\na,"lead, ""x""",b,ACTED_IN,1.5\na,,b,,\n'),
      write('text_nodes_x.csv', 'text_id:ID,original_text,:LABEL\nh1,"# Title\n> quote",Text\nh2,"  ",Passage\nh3,plain,\n'),
      write('labels.csv', 'id:ID,:LABEL,name\na,Concept;Extra,\nb,,Bee\nc,constructor,\n'),
    ];
    for (const f of files) for (const h of HANDLERS) await expectSame(h, f, { defaultEdgeType: 'LINK' });
  });

  it('broken inputs fail the same way on both paths', async () => {
    const files = [
      write('bad-int.csv', 'movieId:ID,title,year:int\n1,"A",1999\n2,"B",abc\n'),
      write('bad-bool.csv', ':START_ID,:END_ID,:TYPE,flag:boolean\n1,2,R,maybe\n'),
      write('empty-id.csv', ':START_ID,:END_ID,:TYPE\na,b,R\n,c,R\n'),
      write('empty-end.csv', ':START_ID,:END_ID,:TYPE\na,,R\n'),
      write('empty-node.csv', 'id:ID,name\na,A\n,B\n'),
      write('long-row.csv', 'id:ID,name\n1,a\n2,b,extra\n'),
      write('bad-emb.csv', 'id:ID,embedding:STRING\na,"[0.1, x]"\n'),
      write('bad-emb-edge.csv', ':START_ID,:END_ID,embedding:STRING\na,b,"[0.1, x]"\n'),
      write('unclosed.csv', 'id:ID,name\n1,ok\n2,"never closed\n'),
    ];
    for (const f of files) {
      for (const h of HANDLERS) {
        expect((await expectSameError(h, f)).code).toBe('PARSE_ERROR');
      }
    }
  });
});

/**
 * Every shared dataset imported into a real SQLite workspace through the same importer the
 * workers use. Expected counts are the ones SOURCES.md computed with stdlib parsers from the
 * exact bytes (independent of our code), or counted in this test from the raw file.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from './sqlite-store';
import { runImport, sourceFromPath } from '../../ingest/run-import';

const datasets = path.resolve(__dirname, '../../../../shared/datasets');
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-datasets-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

let n = 0;
async function importInto(files: string[], options = {}) {
  const store = new SqliteStore(path.join(tmpRoot, `ws${n++}`));
  const result = await runImport({ store, sources: files.map((f) => sourceFromPath(path.join(datasets, f))), options });
  const stats = await store.stats();
  return { store, result, stats };
}

const cases: Array<{ files: string[]; nodes: number; edges: number }> = [
  { files: ['graphml_gephi_miserables.graphml'], nodes: 77, edges: 254 },
  { files: ['graphml_networkx_autoschemakg_dulce.graphml'], nodes: 1183, edges: 2470 },
  { files: ['graphml_tinkerpop_grateful-dead.xml'], nodes: 808, edges: 8049 },
  { files: ['graphml_igraph_kegg_hsa05010.graphml'], nodes: 26, edges: 10 },
  { files: ['graphml_airlines.graphml'], nodes: 235, edges: 2101 },
  { files: ['graphml_networkx_nanographrag_dickens.graphml'], nodes: 374, edges: 186 },
  { files: ['graphml_yed_pandora_architecture.graphml'], nodes: 21, edges: 20 },
  { files: ['gexf_gephi_les_miserables.gexf'], nodes: 77, edges: 254 },
  { files: ['gexf_gephi_java.gexf'], nodes: 1538, edges: 8032 },
  { files: ['json_d3_vega_miserables.json'], nodes: 77, edges: 254 },
  { files: ['json_cytoscape-desktop_tokyo-railways.cyjs'], nodes: 943, edges: 860 },
  { files: ['json_cytoscapejs_elements_colajs.json'], nodes: 21, edges: 593 },
  { files: ['csv_vega_flights-airport_edges.csv', 'csv_vega_airports_nodes.csv'], nodes: 3376, edges: 5366 },
  { files: ['csv_neo4j_roles.csv', 'csv_neo4j_movies.csv', 'csv_neo4j_actors.csv'], nodes: 6, edges: 9 },
  { files: ['csv_neo4j_idgroup_movies.csv', 'csv_neo4j_idgroup_actors.csv', 'csv_neo4j_idgroup_roles.csv'], nodes: 6, edges: 9 },
  {
    files: [
      'csv_autoschemakg_dulce_concept_edges.csv', 'csv_autoschemakg_dulce_text_edges.csv', 'csv_autoschemakg_dulce_triple_edges.csv',
      'csv_autoschemakg_dulce_concept_nodes.csv', 'csv_autoschemakg_dulce_text_nodes.csv', 'csv_autoschemakg_dulce_triple_nodes.csv',
    ],
    nodes: 349 + 8 + 717,
    edges: 420 + 349 + 1521,
  },
  {
    files: ['csv_autoschemakg_dulce_triple_edges_numeric_id.csv', 'csv_autoschemakg_dulce_triple_nodes_numeric_id.csv', 'csv_autoschemakg_dulce_text_nodes_numeric_id.csv'],
    nodes: 349 + 8,
    edges: 420,
  },
  {
    files: [
      'csv_autoschemakg_dulce1chunk_text_edges.csv', 'csv_autoschemakg_dulce1chunk_triple_edges_with_concept_with_emb.csv',
      'csv_autoschemakg_dulce1chunk_text_nodes_with_emb.csv', 'csv_autoschemakg_dulce1chunk_triple_nodes_with_emb.csv',
    ],
    nodes: 42,
    edges: 84,
  },
  { files: ['triples_fb15k237_test.txt', 'triples_fb15k237_mid2name.txt'], nodes: 10348, edges: 20466 },
];

describe('every shared dataset imports into SQLite with the counts of SOURCES.md', () => {
  for (const c of cases) {
    it(c.files.length === 1 ? c.files[0] : `${c.files[0]} + ${c.files.length - 1} more`, async () => {
      const { store, stats } = await importInto(c.files);
      expect({ nodes: stats.nodes, edges: stats.edges }).toEqual({ nodes: c.nodes, edges: c.edges });
      await store.close();
    });
  }

  it('WN18RR train (86,835 triples) with its entity text file: names resolve, leading zeros kept', async () => {
    const { store, stats } = await importInto(['triples_wn18rr_entity2text.txt', 'triples_wn18rr_train.txt']);
    expect(stats).toMatchObject({ nodes: 40559, edges: 86835 });
    const anyTriple = fs.readFileSync(path.join(datasets, 'triples_wn18rr_train.txt'), 'utf8').split('\n')[0].split('\t');
    const head = await store.node(anyTriple[0]);
    expect(head?.node.id).toMatch(/^0\d{7}$/);
    expect(head?.node.name).not.toBe(head?.node.id);
    await store.close();
  });

  it('keeps properties, types, passages and provenance', async () => {
    const { store } = await importInto(['csv_neo4j_movies.csv', 'csv_neo4j_actors.csv', 'csv_neo4j_roles.csv']);
    const matrix = (await store.searchName('matrix', 10)).map((r) => r.name);
    expect(matrix).toContain('The Matrix');
    const all = await store.overview(10);
    const movie = all.nodes.find((x) => x.name === 'The Matrix Reloaded')!;
    expect(movie.props.year).toBe(2003);
    expect(movie.labels).toEqual(['Movie', 'Sequel']);
    expect(movie.provenance).toMatchObject({ file: 'csv_neo4j_movies.csv', line: 3 });
    await store.close();

    const dulce = await importInto(['csv_autoschemakg_dulce_text_nodes.csv', 'csv_autoschemakg_dulce_triple_nodes.csv', 'csv_autoschemakg_dulce_text_edges.csv']);
    const [hit] = await dulce.store.searchName('Alex Mercer', 1);
    const detail = await dulce.store.node(hit.id);
    expect(detail!.passages.length).toBeGreaterThan(0);
    expect(detail!.passages[0].text.length).toBeGreaterThan(500);
    await dulce.store.close();
  });

  it('keeps the 384-d vectors that came with AutoSchemaKG *_with_emb files', async () => {
    const { store } = await importInto(['csv_autoschemakg_dulce1chunk_triple_nodes_with_emb.csv', 'csv_autoschemakg_dulce1chunk_text_nodes_with_emb.csv']);
    const rows = store.db.prepare("SELECT dim, length(vec) AS bytes FROM vectors WHERE source = 'data'").all() as Array<{ dim: number; bytes: number }>;
    expect(rows).toHaveLength(42);
    expect(rows.every((r) => r.dim === 384 && r.bytes === 384 * 4)).toBe(true);
    await store.close();
  });
});

describe('import semantics', () => {
  it('re-importing the same file does not duplicate the graph', async () => {
    const store = new SqliteStore(path.join(tmpRoot, 'reimport'));
    const files = [sourceFromPath(path.join(datasets, 'graphml_tinkerpop_grateful-dead.xml'))];
    const first = await runImport({ store, sources: files });
    const second = await runImport({ store, sources: files });
    expect(first.nodesAdded).toBe(808);
    expect(second).toMatchObject({ nodesAdded: 0, edgesAdded: 0 });
    expect(await store.stats()).toMatchObject({ nodes: 808, edges: 8049 });
    // degrees are not double counted either
    const top = (await store.overview(1)).nodes[0];
    const real = store.db.prepare('SELECT count(*) AS c FROM edges WHERE src = ? OR dst = ?').get(top.rid, top.rid) as { c: number };
    expect(top.degree).toBe(real.c);
    await store.close();
  });

  it('a bad file among good ones leaves the workspace exactly as it was', async () => {
    const dir = path.join(tmpRoot, 'atomic');
    const store = new SqliteStore(dir);
    await runImport({ store, sources: [sourceFromPath(path.join(datasets, 'csv_neo4j_movies.csv'))] });
    const bad = path.join(tmpRoot, 'bad_edges.csv');
    fs.writeFileSync(bad, ':START_ID,:END_ID,weight:int,:TYPE\nkeanu,tt0133093,1,ACTED_IN\nkeanu,tt0234215,abc,ACTED_IN\n');
    const before = await store.stats();
    const err = await runImport({
      store,
      sources: [sourceFromPath(path.join(datasets, 'csv_neo4j_actors.csv')), sourceFromPath(bad)],
    }).catch((e) => e);
    expect(err).toMatchObject({ code: 'PARSE_ERROR', details: { file: 'bad_edges.csv', line: 3 } });
    expect(await store.stats()).toEqual(before);
    expect(store.db.prepare('SELECT count(*) AS c FROM imports').get()).toEqual({ c: 1 });
    await store.close();
  });

  it('edges to unknown nodes are skipped and counted, or get placeholders when asked', async () => {
    const roles = sourceFromPath(path.join(datasets, 'csv_neo4j_roles.csv'));
    const skip = await runImport({ store: new SqliteStore(path.join(tmpRoot, 'skip')), sources: [roles] });
    expect(skip.edgesAdded).toBe(0);
    expect(skip.warnings.find((w) => w.code === 'MISSING_ENDPOINT')?.count).toBe(9);
    const ph = await runImport({ store: new SqliteStore(path.join(tmpRoot, 'ph')), sources: [roles], options: { missingEndpoints: 'placeholder' } });
    expect(ph.edgesAdded).toBe(9);
    expect(ph.warnings.find((w) => w.code === 'PLACEHOLDER_NODE')?.count).toBe(6);
  });

  it('refuses an empty file and a UTF-16 file with clear codes', async () => {
    const store = new SqliteStore(path.join(tmpRoot, 'enc'));
    const empty = path.join(tmpRoot, 'empty.csv');
    fs.writeFileSync(empty, '');
    await expect(runImport({ store, sources: [sourceFromPath(empty)] })).rejects.toMatchObject({ code: 'EMPTY_FILE', details: { file: 'empty.csv' } });
    const u16 = path.join(tmpRoot, 'u16.csv');
    fs.writeFileSync(u16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,name\n1,a\n', 'utf16le')]));
    await expect(runImport({ store, sources: [sourceFromPath(u16)] })).rejects.toMatchObject({ code: 'ENCODING' });
    await store.close();
  });
});

/**
 * Every CSV/TSV/triples file of shared/datasets: the handler the importer would pick, its role,
 * and record counts. Counts are the exact figures of SOURCES.md (computed there with Python's
 * csv module); for the triples and names files they are also re-derived below by a plain
 * line split. Edges of each multi-file set must resolve to the set's node ids.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { csvFormatHandlers } from './index';
import { DATASETS, dataset, parseFile, type Parsed } from './test-support';

interface Expected { format: string; role: string; nodes: number; edges: number; annotations?: number }

const EXPECTED: Record<string, Expected> = {
  'csv_autoschemakg_dulce1chunk_text_edges.csv': { format: 'autoschemakg-csv', role: 'edges', nodes: 0, edges: 41 },
  'csv_autoschemakg_dulce1chunk_text_nodes_with_emb.csv': { format: 'autoschemakg-csv', role: 'nodes', nodes: 1, edges: 0 },
  'csv_autoschemakg_dulce1chunk_triple_edges_with_concept_with_emb.csv': { format: 'autoschemakg-csv', role: 'edges', nodes: 0, edges: 43 },
  'csv_autoschemakg_dulce1chunk_triple_nodes_with_emb.csv': { format: 'autoschemakg-csv', role: 'nodes', nodes: 41, edges: 0 },
  'csv_autoschemakg_dulce_concept_edges.csv': { format: 'autoschemakg-csv', role: 'edges', nodes: 0, edges: 1521 },
  'csv_autoschemakg_dulce_concept_nodes.csv': { format: 'autoschemakg-csv', role: 'nodes', nodes: 717, edges: 0 },
  'csv_autoschemakg_dulce_text_edges.csv': { format: 'autoschemakg-csv', role: 'edges', nodes: 0, edges: 349 },
  'csv_autoschemakg_dulce_text_nodes.csv': { format: 'autoschemakg-csv', role: 'nodes', nodes: 8, edges: 0 },
  'csv_autoschemakg_dulce_text_nodes_numeric_id.csv': { format: 'autoschemakg-csv', role: 'nodes', nodes: 8, edges: 0 },
  'csv_autoschemakg_dulce_triple_edges.csv': { format: 'autoschemakg-csv', role: 'edges', nodes: 0, edges: 420 },
  'csv_autoschemakg_dulce_triple_edges_numeric_id.csv': { format: 'autoschemakg-csv', role: 'edges', nodes: 0, edges: 420 },
  'csv_autoschemakg_dulce_triple_nodes.csv': { format: 'autoschemakg-csv', role: 'nodes', nodes: 349, edges: 0 },
  'csv_autoschemakg_dulce_triple_nodes_numeric_id.csv': { format: 'autoschemakg-csv', role: 'nodes', nodes: 349, edges: 0 },
  'csv_neo4j_actors.csv': { format: 'neo4j-csv', role: 'nodes', nodes: 3, edges: 0 },
  'csv_neo4j_idgroup_actors.csv': { format: 'neo4j-csv', role: 'nodes', nodes: 3, edges: 0 },
  'csv_neo4j_idgroup_movies.csv': { format: 'neo4j-csv', role: 'nodes', nodes: 3, edges: 0 },
  'csv_neo4j_idgroup_roles.csv': { format: 'neo4j-csv', role: 'edges', nodes: 0, edges: 9 },
  'csv_neo4j_movies.csv': { format: 'neo4j-csv', role: 'nodes', nodes: 3, edges: 0 },
  'csv_neo4j_roles.csv': { format: 'neo4j-csv', role: 'edges', nodes: 0, edges: 9 },
  'csv_vega_airports_nodes.csv': { format: 'csv', role: 'nodes', nodes: 3376, edges: 0 },
  'csv_vega_flights-airport_edges.csv': { format: 'csv', role: 'edges', nodes: 0, edges: 5366 },
  'triples_fb15k237_test.txt': { format: 'triples', role: 'graph', nodes: 10348, edges: 20466 },
  'triples_fb15k237_mid2name.txt': { format: 'names', role: 'names', nodes: 0, edges: 0, annotations: 14951 },
  'triples_wn18rr_train.txt': { format: 'triples', role: 'graph', nodes: 40559, edges: 86835 },
  'triples_wn18rr_entity2text.txt': { format: 'names', role: 'names', nodes: 0, edges: 0, annotations: 40943 },
};

const parsed = new Map<string, Promise<Parsed>>();
function load(name: string): Promise<Parsed> {
  if (!parsed.has(name)) parsed.set(name, parseFile(dataset(name)));
  return parsed.get(name)!;
}

/** Independent reading of a headerless TSV: non-empty lines split on tabs. */
function tsvLines(name: string): string[][] {
  return fs.readFileSync(dataset(name), 'utf8').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l !== '').map((l) => l.split('\t'));
}

describe('shared datasets: CSV family', () => {
  it('covers every csv_/triples_ file of the datasets folder', () => {
    const files = fs.readdirSync(DATASETS).filter((f) => /^(csv|triples)_/.test(f)).sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, exp] of Object.entries(EXPECTED)) {
    it(`${name}: ${exp.format}, ${exp.role}, ${exp.nodes} nodes / ${exp.edges} edges`, async () => {
      const p = await load(name);
      expect(p.format).toBe(exp.format);
      expect(p.role).toBe(exp.role);
      expect(p.nodes.length).toBe(exp.nodes);
      expect(p.edges.length).toBe(exp.edges);
      expect(p.annotations.length).toBe(exp.annotations ?? 0);
      // Every record says where it starts; bytesRead ends at the file size.
      for (const r of [...p.nodes, ...p.edges]) expect(r.line).toBeGreaterThan(0);
      expect(p.batches[p.batches.length - 1].bytesRead).toBe(fs.statSync(dataset(name)).size);
    });
  }

  it('no CSV-family handler claims the JSON, GraphML or GEXF files', () => {
    for (const f of fs.readdirSync(DATASETS).filter((n) => !/^(csv|triples)_/.test(n) && n !== 'SOURCES.md')) {
      const head = fs.readFileSync(dataset(f)).subarray(0, 64 * 1024);
      for (const h of csvFormatHandlers) expect(h.sniff(head, f), `${h.format} on ${f}`).toBe(0);
    }
  });

  it('triples counts match a plain line split (edges = lines, nodes = distinct heads and tails)', async () => {
    for (const name of ['triples_fb15k237_test.txt', 'triples_wn18rr_train.txt']) {
      const lines = tsvLines(name);
      const entities = new Set(lines.flatMap((l) => [l[0], l[2]]));
      const p = await load(name);
      expect(p.edges.length).toBe(lines.length);
      expect(new Set(p.nodes.map((n) => n.id))).toEqual(entities);
      expect(p.nodes.length).toBe(entities.size); // each node emitted once per file
    }
    for (const name of ['triples_fb15k237_mid2name.txt', 'triples_wn18rr_entity2text.txt']) {
      expect((await load(name)).annotations.length).toBe(tsvLines(name).length);
    }
  });

  it('batches stay near 8K records with growing bytesRead', async () => {
    const p = await load('triples_wn18rr_train.txt');
    expect(p.batches.length).toBeGreaterThan(5);
    let last = 0;
    for (const b of p.batches) {
      expect(b.nodes.length + b.edges.length).toBeLessThanOrEqual(8192 + 2); // a triple adds an edge and up to two nodes
      expect(b.bytesRead).toBeGreaterThanOrEqual(last);
      last = b.bytesRead;
    }
  });
});

async function expectResolved(nodeFiles: string[], edgeFiles: string[], nodeCount: number, edgeCount: number): Promise<void> {
  const ids = new Set<string>();
  for (const f of nodeFiles) for (const n of (await load(f)).nodes) ids.add(n.id);
  expect(ids.size).toBe(nodeCount);
  let edges = 0;
  for (const f of edgeFiles) {
    for (const e of (await load(f)).edges) {
      expect(ids.has(e.source), `${f} line ${e.line}: source ${e.source}`).toBe(true);
      expect(ids.has(e.target), `${f} line ${e.line}: target ${e.target}`).toBe(true);
      edges++;
    }
  }
  expect(edges).toBe(edgeCount);
}

describe('multi-file sets: every edge endpoint resolves to a node id', () => {
  it('AutoSchemaKG Dulce run: 1,074 nodes, 2,290 edges (free-text ids with commas and quotes)', async () => {
    const base = 'csv_autoschemakg_dulce_';
    await expectResolved([`${base}triple_nodes.csv`, `${base}text_nodes.csv`, `${base}concept_nodes.csv`], [`${base}triple_edges.csv`, `${base}text_edges.csv`, `${base}concept_edges.csv`], 349 + 8 + 717, 420 + 349 + 1521);
  });

  it('AutoSchemaKG numeric_id variant: numeric ids are props, never ids', async () => {
    const base = 'csv_autoschemakg_dulce_';
    await expectResolved([`${base}triple_nodes_numeric_id.csv`, `${base}text_nodes_numeric_id.csv`], [`${base}triple_edges_numeric_id.csv`], 349 + 8, 420);
    const text = (await load(`${base}text_nodes_numeric_id.csv`)).nodes;
    expect(text.map((n) => n.props.numeric_id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('AutoSchemaKG 1-chunk run with embeddings: 42 nodes, 84 edges', async () => {
    const base = 'csv_autoschemakg_dulce1chunk_';
    await expectResolved([`${base}triple_nodes_with_emb.csv`, `${base}text_nodes_with_emb.csv`], [`${base}triple_edges_with_concept_with_emb.csv`, `${base}text_edges.csv`], 42, 84);
  });

  it('Neo4j tutorial, plain and with ID groups: 6 nodes, 9 edges each', async () => {
    await expectResolved(['csv_neo4j_movies.csv', 'csv_neo4j_actors.csv'], ['csv_neo4j_roles.csv'], 6, 9);
    await expectResolved(['csv_neo4j_idgroup_movies.csv', 'csv_neo4j_idgroup_actors.csv'], ['csv_neo4j_idgroup_roles.csv'], 6, 9);
  });

  it('vega flights resolve to airports', async () => {
    await expectResolved(['csv_vega_airports_nodes.csv'], ['csv_vega_flights-airport_edges.csv'], 3376, 5366);
  });

  it('every triple entity has a name in its names file', async () => {
    for (const [triples, names] of [['triples_fb15k237_test.txt', 'triples_fb15k237_mid2name.txt'], ['triples_wn18rr_train.txt', 'triples_wn18rr_entity2text.txt']]) {
      const named = new Set((await load(names)).annotations.map((a) => a.id));
      for (const n of (await load(triples)).nodes) expect(named.has(n.id), n.id).toBe(true);
    }
  });
});

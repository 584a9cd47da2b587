/**
 * Values, types and line numbers of records from the shared datasets, checked against the
 * bytes of the files themselves.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataset, parseFile } from './test-support';

/** The physical lines of a file (1-based via index + 1), split on LF with CR removed. */
function physicalLines(name: string): string[] {
  return fs.readFileSync(dataset(name), 'utf8').replace(/^\uFEFF/, '').split('\n').map((l) => l.replace(/\r$/, ''));
}

describe('Neo4j tutorial files', () => {
  it('casts year:int, keeps multi labels and takes the title as name', async () => {
    const { nodes } = await parseFile(dataset('csv_neo4j_movies.csv'));
    const matrix = nodes.find((n) => n.id === 'tt0133093')!;
    expect(matrix).toMatchObject({ name: 'The Matrix', type: 'Movie', labels: ['Movie'], props: { year: 1999 }, line: 2 });
    expect(typeof matrix.props.year).toBe('number');
    const reloaded = nodes.find((n) => n.id === 'tt0234215')!;
    expect(reloaded.labels).toEqual(['Movie', 'Sequel']);
    expect(reloaded.type).toBe('Movie');
  });

  it('reads a property column placed between :START_ID and :END_ID', async () => {
    const { edges } = await parseFile(dataset('csv_neo4j_roles.csv'));
    expect(edges[0]).toEqual({ source: 'keanu', target: 'tt0133093', type: 'ACTED_IN', props: { role: 'Neo' }, line: 2 });
    expect(new Set(edges.map((e) => e.props.role))).toEqual(new Set(['Neo', 'Morpheus', 'Trinity']));
  });

  it('keeps ID groups apart and resolves roles per group', async () => {
    const actors = (await parseFile(dataset('csv_neo4j_idgroup_actors.csv'))).nodes;
    const movies = (await parseFile(dataset('csv_neo4j_idgroup_movies.csv'))).nodes;
    expect(actors.map((n) => n.id)).toEqual(['Actor-ID:1', 'Actor-ID:2', 'Actor-ID:3']);
    expect(movies.map((n) => n.id)).toEqual(['Movie-ID:1', 'Movie-ID:2', 'Movie-ID:3']);
    expect(actors[0]).toMatchObject({ name: 'Keanu Reeves', props: { personId: '1' } });
    const roles = await parseFile(dataset('csv_neo4j_idgroup_roles.csv'));
    expect(roles.edges.every((e) => e.source.startsWith('Actor-ID:') && e.target.startsWith('Movie-ID:'))).toBe(true);
  });

  it('gives relationships without :TYPE a default type, with one warning', async () => {
    const plain = await parseFile(dataset('csv_neo4j_idgroup_roles.csv'));
    expect(plain.edges.every((e) => e.type === 'RELATED_TO')).toBe(true);
    expect(plain.warnings).toHaveLength(1);
    expect(plain.warnings[0]).toMatchObject({ code: 'DEFAULT_EDGE_TYPE', file: 'csv_neo4j_idgroup_roles.csv', line: 2 });
    expect(plain.warnings[0].message).toMatch(/^9 relationships/);
    const chosen = await parseFile(dataset('csv_neo4j_idgroup_roles.csv'), { defaultEdgeType: 'ACTED_IN' });
    expect(chosen.edges.every((e) => e.type === 'ACTED_IN')).toBe(true);
  });
});

describe('AutoSchemaKG files', () => {
  it('makes text nodes passages whose multi-line text is intact, on the right lines', async () => {
    const name = 'csv_autoschemakg_dulce_text_nodes.csv';
    const { nodes } = await parseFile(dataset(name));
    const raw = fs.readFileSync(dataset(name), 'utf8');
    const lines = physicalLines(name);
    for (const n of nodes) {
      expect(n.type).toBe('passage');
      expect(n.labels).toEqual(['Text']);
      expect(n.id).toMatch(/^[0-9a-f]{64}$/);
      expect(lines[n.line! - 1].startsWith(`${n.id},`)).toBe(true);
      expect(n.text!.includes('\n')).toBe(true);
      // The text is byte-identical to the file's field (CSV-unquoted), embedded LFs and all.
      expect(raw.includes(n.text!.replace(/"/g, '""'))).toBe(true);
      expect(n.name!.length).toBeLessThanOrEqual(80);
      expect(n.props.original_text).toBeUndefined();
    }
    expect(nodes[0].text!.startsWith('# Operation: Dulce\n\n## Chapter 1\n\n')).toBe(true);
    expect(nodes[0].name!.startsWith('Operation: Dulce Chapter 1')).toBe(true);
  });

  it('uses the name column as the id and name, the type column as type, lists as lists', async () => {
    const { nodes } = await parseFile(dataset('csv_autoschemakg_dulce_triple_nodes_numeric_id.csv'));
    expect(nodes[0]).toMatchObject({ id: 'Alex Mercer', name: 'Alex Mercer', type: 'entity', labels: ['Node'], props: { numeric_id: 0, synsets: [] } });
    expect(nodes.filter((n) => n.type === 'event').length + nodes.filter((n) => n.type === 'entity').length).toBe(349);
    // Every `[]` cell of this file is a list, never the text "[]".
    expect(nodes.every((n) => Array.isArray(n.props.concepts) && Array.isArray(n.props.synsets))).toBe(true);
    expect(nodes.some((n) => n.id.includes(',') && n.id.includes("'"))).toBe(true);
  });

  it('counts 153 entities and 196 events in triple_nodes', async () => {
    const { nodes } = await parseFile(dataset('csv_autoschemakg_dulce_triple_nodes.csv'));
    expect(nodes.filter((n) => n.type === 'entity')).toHaveLength(153);
    expect(nodes.filter((n) => n.type === 'event')).toHaveLength(196);
  });

  it('takes the relation column as edge type and parses Python-list cells', async () => {
    const { edges } = await parseFile(dataset('csv_autoschemakg_dulce_triple_edges_numeric_id.csv'));
    expect(edges[0]).toEqual({
      source: 'Alex Mercer', target: 'dwarfed', type: 'was', line: 2,
      props: { concepts: ['existed', 'happened', 'occurred'], synsets: [], numeric_id: 0, neo4j_type: 'Relation' },
    });
  });

  it('turns embedding:STRING cells into 384-d vectors, not props', async () => {
    const nodes = (await parseFile(dataset('csv_autoschemakg_dulce1chunk_triple_nodes_with_emb.csv'))).nodes;
    const alex = nodes.find((n) => n.id === 'Alex Mercer')!;
    expect(alex.vector).toBeInstanceOf(Float32Array);
    expect(alex.vector!.length).toBe(384);
    expect(alex.vector![0]).toBeCloseTo(-0.04881995916366577, 7);
    expect(alex.props.embedding).toBeUndefined();
    expect(alex.props.file_id).toBeUndefined(); // empty in every row: no property
    expect(nodes.every((n) => n.vector?.length === 384)).toBe(true);
    const edges = (await parseFile(dataset('csv_autoschemakg_dulce1chunk_triple_edges_with_concept_with_emb.csv'))).edges;
    expect(edges.every((e) => e.vector?.length === 384)).toBe(true);
    expect(edges[0]).toMatchObject({ type: 'convened', props: { concepts: ['assemble', 'assemble together', 'meet', 'gather'] } });
    const [passage] = (await parseFile(dataset('csv_autoschemakg_dulce1chunk_text_nodes_with_emb.csv'))).nodes;
    expect(passage).toMatchObject({ type: 'passage', line: 2 });
    expect(passage.vector!.length).toBe(384);
  });

  it('makes concept nodes from the fully quoted concept file', async () => {
    const { nodes } = await parseFile(dataset('csv_autoschemakg_dulce_concept_nodes.csv'));
    expect(nodes[0]).toMatchObject({ id: '50f06418c992483679206b58d07070ef996796d4ff21086c54287a11ef8d7d4c', name: 'crew', type: 'concept' });
  });

  it('reports exact duplicate rows as one counted warning', async () => {
    const triple = await parseFile(dataset('csv_autoschemakg_dulce_triple_edges.csv'));
    expect(triple.warnings.map((w) => w.code)).toEqual(['DUPLICATE_EDGE']);
    expect(triple.warnings[0].message).toMatch(/^2 rows/);
    const concept = await parseFile(dataset('csv_autoschemakg_dulce_concept_edges.csv'));
    expect(concept.warnings[0].message).toMatch(/^8 rows/);
  });
});

describe('generic CSV (vega)', () => {
  it('keeps airport ids as text and reads quoted names with commas and doubled quotes', async () => {
    const { nodes } = await parseFile(dataset('csv_vega_airports_nodes.csv'));
    expect(nodes[0]).toEqual({
      id: '00M', name: 'Thigpen', type: 'csv_vega_airports', line: 2,
      props: { city: 'Bay Springs', state: 'MS', country: 'USA', latitude: 31.95376472, longitude: -89.23450472 },
    });
    expect(nodes.some((n) => n.name === 'W. H. "Bud" Barron')).toBe(true);
    expect(nodes.some((n) => n.name === 'Union County, Troy Shelton')).toBe(true);
    const lines = physicalLines('csv_vega_airports_nodes.csv');
    for (const n of nodes.slice(0, 500)) expect(lines[n.line! - 1].startsWith(`${n.id},`)).toBe(true);
  });

  it('maps origin/destination to source/target and count to a numeric prop', async () => {
    const { edges } = await parseFile(dataset('csv_vega_flights-airport_edges.csv'));
    expect(edges[0]).toEqual({ source: 'ABE', target: 'ATL', props: { count: 853 }, line: 2 });
  });

  it('honours a column mapping for the file', async () => {
    const { nodes } = await parseFile(dataset('csv_vega_airports_nodes.csv'), { columns: { 'csv_vega_airports_nodes.csv': { id: 'iata', name: 'city', type: 'state' } } });
    expect(nodes[0]).toMatchObject({ id: '00M', name: 'Bay Springs', type: 'MS', props: { name: 'Thigpen' } });
  });
});

describe('triples and names', () => {
  it('keeps WordNet offsets with leading zeros as ids', async () => {
    const { edges, nodes } = await parseFile(dataset('triples_wn18rr_train.txt'));
    expect(edges[0]).toEqual({ source: '00260881', target: '00260622', type: '_hypernym', props: {}, line: 1 });
    expect(nodes[0]).toEqual({ id: '00260881', props: {}, line: 1 });
  });

  it('turns mid2name underscores into spaces and keeps the raw name', async () => {
    const { annotations } = await parseFile(dataset('triples_fb15k237_mid2name.txt'));
    expect(annotations.find((a) => a.id === '/m/0c94fn')).toEqual({ id: '/m/0c94fn', name: 'Gary Rydstrom', props: { raw_name: 'Gary_Rydstrom' } });
    expect(annotations.find((a) => a.id === '/m/06rf7')).toEqual({ id: '/m/06rf7', name: 'Schleswig-Holstein' });
  });

  it('splits entity2text into name and description on the first ", "', async () => {
    const { annotations } = await parseFile(dataset('triples_wn18rr_entity2text.txt'));
    expect(annotations[0]).toEqual({ id: '14854262', name: 'stool', props: { description: 'solid excretory product evacuated from the bowels' } });
    expect(annotations.find((a) => a.id === '08769179')!.props!.description).toBe('an area in Germany around the upper Elbe river; the original home of the Saxons');
  });
});

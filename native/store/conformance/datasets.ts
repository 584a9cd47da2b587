/**
 * The shared dataset kinds the conformance suite imports into every store, with the counts
 * SOURCES.md computed from the exact bytes (independent of our parsers) and a probe per set: a
 * node found by name whose properties, neighbours and neighbourhood both stores must agree on.
 */
import path from 'node:path';
import { expect } from 'vitest';
import type { GraphNode } from '../../../electron/common/model';

export const datasetsDir = path.resolve(__dirname, '../../../../shared/datasets');

export interface ConformanceDataset {
  /** Short label used in test names and the observation table. */
  kind: string;
  files: string[];
  nodes: number;
  edges: number;
  /** A phrase the name search must find, and the exact name of the probe node among its hits. */
  search: string;
  probeName: string;
  /** The node a shortest path is asked to (from the probe), by exact name. */
  pathToName: string;
  /** What the probe node must carry, as read back from the store. */
  checkProbe(node: GraphNode, passages: Array<{ id: string; text: string }>): void;
}

export const conformanceDatasets: ConformanceDataset[] = [
  {
    kind: 'GraphML (Gephi)',
    files: ['graphml_gephi_miserables.graphml'],
    nodes: 77,
    edges: 254,
    search: 'valjean',
    probeName: 'Valjean',
    pathToName: 'Napoleon',
    checkProbe: (n) => {
      // Typed <key>s: the modularity class is an int, the size a float.
      expect(n.props['Modularity Class']).toBeTypeOf('number');
      expect(Number.isInteger(n.props['Modularity Class'])).toBe(true);
      expect(n.props.size).toBeTypeOf('number');
    },
  },
  {
    kind: 'CSV node + edge pair',
    files: ['csv_vega_flights-airport_edges.csv', 'csv_vega_airports_nodes.csv'],
    nodes: 3376,
    edges: 5366,
    search: "chicago o'hare",
    probeName: "Chicago O'Hare International",
    pathToName: 'Nantucket Memorial',
    checkProbe: (n) => {
      expect(n.id).toBe('ORD');
      expect(n.props).toMatchObject({ city: 'Chicago', state: 'IL', country: 'USA' });
    },
  },
  {
    kind: 'Neo4j CSV with ID groups',
    files: ['csv_neo4j_idgroup_movies.csv', 'csv_neo4j_idgroup_actors.csv', 'csv_neo4j_idgroup_roles.csv'],
    nodes: 6,
    edges: 9,
    search: 'matrix reloaded',
    probeName: 'The Matrix Reloaded',
    pathToName: 'The Matrix Revolutions',
    checkProbe: (n) => {
      expect(n.props.year).toBe(2003);
      expect(n.labels).toEqual(['Movie', 'Sequel']);
      expect(n.provenance).toMatchObject({ file: 'csv_neo4j_idgroup_movies.csv' });
    },
  },
  {
    kind: 'triples + names (FB15k-237)',
    files: ['triples_fb15k237_test.txt', 'triples_fb15k237_mid2name.txt'],
    nodes: 10348,
    edges: 20466,
    search: 'barack obama',
    probeName: 'Barack Obama',
    pathToName: 'Tom Hanks',
    checkProbe: (n) => {
      expect(n.id).toMatch(/^\/m\//); // the Freebase MID stays the id; the name came from the names file
      expect(n.name).toBe('Barack Obama'); // underscores of the names file read as spaces
    },
  },
  {
    kind: 'AutoSchemaKG Dulce (6 CSVs)',
    files: [
      'csv_autoschemakg_dulce_concept_edges.csv', 'csv_autoschemakg_dulce_text_edges.csv', 'csv_autoschemakg_dulce_triple_edges.csv',
      'csv_autoschemakg_dulce_concept_nodes.csv', 'csv_autoschemakg_dulce_text_nodes.csv', 'csv_autoschemakg_dulce_triple_nodes.csv',
    ],
    nodes: 349 + 8 + 717,
    edges: 420 + 349 + 1521,
    search: 'alex mercer',
    probeName: 'Alex Mercer',
    pathToName: 'Jordan Hayes',
    checkProbe: (n, passages) => {
      expect(n.type).toBe('entity');
      // Source passages of an entity come with it (AutoSchemaKG `Source` edges to text nodes).
      expect(passages.length).toBeGreaterThan(0);
      expect(passages[0].text.length).toBeGreaterThan(500);
    },
  },
];

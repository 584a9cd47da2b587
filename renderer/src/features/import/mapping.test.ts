import { describe, expect, it } from 'vitest';
import type { ImportPreviewFile } from '../../../../electron/common/protocol/import';
import { choiceProblem, initialChoice, toImportOptions } from './mapping';

const file = (over: Partial<ImportPreviewFile>): ImportPreviewFile => ({
  name: 'f.csv', format: 'csv', role: 'nodes', size: 10, mappable: true, columns: ['iata', 'name', 'city'], mapping: {}, rows: [], problems: [], ...over,
});

describe('column mapping model', () => {
  it('starts from the host guesses and turns choices into import options', () => {
    const nodes = file({ name: 'airports.csv', mapping: { id: 'iata', name: 'name' } });
    const edges = file({ name: 'flights.csv', role: 'edges', columns: ['origin', 'destination', 'count'], mapping: { source: 'origin', target: 'destination' } });
    const other = file({ name: 'g.graphml', format: 'graphml', role: 'graph', mappable: false, columns: [] });
    const choices = { 'airports.csv': initialChoice(nodes), 'flights.csv': initialChoice(edges) };
    expect(choices['airports.csv']).toMatchObject({ kind: 'nodes', nodes: { id: 'iata', name: 'name', type: '', text: '' } });
    choices['airports.csv'].nodes.type = 'city';
    expect(toImportOptions([nodes, edges, other], choices, 'placeholder')).toEqual({
      missingEndpoints: 'placeholder',
      columns: {
        'airports.csv': { kind: 'nodes', id: 'iata', name: 'name', type: 'city' },
        'flights.csv': { kind: 'edges', source: 'origin', target: 'destination' },
      },
    });
  });

  it('says what is missing', () => {
    const c = initialChoice(file({ role: 'edges', columns: ['a'], mapping: {} }));
    expect(choiceProblem(c)).toBe('Pick the source and target columns');
    c.edges.target = 'a';
    expect(choiceProblem(c)).toBe('Source and target must be different columns');
    expect(choiceProblem({ ...c, kind: 'nodes' })).toBe('');
  });
});

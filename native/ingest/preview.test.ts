/** The mapping step's data: detected format, role, header, guessed roles, first rows, problems. */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { previewFiles } from './preview';

const datasets = path.resolve(__dirname, '../../../shared/datasets');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-preview-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const src = (name: string) => ({ path: path.join(datasets, name), name });

describe('import.preview', () => {
  it('generic CSV node and edge lists: columns, guessed roles and the first 20 rows', () => {
    const [airports, flights] = previewFiles([src('csv_vega_airports_nodes.csv'), src('csv_vega_flights-airport_edges.csv')]);
    expect(airports).toMatchObject({ format: 'csv', role: 'nodes', mappable: true, hasHeader: true, delimiter: ',', defaultType: 'csv_vega_airports' });
    expect(airports.columns).toEqual(['iata', 'name', 'city', 'state', 'country', 'latitude', 'longitude']);
    expect(airports.mapping).toEqual({ id: 'iata', name: 'name' });
    expect(airports.rows).toHaveLength(20);
    expect(airports.rows[0]).toEqual(['00M', 'Thigpen', 'Bay Springs', 'MS', 'USA', '31.95376472', '-89.23450472']);
    expect(flights).toMatchObject({ format: 'csv', role: 'edges', mapping: { source: 'origin', target: 'destination' } });
    expect(airports.problems).toEqual([]);
  });

  it('a mapping given by the user is applied, kind included', () => {
    const [f] = previewFiles([src('csv_vega_airports_nodes.csv')], { columns: { 'csv_vega_airports_nodes.csv': { kind: 'nodes', id: 'name', type: 'state' } } });
    expect(f.mapping).toEqual({ id: 'name', type: 'state' });
  });

  it('formats with their own headers need no mapping', () => {
    const [triples, graphml] = previewFiles([src('csv_autoschemakg_dulce_triple_nodes.csv'), src('graphml_gephi_miserables.graphml')]);
    expect(triples).toMatchObject({ format: 'autoschemakg-csv', role: 'nodes', mappable: false, columns: [] });
    expect(graphml).toMatchObject({ format: 'graphml', role: 'graph', mappable: false });
  });

  it('problems: an empty file, uneven rows', () => {
    fs.writeFileSync(path.join(tmp, 'empty.csv'), '');
    fs.writeFileSync(path.join(tmp, 'uneven.csv'), 'id,name\na,1\nb,2,extra\nc,3\n');
    const [empty, uneven] = previewFiles([{ path: path.join(tmp, 'empty.csv'), name: 'empty.csv' }, { path: path.join(tmp, 'uneven.csv'), name: 'uneven.csv' }]);
    expect(empty.problems[0]).toMatch(/empty\.csv is empty/);
    expect(empty.format).toBe('unknown');
    expect(uneven.problems).toEqual(['Row 3 has 3 columns, the header has 2']);
  });
});

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gexfFormatHandler, xmlFormatHandlers } from './index';
import { countMatches, dataset, parseWith, pickHandler } from './test-helpers';

describe('GEXF datasets', () => {
  it.each(['gexf_gephi_les_miserables.gexf', 'gexf_gephi_java.gexf'])('%s: sniffed as gexf, counts match the file', async (name) => {
    const file = dataset(name);
    expect(pickHandler(xmlFormatHandlers, file).format).toBe('gexf');
    const parsed = await parseWith(gexfFormatHandler, file);
    expect(parsed.nodes.length).toBe(countMatches(file, /<node[\s>/]/g));
    expect(parsed.edges.length).toBe(countMatches(file, /<edge[\s>/]/g));
    expect(parsed.lastBytesRead).toBe(fs.statSync(file).size);
  });

  it('Les Miserables: label is the name, integer attribute by title, weight defaults to 1, undirected', async () => {
    const file = dataset('gexf_gephi_les_miserables.gexf');
    const { nodes, edges, warnings } = await parseWith(gexfFormatHandler, file);
    expect(nodes).toHaveLength(77);
    expect(nodes.find((n) => n.id === '0')).toMatchObject({ name: 'Myriel', props: { 'Modularity Class': 0 } });
    const withWeight = countMatches(file, /<edge [^>]*weight="/g);
    expect(edges.filter((e) => e.props.weight === 1).length).toBeGreaterThanOrEqual(edges.length - withWeight);
    expect(edges.find((e) => e.id === '1')!.props.weight).toBe(8);
    expect(edges.every((e) => e.props.directed === false)).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('Java: directed, dotted class names as node names, viz ignored', async () => {
    const { nodes, edges } = await parseWith(gexfFormatHandler, dataset('gexf_gephi_java.gexf'));
    expect(nodes.find((n) => n.id === '1')).toMatchObject({ name: 'java.applet.AppletContext', props: {} });
    expect(edges.every((e) => e.props.directed === undefined)).toBe(true);
  });
});

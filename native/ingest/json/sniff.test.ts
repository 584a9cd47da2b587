/**
 * Sniffing across every shared dataset: graph XML/JSON files go to the right handler, and files of
 * other formats (CSV, triples) are not claimed by these handlers.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { xmlFormatHandlers } from '../xml/index';
import { dataset } from '../xml/test-helpers';
import { jsonFormatHandlers } from './index';

const HANDLERS = [...xmlFormatHandlers, ...jsonFormatHandlers];

function head(name: string): Buffer {
  const fd = fs.openSync(dataset(name), 'r');
  const buf = Buffer.alloc(64 * 1024);
  const n = fs.readSync(fd, buf, 0, buf.length, 0);
  fs.closeSync(fd);
  return buf.subarray(0, n);
}

function expectedFormat(name: string): string | undefined {
  if (name.startsWith('graphml_')) return 'graphml';
  if (name.startsWith('gexf_')) return 'gexf';
  if (name.startsWith('jsonl_')) return 'jsonl';
  if (name.startsWith('json_cytoscape')) return 'cytoscape';
  if (name.startsWith('json_')) return 'json';
  return undefined;
}

const FILES = fs.readdirSync(dataset('.')).filter((f) => f !== 'SOURCES.md');

describe('sniffing the shared datasets', () => {
  it.each(FILES)('%s', (name) => {
    const h = head(name);
    const scores = HANDLERS.map((x) => ({ format: x.format, score: x.sniff(h, name) }));
    const best = scores.reduce((a, b) => (b.score > a.score ? b : a));
    const expected = expectedFormat(name);
    if (expected) {
      expect(best.format).toBe(expected);
      expect(best.score).toBeGreaterThanOrEqual(0.9);
      // The runner-up is clearly less sure, so the choice is not a coin toss.
      const second = Math.max(...scores.filter((s) => s.format !== best.format).map((s) => s.score));
      expect(best.score - second).toBeGreaterThanOrEqual(0.3);
    } else {
      expect(best.score).toBeLessThanOrEqual(0.1);
    }
  });

  it('other XML is not GraphML or GEXF', () => {
    const svg = Buffer.from('<?xml version="1.0"?>\n<!-- a picture -->\n<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>');
    for (const h of xmlFormatHandlers) expect(h.sniff(svg, 'picture.xml')).toBe(0);
    const prefixed = Buffer.from('<?xml version="1.0"?><g:graphml xmlns:g="http://graphml.graphdrawing.org/xmlns"/>');
    expect(xmlFormatHandlers[0].sniff(prefixed, 'x.xml')).toBeGreaterThan(0.9);
  });
});

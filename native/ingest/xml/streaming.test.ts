/**
 * Streaming behaviour on generated files: several bounded batches with growing bytesRead, all
 * records of the generator, and cancellation between batches.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormatHandler, ParseBatch, ParserInput } from '../format';
import { generateNodeLinkJson } from '../json/generate-json';
import { nodeLinkJsonFormatHandler } from '../json/index';
import { generateGraphml } from './generate-graphml';
import { graphmlFormatHandler } from './index';
import { BATCH_RECORDS } from './text-source';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-stream-'));
const files: Record<string, { file: string; count: number }> = {};

beforeAll(async () => {
  const graphml = path.join(tmp, 'g.graphml');
  const json = path.join(tmp, 'g.json');
  files.graphml = { file: graphml, count: await generateGraphml(graphml, 8) };
  files.json = { file: json, count: await generateNodeLinkJson(json, 8) };
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Aborts after the first batch of `parse` over `file`: the parse must end with CANCELLED there. */
async function expectCancelAfterFirstBatch(file: string, parse: (input: ParserInput) => AsyncIterable<ParseBatch>): Promise<void> {
  const controller = new AbortController();
  const input = { path: file, displayName: 'g', size: fs.statSync(file).size, options: {}, signal: controller.signal };
  let batches = 0;
  const run = async (): Promise<void> => {
    for await (const _ of parse(input)) {
      batches++;
      controller.abort();
    }
  };
  await expect(run()).rejects.toMatchObject({ code: 'CANCELLED', details: { file: 'g' } });
  expect(batches).toBe(1);
}

const CASES: Array<[string, FormatHandler]> = [['graphml', graphmlFormatHandler], ['json', nodeLinkJsonFormatHandler]];

describe('streaming', () => {
  it.each(CASES)('%s: yields bounded batches with growing bytesRead and every generated record', async (kind, handler) => {
    const { file, count } = files[kind];
    const size = fs.statSync(file).size;
    const input = { path: file, displayName: 'g', size, options: {}, signal: new AbortController().signal };
    let nodes = 0;
    let edges = 0;
    let batches = 0;
    let lastBytes = 0;
    for await (const b of handler.parse(input)) {
      batches++;
      // A batch is cut after the chunk that filled it: at most one chunk's records over the target.
      expect(b.nodes.length + b.edges.length).toBeLessThan(BATCH_RECORDS * 2);
      expect(b.bytesRead).toBeGreaterThanOrEqual(lastBytes);
      lastBytes = b.bytesRead;
      nodes += b.nodes.length;
      edges += b.edges.length;
    }
    expect(nodes).toBe(count);
    expect(edges).toBe(count);
    expect(batches).toBeGreaterThan(2);
    expect(lastBytes).toBe(size);
  });

  it.each(CASES)('%s: an abort between batches ends the parse with CANCELLED', async (kind, handler) => {
    await expectCancelAfterFirstBatch(files[kind].file, (input) => handler.parse(input));
  });
});

describe('streaming, GraphML flat path (xml-scanner.ts)', () => {
  it('an abort between batches ends the parse with CANCELLED', async () => {
    await expectCancelAfterFirstBatch(files.graphml.file, (input) => graphmlFormatHandler.parseFlat(input));
  });

  it('a consumer that stops between batches closes the file (run-import.ts returns the parser on errors)', async () => {
    const { file } = files.graphml;
    const input = { path: file, displayName: 'g', size: fs.statSync(file).size, options: {}, signal: new AbortController().signal };
    // Descriptors of this process open on the file (Linux /proc; the scanner's pass reads it with readSync).
    const openOnFile = () => fs.readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return fs.readlinkSync(`/proc/self/fd/${fd}`) === fs.realpathSync(file);
      } catch {
        return false; // closed while listing (the readdir's own descriptor)
      }
    }).length;
    let batches = 0;
    for await (const _ of graphmlFormatHandler.parseFlat(input)) {
      expect(openOnFile()).toBe(1);
      if (++batches === 2) break;
    }
    expect(batches).toBe(2);
    expect(openOnFile()).toBe(0);
  });

  it('bytesRead grows to the file size and every record arrives once', async () => {
    const { file, count } = files.graphml;
    const size = fs.statSync(file).size;
    const input = { path: file, displayName: 'g', size, options: {}, signal: new AbortController().signal };
    let nodes = 0;
    let edges = 0;
    let lastBytes = 0;
    for await (const b of graphmlFormatHandler.parseFlat(input)) {
      expect(b.bytesRead).toBeGreaterThanOrEqual(lastBytes);
      lastBytes = b.bytesRead;
      nodes += b.flat!.nodes.id.length;
      edges += b.flat!.edges.source.length;
    }
    expect([nodes, edges, lastBytes]).toEqual([count, count, size]);
  });
});

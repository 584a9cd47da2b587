/**
 * For the parseFlat tests of each format (csv/, xml/, json/flat-parse.test.ts): run a
 * handler's record path and its flat path on one file and assert they give the same rows, warnings
 * and bytes read once the records are flattened (flattenBatch).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { caught } from './csv/test-support';
import type { FormatHandler, ParseBatch } from './format';
import { flattenBatch, type FlatBatch, type FlatParser } from './flat-rows';

export type FlatHandler = FormatHandler & FlatParser;

export async function drain(batches: AsyncIterable<ParseBatch>): Promise<ParseBatch[]> {
  const out: ParseBatch[] = [];
  for await (const b of batches) out.push(b);
  return out;
}

export function input(file: string, options = {}) {
  return { path: file, displayName: path.basename(file), size: fs.statSync(file).size, options, signal: new AbortController().signal };
}

/** Columns of several flat batches end to end (flat batches are smaller than record batches). */
export function concat(batches: FlatBatch[]): FlatBatch {
  const line = (ls: Int32Array[]) => Int32Array.from(ls.flatMap((l) => [...l]));
  const vectors = batches.flatMap((b, k) => {
    const before = batches.slice(0, k).reduce((n, x) => n + x.nodes.id.length, 0);
    return (b.nodes.vectors ?? []).map((v) => ({ index: v.index + before, vector: v.vector }));
  });
  const col = <K extends string>(side: 'nodes' | 'edges', key: K) =>
    batches.flatMap((b) => (b[side] as unknown as Record<K, Array<string | null>>)[key]);
  const nodes: FlatBatch['nodes'] = {
    id: col('nodes', 'id') as string[], name: col('nodes', 'name') as string[], type: col('nodes', 'type') as string[],
    labels: col('nodes', 'labels'), props: col('nodes', 'props'), text: col('nodes', 'text'), line: line(batches.map((b) => b.nodes.line)),
  };
  if (vectors.length) nodes.vectors = vectors;
  return {
    nodes,
    edges: {
      source: col('edges', 'source') as string[], target: col('edges', 'target') as string[], type: col('edges', 'type') as string[],
      eid: col('edges', 'eid'), props: col('edges', 'props'), line: line(batches.map((b) => b.edges.line)),
    },
  };
}

/** Both paths on one file; returns the flat batches (after asserting they give the same rows). */
export async function expectSameFlat(h: FlatHandler, file: string, options = {}): Promise<ParseBatch[]> {
  const records = await drain(h.parse(input(file, options)));
  const flat = await drain(h.parseFlat(input(file, options)));
  const name = `${h.format} ${path.basename(file)}`;
  for (const f of flat) {
    expect(f.nodes.length + f.edges.length).toBe(0);
    expect(f.flat!.annotations).toBeUndefined();
  }
  for (const r of records) expect(r.annotations).toBeUndefined();
  expect(concat(flat.map((f) => f.flat!)), name).toStrictEqual(concat(records.map((r) => flattenBatch(r))));
  expect(flat.flatMap((f) => f.warnings ?? []), name).toStrictEqual(records.flatMap((r) => r.warnings ?? []));
  expect(flat.at(-1)!.bytesRead).toBe(records.at(-1)!.bytesRead);
  expect(flat.length).toBeGreaterThanOrEqual(records.length);
  return flat;
}

/** Both paths on a broken file fail with the same error (code, message, file, line, column); returns it. */
export async function expectSameError(h: FlatHandler, file: string, options = {}): Promise<Awaited<ReturnType<typeof caught>>> {
  const records = await caught(() => drain(h.parse(input(file, options))));
  const flat = await caught(() => drain(h.parseFlat(input(file, options))));
  expect(flat, `${h.format} ${path.basename(file)}`).toStrictEqual(records);
  return records;
}

/** A temporary folder for one test file's inputs: made before its tests, removed after them. */
export function tempInputs(prefix: string): { file: (name: string) => string; write: (name: string, content: string) => string } {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string) => path.join(dir, name);
  return {
    file,
    write: (name, content) => {
      fs.writeFileSync(file(name), content);
      return file(name);
    },
  };
}

/**
 * Test helpers for the CSV-family handlers: pick a handler the way the importer does (highest
 * sniff score) and drain its batches into arrays.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { EdgeRecord, NodeRecord } from '../../../electron/common/model';
import type { ImportOptions } from '../../../electron/common/protocol/import';
import type { FormatHandler, NodeAnnotation, ParseBatch, ParseWarning } from '../format';
import { csvFormatHandlers } from './index';

export const DATASETS = path.resolve(__dirname, '../../../../shared/datasets');

export interface Parsed {
  format: string;
  role: string;
  nodes: NodeRecord[];
  edges: EdgeRecord[];
  annotations: NodeAnnotation[];
  warnings: ParseWarning[];
  batches: ParseBatch[];
}

export function pickHandler(file: string): FormatHandler {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(64 * 1024);
  const n = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  const name = path.basename(file);
  const ranked = csvFormatHandlers
    .map((h) => ({ h, score: h.sniff(head.subarray(0, n), name) }))
    .sort((a, b) => b.score - a.score);
  return ranked[0].h;
}

export async function parseFile(file: string, options: ImportOptions = {}, handler = pickHandler(file), signal = new AbortController().signal): Promise<Parsed> {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(64 * 1024);
  const n = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  const name = path.basename(file);
  const out: Parsed = { format: handler.format, role: handler.role(head.subarray(0, n), name), nodes: [], edges: [], annotations: [], warnings: [], batches: [] };
  for await (const batch of handler.parse({ path: file, displayName: name, size: fs.statSync(file).size, options, signal })) {
    out.batches.push(batch);
    out.nodes.push(...batch.nodes);
    out.edges.push(...batch.edges);
    out.annotations.push(...(batch.annotations ?? []));
    out.warnings.push(...(batch.warnings ?? []));
  }
  return out;
}

export function dataset(name: string): string {
  return path.join(DATASETS, name);
}

/** Runs `fn` and returns the WorkbenchError it throws (fails the test when it does not). */
export async function caught(fn: () => Promise<unknown>): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
  try {
    await fn();
  } catch (e) {
    return e as { code: string; message: string; details?: Record<string, unknown> };
  }
  throw new Error('expected an error');
}

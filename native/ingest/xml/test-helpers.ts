/**
 * Shared by the parser tests in xml/ and json/: run a handler over a file and gather everything
 * it yields, and locate the shared real-world datasets beside the repo.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { EdgeRecord, NodeRecord } from '../../../electron/common/model';
import type { FormatHandler, ParseWarning } from '../format';

export const DATASETS = path.resolve(__dirname, '../../../../shared/datasets');

export function dataset(name: string): string {
  return path.join(DATASETS, name);
}

export interface Parsed {
  nodes: NodeRecord[];
  edges: EdgeRecord[];
  warnings: ParseWarning[];
  batches: number;
  lastBytesRead: number;
}

export async function parseWith(handler: FormatHandler, file: string, signal = new AbortController().signal): Promise<Parsed> {
  const out: Parsed = { nodes: [], edges: [], warnings: [], batches: 0, lastBytesRead: 0 };
  const input = { path: file, displayName: path.basename(file), size: fs.statSync(file).size, options: {}, signal };
  for await (const batch of handler.parse(input)) {
    out.batches++;
    out.nodes.push(...batch.nodes);
    out.edges.push(...batch.edges);
    if (batch.warnings) out.warnings.push(...batch.warnings);
    out.lastBytesRead = batch.bytesRead;
  }
  return out;
}

/** The handler that claims the file most confidently from its head, as the importer picks it. */
export function pickHandler(handlers: FormatHandler[], file: string): FormatHandler {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(64 * 1024);
  const n = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  const name = path.basename(file);
  let best = handlers[0];
  for (const h of handlers) if (h.sniff(head.subarray(0, n), name) > best.sniff(head.subarray(0, n), name)) best = h;
  return best;
}

/** Counts elements by a regex over the raw text: an independent check of what the parser found. */
export function countMatches(file: string, re: RegExp): number {
  return (fs.readFileSync(file, 'utf8').match(re) ?? []).length;
}

export async function parseError(handler: FormatHandler, file: string): Promise<{ code: string; details?: Record<string, unknown>; message: string }> {
  try {
    await parseWith(handler, file);
  } catch (err) {
    return err as { code: string; details?: Record<string, unknown>; message: string };
  }
  throw new Error(`expected ${path.basename(file)} to fail`);
}

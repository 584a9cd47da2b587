/**
 * Every format the importer knows, and how a file is matched to one: by an explicit choice, else
 * by the most confident sniff of its first 64 KiB and its name.
 */
import fs from 'node:fs';
import { WorkbenchError } from '../../electron/common/errors';
import type { FileRole, FormatHandler } from './format';
import { csvFormatHandlers } from './csv';
import { xmlFormatHandlers } from './xml';
import { jsonFormatHandlers } from './json';

export const formatHandlers: FormatHandler[] = [...csvFormatHandlers, ...xmlFormatHandlers, ...jsonFormatHandlers];

export const SNIFF_BYTES = 64 * 1024;

export function readHead(path: string): Buffer {
  const fd = fs.openSync(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const n = fs.readSync(fd, buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

export interface DetectedFile {
  handler: FormatHandler;
  role: FileRole;
}

export function detectFormat(head: Buffer, fileName: string, explicit?: string): DetectedFile {
  if (head.length === 0) throw new WorkbenchError('EMPTY_FILE', `${fileName} is empty: nothing to import`, { file: fileName });
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new WorkbenchError('ENCODING', `${fileName} is UTF-16 encoded; save it as UTF-8 and import again`, { file: fileName, expected: 'UTF-8' });
  }
  if (explicit) {
    const handler = formatHandlers.find((h) => h.format === explicit);
    if (!handler) {
      throw new WorkbenchError('UNSUPPORTED_FORMAT', `Unknown format "${explicit}"`, { file: fileName, value: explicit, expected: formatHandlers.map((h) => h.format).join(', ') });
    }
    return { handler, role: handler.role(head, fileName) };
  }
  let best: FormatHandler | undefined;
  let bestScore = 0;
  for (const h of formatHandlers) {
    const s = h.sniff(head, fileName);
    if (s > bestScore) { best = h; bestScore = s; }
  }
  if (!best) {
    throw new WorkbenchError('UNSUPPORTED_FORMAT', `${fileName} is not a graph file this app can read`, {
      file: fileName,
      expected: 'CSV/TSV node or edge list, Neo4j import CSV, triples, GraphML, GEXF, node-link or Cytoscape JSON, JSONL',
    });
  }
  return { handler: best, role: best.role(head, fileName) };
}

const ROLE_ORDER: Record<FileRole, number> = { nodes: 0, graph: 1, edges: 2, names: 3 };

/** Node files before edge files before name annotations, keeping the user's order otherwise. */
export function orderByRole<T extends { role: FileRole }>(files: T[]): T[] {
  return files.map((f, i) => ({ f, i })).sort((a, b) => ROLE_ORDER[a.f.role] - ROLE_ORDER[b.f.role] || a.i - b.i).map((x) => x.f);
}

/**
 * On-disk layout of a saved index, shared by both kinds.
 *
 *   <dir>/vector-index.json          meta; written last, it names the data files it belongs to
 *   <dir>/<kind>-<generation>.*      data files of that generation
 *
 * Each save writes a new generation of data files (temp + rename), then swaps the meta
 * (temp + rename), then deletes older generations. A crash at any point leaves a meta that names
 * complete files, so load never sees a half-written index or an index/labels mismatch.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../electron/common/errors';
import type { IndexKind } from './types';

export const META_FILE = 'vector-index.json';
export const META_FORMAT = 1;

export interface IndexMeta {
  format: number;
  kind: IndexKind;
  dim: number;
  space: 'cosine' | 'ip';
  modelId: string;
  /** Live vectors. */
  count: number;
  /** HNSW slots marked deleted (still occupying memory until a rebuild). */
  deletedCount: number;
  /** HNSW: removed labels stored after the live ones in the labels file (revivable on re-add). */
  deletedHints?: number;
  M?: number;
  efConstruction?: number;
  ef?: number;
  /** True when ef follows the collection size (autoEf) rather than a fixed value. */
  efAuto?: boolean;
  capacity?: number;
  generation: number;
  /** Data files of this generation, relative to the index folder. */
  files: Record<string, string>;
  savedAt: string;
}

export function readMeta(dir: string): IndexMeta {
  const file = path.join(dir, META_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new WorkbenchError(code === 'ENOENT' ? 'NOT_FOUND' : 'IO_ERROR', `No vector index in ${dir}: cannot read ${META_FILE} (${code ?? String(err)})`, { file });
  }
  let meta: IndexMeta;
  try {
    meta = JSON.parse(text) as IndexMeta;
  } catch (err) {
    throw new WorkbenchError('IO_ERROR', `Vector index meta is not valid JSON: ${(err as Error).message}`, { file });
  }
  if (meta.format !== META_FORMAT) {
    throw new WorkbenchError('IO_ERROR', `Vector index format ${String(meta.format)} is not supported; rebuild the index`, {
      file,
      value: String(meta.format),
      expected: String(META_FORMAT),
    });
  }
  if (!Number.isInteger(meta.dim) || meta.dim <= 0 || !meta.files || (meta.kind !== 'hnsw' && meta.kind !== 'exact')) {
    throw new WorkbenchError('IO_ERROR', 'Vector index meta is missing dim, kind or files; rebuild the index', { file });
  }
  return meta;
}

/** The generation after the one currently saved in `dir` (1 when there is none). */
export function nextGeneration(dir: string): number {
  try {
    return readMeta(dir).generation + 1;
  } catch {
    return 1;
  }
}

export function tempPath(finalPath: string): string {
  return `${finalPath}.tmp-${process.pid}-${Date.now()}`;
}

/** Writes bytes to `finalPath` through a temp file and a rename, fsynced so a crash cannot leave a torn file. */
export function writeFileAtomic(finalPath: string, data: string | NodeJS.ArrayBufferView): void {
  const tmp = tempPath(finalPath);
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, finalPath);
}

/** Makes a file written by someone else (the native index writer) durable, then renames it. */
export function commitTempFile(tmp: string, finalPath: string): void {
  const fd = fs.openSync(tmp, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, finalPath);
}

/** Writes the meta last, then removes data files of older generations. */
export function commitMeta(dir: string, meta: IndexMeta): void {
  writeFileAtomic(path.join(dir, META_FILE), JSON.stringify(meta, null, 2));
  const keep = new Set(Object.values(meta.files));
  for (const name of fs.readdirSync(dir)) {
    if (/^(hnsw|exact)-\d+\./.test(name) && !keep.has(name)) fs.rmSync(path.join(dir, name), { force: true });
  }
}

/** Reads a whole little-endian typed-array file (labels, vectors) without an extra copy. */
export function readUint32File(file: string, expectedLength: number): Uint32Array {
  const buf = readExact(file, expectedLength * 4);
  return new Uint32Array(buf.buffer, buf.byteOffset, expectedLength);
}

export function readFloat32File(file: string, expectedLength: number): Float32Array {
  const buf = readExact(file, expectedLength * 4);
  return new Float32Array(buf.buffer, buf.byteOffset, expectedLength);
}

function readExact(file: string, bytes: number): Uint8Array {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (err) {
    throw new WorkbenchError('IO_ERROR', `Cannot read vector index file: ${(err as Error).message}`, { file });
  }
  if (buf.byteLength !== bytes) {
    throw new WorkbenchError('IO_ERROR', `Vector index file has ${buf.byteLength} bytes, the meta expects ${bytes}; rebuild the index`, {
      file,
      value: String(buf.byteLength),
      expected: String(bytes),
    });
  }
  // readFileSync may hand out a slice of a shared pool whose offset is not 4-aligned.
  return buf.byteOffset % 4 === 0 ? buf : new Uint8Array(buf);
}

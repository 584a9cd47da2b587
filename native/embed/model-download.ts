/**
 * Downloads a model's files from a Hugging Face-style URL layout (`<base>/resolve/main/<file>`)
 * with progress, resume and integrity checks, so a user on a slow or flaky line gets a working
 * model or a clear error, never a half-written one:
 * - bytes go to `<file>.part`; a later attempt (or a retry after a dropped connection) asks for
 *   the rest with an HTTP Range request and appends;
 * - the finished file is checked against an expected sha256 when one is given, else against the
 *   server's `x-linked-etag`/`ETag` when that is a sha256 (the Hub sends one for LFS files);
 * - only a verified file is renamed into place (atomic on one file system).
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../electron/common/errors';

export interface ModelFileSpec {
  /** Path under the repository, e.g. `onnx/model.onnx`. */
  remote: string;
  /** Path under destDir; defaults to `remote`. */
  local?: string;
  /** Expected sha256 (hex); wins over the server's ETag. */
  sha256?: string;
  /** A 404 for an optional file is skipped, not an error. */
  optional?: boolean;
}

/** The files of a sentence-transformers repository on the Hub that the embedder uses. */
export const HF_SENTENCE_TRANSFORMERS_FILES: readonly ModelFileSpec[] = [
  { remote: 'config.json' },
  { remote: 'tokenizer.json' },
  { remote: 'tokenizer_config.json', optional: true },
  { remote: 'special_tokens_map.json', optional: true },
  { remote: 'onnx/model.onnx' },
];

export interface DownloadProgress {
  /** Local path (relative to destDir) of the file being fetched. */
  file: string;
  fileIndex: number;
  fileCount: number;
  /** Bytes of this file on disk so far (resumed bytes included). */
  bytes: number;
  /** Size of this file when the server said it, else undefined. */
  total?: number;
}

export interface DownloadOptions {
  files?: readonly ModelFileSpec[];
  /** Builds a file's URL; default `<base>/resolve/main/<file>`. */
  urlFor?: (baseUrl: string, remotePath: string) => string;
  onProgress?: (p: DownloadProgress) => void;
  signal?: AbortSignal;
  /** Extra attempts per file after a dropped connection (each resumes). Default 3. */
  retries?: number;
  headers?: Record<string, string>;
  /** Called once per file placed: its sha256 and whether it was checked against an expected one. */
  onFileDone?: (f: DownloadedFile) => void;
}

export interface DownloadedFile {
  /** Path relative to destDir. */
  file: string;
  sha256: string;
  /** True when the sha256 matched an expected value (spec or the server's ETag). */
  verified: boolean;
}

export function huggingFaceUrl(baseUrl: string, remotePath: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/resolve/main/${remotePath.split('/').map(encodeURIComponent).join('/')}`;
}

/** Downloads every file into destDir; returns the local paths written (skipped optional files left out). */
export async function downloadModel(baseUrl: string, destDir: string, options: DownloadOptions = {}): Promise<string[]> {
  const files = options.files ?? HF_SENTENCE_TRANSFORMERS_FILES;
  const urlFor = options.urlFor ?? huggingFaceUrl;
  const written: string[] = [];
  for (let i = 0; i < files.length; i++) {
    const spec = files[i];
    const local = path.join(destDir, spec.local ?? spec.remote);
    const ok = await downloadFile(urlFor(baseUrl, spec.remote), local, spec, options, (bytes, total) =>
      options.onProgress?.({ file: spec.local ?? spec.remote, fileIndex: i, fileCount: files.length, bytes, total }),
    );
    if (ok) written.push(local);
  }
  return written;
}

/** One file with retries; false when an optional file does not exist on the server. */
async function downloadFile(
  url: string,
  target: string,
  spec: ModelFileSpec,
  options: DownloadOptions,
  progress: (bytes: number, total?: number) => void,
): Promise<boolean> {
  mkdirSync(path.dirname(target), { recursive: true });
  const part = `${target}.part`;
  const retries = options.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptDownload(url, target, part, spec, options, progress);
    } catch (err) {
      if (err instanceof WorkbenchError || options.signal?.aborted || attempt >= retries) throw wrapError(err, url, target, options);
      // A dropped connection: the .part file keeps what arrived; the next attempt resumes from it.
    }
  }
}

async function attemptDownload(
  url: string,
  target: string,
  part: string,
  spec: ModelFileSpec,
  options: DownloadOptions,
  progress: (bytes: number, total?: number) => void,
): Promise<boolean> {
  const have = existsSync(part) ? statSync(part).size : 0;
  const headers: Record<string, string> = { ...options.headers };
  if (have > 0) headers.Range = `bytes=${have}-`;
  const res = await fetch(url, { headers, signal: options.signal, redirect: 'follow' });

  if (res.status === 404 && spec.optional) {
    await res.body?.cancel();
    return false;
  }
  if (res.status === 416 && have > 0) {
    // The .part already holds the whole file (or is junk): verify it as it is, else start over.
    await res.body?.cancel();
    const expected = spec.sha256 ?? sha256FromEtag(res.headers);
    const hash = await hashExisting(part);
    if (expected && hash.digest('hex') === expected.toLowerCase()) {
      renameSync(part, target);
      options.onFileDone?.({ file: localName(spec), sha256: expected.toLowerCase(), verified: true });
      return true;
    }
    rmSync(part, { force: true });
    throw new Error('range not satisfiable; restarting');
  }
  if (res.status !== 200 && res.status !== 206) {
    await res.body?.cancel();
    throw new WorkbenchError('IO_ERROR', `Download failed: the server answered ${res.status} ${res.statusText} for ${url}.`, {
      file: target,
      value: String(res.status),
    });
  }

  // 206 continues the .part; a 200 means the server ignored the Range: start from zero.
  const resuming = res.status === 206 && contentRangeStart(res.headers) === have;
  if (res.status === 206 && !resuming) {
    await res.body?.cancel();
    rmSync(part, { force: true });
    throw new Error('server resumed at an unexpected offset; restarting');
  }
  const hash = resuming ? await hashExisting(part) : createHash('sha256');
  let bytes = resuming ? have : 0;
  const total = totalSize(res.headers, resuming ? have : 0);
  const expected = spec.sha256 ?? sha256FromEtag(res.headers);

  const out = createWriteStream(part, { flags: resuming ? 'a' : 'w' });
  const outDone = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  let lastReport = 0;
  progress(bytes, total);
  try {
    if (!res.body) throw new Error('empty response body');
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      bytes += chunk.length;
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', r));
      const now = Date.now();
      if (now - lastReport >= 100) {
        lastReport = now;
        progress(bytes, total);
      }
    }
  } finally {
    out.end();
    await outDone;
  }
  progress(bytes, total);
  if (total !== undefined && bytes !== total) throw new Error(`connection closed after ${bytes} of ${total} bytes`);

  const actual = hash.digest('hex');
  if (expected && actual !== expected.toLowerCase()) {
    rmSync(part, { force: true }); // a corrupt .part must not be resumed
    throw new WorkbenchError('IO_ERROR', `Checksum mismatch for ${path.basename(target)}: the download is corrupt or not the expected file.`, {
      file: target,
      value: actual,
      expected: expected.toLowerCase(),
    });
  }
  renameSync(part, target);
  options.onFileDone?.({ file: localName(spec), sha256: actual, verified: !!expected });
  return true;
}

function localName(spec: ModelFileSpec): string {
  return spec.local ?? spec.remote;
}

/** The Hub's `x-linked-etag` (LFS files) or `ETag` when it is a sha256; git blob sha1 ETags don't count. */
export function sha256FromEtag(headers: Headers): string | undefined {
  for (const name of ['x-linked-etag', 'etag']) {
    const raw = headers.get(name);
    const v = raw?.replace(/^W\//, '').replace(/"/g, '').trim().toLowerCase();
    if (v && /^[0-9a-f]{64}$/.test(v)) return v;
  }
  return undefined;
}

function contentRangeStart(headers: Headers): number | undefined {
  const m = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(headers.get('content-range') ?? '');
  return m ? Number(m[1]) : undefined;
}

function totalSize(headers: Headers, offset: number): number | undefined {
  const m = /\/(\d+)$/.exec(headers.get('content-range') ?? '');
  if (m) return Number(m[1]);
  const len = headers.get('content-length');
  return len !== null && /^\d+$/.test(len) ? offset + Number(len) : undefined;
}

function hashExisting(file: string): Promise<Hash> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (c) => hash.update(c))
      .on('error', reject)
      .on('end', () => resolve(hash));
  });
}

function wrapError(err: unknown, url: string, target: string, options: DownloadOptions): WorkbenchError {
  if (err instanceof WorkbenchError) return err;
  if (options.signal?.aborted) {
    return new WorkbenchError('CANCELLED', `Download of ${path.basename(target)} cancelled; it resumes where it stopped next time.`, {
      file: target,
    });
  }
  const cause = err instanceof Error ? (err.cause instanceof Error ? `${err.message} (${err.cause.message})` : err.message) : String(err);
  return new WorkbenchError('IO_ERROR', `Download of ${url} failed: ${cause}`, { file: target });
}

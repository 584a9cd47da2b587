/**
 * Browser uploads: the request body streams straight to a file in the upload folder (never held
 * in memory), under a size limit, named by a random id the ingest worker resolves.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { WorkbenchError } from '../../common/errors';

export async function receiveUpload(req: http.IncomingMessage, uploadDir: string, name: string, maxBytes: number): Promise<{ uploadId: string; name: string; size: number }> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new WorkbenchError('TOO_LARGE', `${name} is larger than the upload limit (${Math.round(maxBytes / 2 ** 20)} MB)`, { file: name });
  }
  fs.mkdirSync(uploadDir, { recursive: true });
  const uploadId = crypto.randomBytes(16).toString('hex');
  const dest = path.join(uploadDir, uploadId);
  let size = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > maxBytes) cb(new WorkbenchError('TOO_LARGE', `${name} is larger than the upload limit (${Math.round(maxBytes / 2 ** 20)} MB)`, { file: name }));
      else cb(null, chunk);
    },
  });
  try {
    await pipeline(req, limiter, fs.createWriteStream(dest, { flags: 'wx' }));
  } catch (err) {
    fs.rmSync(dest, { force: true });
    throw err instanceof WorkbenchError ? err : new WorkbenchError('IO_ERROR', `Upload of ${name} failed: ${(err as Error).message}`, { file: name });
  }
  return { uploadId, name, size };
}

/** Uploads are only needed until their import ran; anything older than a day is removed at start. */
export function sweepUploads(uploadDir: string, maxAgeMs = 24 * 3600 * 1000): void {
  if (!fs.existsSync(uploadDir)) return;
  const now = Date.now();
  for (const f of fs.readdirSync(uploadDir)) {
    const p = path.join(uploadDir, f);
    try {
      if (now - fs.statSync(p).mtimeMs > maxAgeMs) fs.rmSync(p, { force: true });
    } catch {
      // a file removed meanwhile is fine
    }
  }
}

/**
 * Streams one file to the headless host: `POST /upload?token=T&name=N` with the raw body.
 * XMLHttpRequest, because fetch still cannot report upload progress.
 */
import { WorkbenchError, toErrorShape, fromErrorShape } from '../../../electron/common/errors';

export interface UploadAnswer {
  uploadId: string;
  name: string;
  size: number;
}

export function uploadUrl(httpBase: string, token: string, name: string): string {
  return `${httpBase}/upload?token=${encodeURIComponent(token)}&name=${encodeURIComponent(name)}`;
}

export function uploadOne(httpBase: string, token: string, file: File, onProgress: (sent: number) => void): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', uploadUrl(httpBase, token, file.name));
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (ev) => onProgress(ev.loaded);
    xhr.onerror = () => reject(new WorkbenchError('IO_ERROR', `Uploading "${file.name}" failed: the host did not answer`, { file: file.name }));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof (body as UploadAnswer).uploadId === 'string') {
        resolve(body as UploadAnswer);
        return;
      }
      // The host answers errors as `{error: {code, message, details}}` or a bare error shape.
      const shape = body && typeof body === 'object' && 'error' in body ? (body as { error: unknown }).error : body;
      const err = shape ? toErrorShape(shape) : { code: 'IO_ERROR' as const, message: `HTTP ${xhr.status}` };
      reject(fromErrorShape({ ...err, message: `Uploading "${file.name}" failed: ${err.message}`, details: { file: file.name, ...err.details } }));
    };
    xhr.send(file);
  });
}

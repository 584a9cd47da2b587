/**
 * The embed worker's model-manager methods: downloads (recording each file's checksum so the
 * panel can say it was verified), the model's files and checksum status, an interrupted
 * download, and the per-node text settings every embedding run reads.
 */
import path from 'node:path';
import { methods } from '../../electron/common/protocol';
import type { ModelDetails } from '../../electron/common/protocol/models';
import { cachedModelDir, downloadModel, validateModelDir, type DownloadedFile } from '../embed/model-manager';
import { describeModelFiles, partialDownload, writeDownloadManifest } from '../embed/model-files';
import { embeddingTextFile, readEmbeddingTextConfig, writeEmbeddingTextConfig } from '../embed/embedding-text-settings';
import type { EmbeddingTextConfig } from '../embed/embedding-text';
import type { EmbedderCache } from '../similarity/embedder-cache';
import { appCacheDir, type ModelLocationOptions } from '../similarity/model-location';
import type { CallContext, Handler } from './runtime';

export const DEFAULT_HUB_URL = 'https://huggingface.co';
export const DEFAULT_MODEL_REPO = 'sentence-transformers/all-MiniLM-L6-v2';

/** KGW_HF_HUB_URL points the manager at another hub; the E2E tests' local server (the test double
 *  for the internet) comes in this way. */
export function hubUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.KGW_HF_HUB_URL || DEFAULT_HUB_URL).replace(/\/+$/, '');
}

/** The text settings in effect for embedding runs of this worker. */
export function textConfigFor(loc: ModelLocationOptions): EmbeddingTextConfig {
  return readEmbeddingTextConfig(embeddingTextFile(appCacheDir(loc)));
}

export function modelManagerHandlers(embedders: EmbedderCache, location: (call: CallContext) => ModelLocationOptions, int8Gemm: boolean): Record<string, Handler> {
  return {
    'model.download': async (p, call) => {
      const { baseUrl } = methods['model.download'].params.parse(p);
      const loc = location(call);
      const dest = cachedModelDir(appCacheDir(loc));
      const done: DownloadedFile[] = [];
      await downloadModel(baseUrl, dest, {
        signal: call.signal,
        onFileDone: (f) => done.push(f),
        onProgress: (d) =>
          call.progress({ stage: 'download', done: d.bytes, total: d.total, unit: 'bytes', message: `${d.file} (${d.fileIndex + 1}/${d.fileCount})` }),
      });
      validateModelDir(dest); // what came down must be a usable model before it is recorded
      writeDownloadManifest(dest, baseUrl, done);
      await embedders.drop();
      const info = await embedders.describe(loc);
      if (info.available && path.resolve(info.dir!) !== path.resolve(dest)) {
        // A folder picked earlier or KGW_MODEL_DIR still wins; say so rather than pretend.
        info.problem = `Downloaded to ${dest}, but ${info.dir} is in use (picked folder or KGW_MODEL_DIR).`;
      }
      return info;
    },
    'model.details': async (_p, call): Promise<ModelDetails> => {
      const loc = location(call);
      const info = await embedders.describe(loc);
      const downloadDir = cachedModelDir(appCacheDir(loc));
      let files: ModelDetails['files'];
      if (info.available && info.dir) {
        const r = await describeModelFiles(validateModelDir(info.dir));
        files = { list: r.files, sizeBytes: r.sizeBytes, sha256: r.sha256, checksum: r.checksum, checksumNote: r.checksumNote };
      }
      return { info, files, downloadDir, partial: partialDownload(downloadDir), hubUrl: hubUrl(), defaultRepo: DEFAULT_MODEL_REPO, int8Gemm };
    },
    'embed.getTextConfig': (_p, call) => textConfigFor(location(call)),
    'embed.setTextConfig': (p, call) => {
      const patch = methods['embed.setTextConfig'].params.parse(p);
      return writeEmbeddingTextConfig(embeddingTextFile(appCacheDir(location(call))), patch);
    },
  };
}

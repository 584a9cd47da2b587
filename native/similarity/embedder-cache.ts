/**
 * One loaded embedder per process (an ONNX session holds ~100 MB and takes about a second to
 * create), reloaded when the model folder in use changes, plus the model description the
 * model manager shows.
 */
import os from 'node:os';
import { SentenceEmbedder, type EmbedderOptions } from '../embed/sentence-embedder';
import type { ModelFolder } from '../embed/model-manager';
import { toErrorShape } from '../../electron/common/errors';
import type { ModelInfo } from '../../electron/common/protocol/similarity';
import { appCacheDir, candidateModelDirs, locateModel, type ModelLocationOptions } from './model-location';

/**
 * Embedder options from the environment: KGW_EMBED_THREADS (default: all cores) and
 * KGW_EMBED_INT8_GEMM=0 (opt out of the default int8 GEMMs, native/embed/README.md; the two
 * paths tag their vectors with different model ids, so they never mix).
 */
export function embedderOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): EmbedderOptions {
  const threads = Number(env.KGW_EMBED_THREADS);
  return {
    threads: Number.isInteger(threads) && threads > 0 ? threads : os.availableParallelism(),
    int8MatMul: env.KGW_EMBED_INT8_GEMM !== '0',
  };
}

export class EmbedderCache {
  private current: { dir: string; promise: Promise<SentenceEmbedder> } | undefined;

  constructor(private readonly options: EmbedderOptions = embedderOptionsFromEnv()) {}

  get(folder: ModelFolder): Promise<SentenceEmbedder> {
    if (this.current?.dir !== folder.dir) {
      void this.drop();
      const promise = SentenceEmbedder.load(folder.dir, this.options);
      this.current = { dir: folder.dir, promise };
      // A failed load is not cached: the user may fix the folder and try again.
      promise.catch(() => {
        if (this.current?.promise === promise) this.current = undefined;
      });
    }
    return this.current!.promise;
  }

  /** The embedder of the model the workbench would use now (see model-location.ts). */
  forLocation(loc: ModelLocationOptions): Promise<SentenceEmbedder> {
    return this.get(locateModel(loc));
  }

  async drop(): Promise<void> {
    const old = this.current;
    this.current = undefined;
    if (old) await old.promise.then((e) => e.release()).catch(() => undefined);
  }

  /** What the model manager shows: the folder in use and its id, or why there is none. */
  async describe(loc: ModelLocationOptions): Promise<ModelInfo> {
    const tried = candidateModelDirs(loc);
    const cacheDir = appCacheDir(loc);
    try {
      const folder = locateModel(loc);
      const embedder = await this.get(folder);
      return { available: true, dir: folder.dir, modelName: folder.modelName, modelId: embedder.modelId, dim: embedder.dim, cacheDir, tried };
    } catch (err) {
      return { available: false, cacheDir, tried, problem: toErrorShape(err).message };
    }
  }
}

/**
 * Where the embedding model lives and whether a folder holds a usable one.
 *
 * A usable folder is any sentence-transformers ONNX export: `model.onnx` (or `onnx/model.onnx`,
 * the Hugging Face layout), `tokenizer.json` and `config.json` (for `hidden_size`).
 * Order of preference when resolving: a folder the user picked, `$KGW_MODEL_DIR`, the app's cache.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkbenchError } from '../../electron/common/errors';

export { downloadModel, HF_SENTENCE_TRANSFORMERS_FILES, huggingFaceUrl } from './model-download';
export type { DownloadedFile, DownloadOptions, DownloadProgress, ModelFileSpec } from './model-download';

export const DEFAULT_MODEL_NAME = 'all-MiniLM-L6-v2';

export interface ModelFolder {
  dir: string;
  modelFile: string;
  tokenizerFile: string;
  /** tokenizer_config.json when present: pad token, lower-casing flags. */
  tokenizerConfigFile?: string;
  configFile: string;
  /** Model name from config.json's `_name_or_path` (last segment), else the folder name. */
  modelName: string;
  hiddenSize: number;
  maxPositionEmbeddings?: number;
  modelType?: string;
}

/** Per-platform cache folder of the app (Electron passes app.getPath('cache') instead when it has one). */
export function defaultAppCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'kg-workbench', 'Cache');
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'kg-workbench');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'kg-workbench');
}

/** Folder under the app cache where a downloaded model of this name goes. */
export function cachedModelDir(appCacheDir: string = defaultAppCacheDir(), modelName: string = DEFAULT_MODEL_NAME): string {
  return path.join(appCacheDir, 'models', modelName);
}

/** Checks that `dir` holds a complete model; throws MODEL_MISSING saying which file is wrong. */
export function validateModelDir(dir: string): ModelFolder {
  const abs = path.resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new WorkbenchError('MODEL_MISSING', `The model folder ${abs} does not exist.`, { file: abs });
  }
  const modelFile = [path.join(abs, 'model.onnx'), path.join(abs, 'onnx', 'model.onnx')].find(isNonEmptyFile);
  if (!modelFile) {
    throw new WorkbenchError('MODEL_MISSING', `No model.onnx (or onnx/model.onnx) in ${abs}.`, { file: abs, expected: 'model.onnx' });
  }
  const tokenizerFile = path.join(abs, 'tokenizer.json');
  if (!isNonEmptyFile(tokenizerFile)) {
    throw new WorkbenchError('MODEL_MISSING', `No tokenizer.json in ${abs}.`, { file: tokenizerFile, expected: 'tokenizer.json' });
  }
  const configFile = path.join(abs, 'config.json');
  if (!isNonEmptyFile(configFile)) {
    throw new WorkbenchError('MODEL_MISSING', `No config.json in ${abs}.`, { file: configFile, expected: 'config.json' });
  }
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new WorkbenchError('MODEL_MISSING', `config.json is not valid JSON: ${(err as Error).message}`, { file: configFile });
  }
  const hiddenSize = config.hidden_size;
  if (typeof hiddenSize !== 'number' || !Number.isInteger(hiddenSize) || hiddenSize <= 0) {
    throw new WorkbenchError('MODEL_MISSING', 'config.json has no positive integer hidden_size, so the vector size is unknown.', {
      file: configFile,
      value: JSON.stringify(hiddenSize),
      expected: 'hidden_size: a positive integer',
    });
  }
  const tokenizerConfigFile = path.join(abs, 'tokenizer_config.json');
  const nameOrPath = typeof config._name_or_path === 'string' ? config._name_or_path.split(/[\\/]/).filter(Boolean).pop() : undefined;
  return {
    dir: abs,
    modelFile,
    tokenizerFile,
    tokenizerConfigFile: isNonEmptyFile(tokenizerConfigFile) ? tokenizerConfigFile : undefined,
    configFile,
    modelName: nameOrPath || path.basename(abs),
    hiddenSize,
    maxPositionEmbeddings: typeof config.max_position_embeddings === 'number' ? config.max_position_embeddings : undefined,
    modelType: typeof config.model_type === 'string' ? config.model_type : undefined,
  };
}

export interface ResolveModelOptions {
  /** A folder the user picked in the model manager; wins when set. */
  userDir?: string;
  /** The app's cache folder (Electron: app.getPath('cache')); defaults per platform. */
  appCacheDir?: string;
  modelName?: string;
  env?: NodeJS.ProcessEnv;
}

/** The first usable model folder in order of preference; MODEL_MISSING lists every place tried. */
export function resolveModelDir(options: ResolveModelOptions = {}): ModelFolder {
  const env = options.env ?? process.env;
  const candidates = [
    options.userDir,
    env.KGW_MODEL_DIR || undefined,
    cachedModelDir(options.appCacheDir ?? defaultAppCacheDir(env), options.modelName ?? DEFAULT_MODEL_NAME),
  ].filter((d): d is string => typeof d === 'string' && d.length > 0);
  const problems: string[] = [];
  for (const dir of candidates) {
    try {
      return validateModelDir(dir);
    } catch (err) {
      problems.push(err instanceof Error ? err.message : String(err));
    }
  }
  throw new WorkbenchError('MODEL_MISSING', `No embedding model found. Download it or pick a folder. Tried: ${problems.join(' ')}`, {
    tried: candidates,
  });
}

function isNonEmptyFile(file: string): boolean {
  try {
    const st = statSync(file);
    return st.isFile() && st.size > 0;
  } catch {
    return false;
  }
}

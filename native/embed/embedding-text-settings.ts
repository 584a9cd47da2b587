/**
 * The user's choice of what text is embedded per node (embedding-text.ts), kept in a small JSON
 * file beside the picked-model file in the app cache (`models/embedding-text.json`), so the embed
 * worker reads it for every embedding run, started by the user or after an import.
 * A file that is missing or unreadable means the defaults; unknown or ill-typed keys are dropped.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_EMBEDDING_TEXT_CONFIG, type EmbeddingTextConfig } from './embedding-text';

export const EMBEDDING_TEXT_FILE = 'embedding-text.json';

export function embeddingTextFile(appCacheDir: string): string {
  return path.join(appCacheDir, 'models', EMBEDDING_TEXT_FILE);
}

const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.map((x: string) => x.trim()).filter(Boolean) : undefined;

/** Keeps only well-typed fields of a (possibly hand-edited) config. */
export function sanitizeEmbeddingTextConfig(raw: unknown): Partial<EmbeddingTextConfig> {
  if (!raw || typeof raw !== 'object') return {};
  const r = raw as Record<string, unknown>;
  const out: Partial<EmbeddingTextConfig> = {};
  for (const key of ['passageTypes', 'passageTextProps', 'omitTypes', 'extraProps'] as const) {
    const v = strings(r[key]);
    if (v) out[key] = v;
  }
  if (typeof r.includeType === 'boolean') out.includeType = r.includeType;
  if (r.conceptsProp === null || typeof r.conceptsProp === 'string') out.conceptsProp = typeof r.conceptsProp === 'string' && r.conceptsProp.trim() ? r.conceptsProp.trim() : null;
  if (typeof r.maxConcepts === 'number' && Number.isInteger(r.maxConcepts) && r.maxConcepts >= 0 && r.maxConcepts <= 100) out.maxConcepts = r.maxConcepts;
  return out;
}

/** The full config in effect: defaults overlaid with what the user saved. */
export function readEmbeddingTextConfig(file: string): EmbeddingTextConfig {
  let saved: Partial<EmbeddingTextConfig> = {};
  try {
    saved = sanitizeEmbeddingTextConfig(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    // no file yet, or not JSON: the defaults
  }
  return { ...DEFAULT_EMBEDDING_TEXT_CONFIG, ...saved };
}

/** Saves a change (only the fields given) and returns the config now in effect. */
export function writeEmbeddingTextConfig(file: string, patch: Partial<EmbeddingTextConfig>): EmbeddingTextConfig {
  const next = { ...readEmbeddingTextConfig(file), ...sanitizeEmbeddingTextConfig(patch) };
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(next, null, 2));
  renameSync(tmp, file);
  return next;
}

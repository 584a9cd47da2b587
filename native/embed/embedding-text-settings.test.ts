import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_EMBEDDING_TEXT_CONFIG, embeddingText } from './embedding-text';
import { embeddingTextFile, readEmbeddingTextConfig, sanitizeEmbeddingTextConfig, writeEmbeddingTextConfig } from './embedding-text-settings';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kgw-ets-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('embedding text settings', () => {
  it('are the defaults until saved, then what was saved, and survive a re-read', () => {
    const file = embeddingTextFile(tmp);
    expect(file).toBe(path.join(tmp, 'models', 'embedding-text.json'));
    expect(readEmbeddingTextConfig(file)).toEqual(DEFAULT_EMBEDDING_TEXT_CONFIG);
    const saved = writeEmbeddingTextConfig(file, { includeType: false, conceptsProp: '' });
    expect(saved).toMatchObject({ includeType: false, conceptsProp: null, maxConcepts: 8 });
    expect(readEmbeddingTextConfig(file)).toEqual(saved);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(saved);
    // What the settings change: "Paris (city): capital" becomes just "Paris".
    const node = { id: 'p', name: 'Paris', type: 'city', props: { concepts: ['capital'] } };
    expect(embeddingText(node, DEFAULT_EMBEDDING_TEXT_CONFIG)).toBe('Paris (city): capital');
    expect(embeddingText(node, saved)).toBe('Paris');
  });

  it('drop ill-typed fields of a hand-edited file instead of failing', () => {
    expect(sanitizeEmbeddingTextConfig({ includeType: 'yes', maxConcepts: -1, extraProps: [' year ', 3], passageTypes: [' chunk ', ''] })).toEqual({ passageTypes: ['chunk'] });
    const file = path.join(tmp, 'broken.json');
    writeFileSync(file, '{not json');
    expect(readEmbeddingTextConfig(file)).toEqual(DEFAULT_EMBEDDING_TEXT_CONFIG);
  });
});

import { describe, expect, it } from 'vitest';
import type { EmbeddingTextSettings } from '../../../../electron/common/protocol/models';
import { entityTemplate, formatList, parseList, passageTemplate } from './text-config';

const DEFAULTS: EmbeddingTextSettings = {
  passageTypes: ['passage', 'text', 'chunk', 'document'],
  passageTextProps: ['text', 'content', 'passage'],
  includeType: true,
  omitTypes: [],
  conceptsProp: 'concepts',
  maxConcepts: 8,
  extraProps: [],
};

describe('text settings in the model panel', () => {
  it('turn comma lists into trimmed items and back', () => {
    expect(parseList(' passage, chunk ,, text ')).toEqual(['passage', 'chunk', 'text']);
    expect(parseList('')).toEqual([]);
    expect(formatList(['a', 'b'])).toBe('a, b');
  });

  it('describe the default: name, type and concepts; the passage for text nodes', () => {
    expect(entityTemplate(DEFAULTS)).toBe('name (type): concepts (up to 8)');
    expect(passageTemplate(DEFAULTS)).toBe("types passage, text, chunk, document: the node's own text, else its text / content / passage property");
  });

  it('follow the switches', () => {
    expect(entityTemplate({ ...DEFAULTS, includeType: false, conceptsProp: null, extraProps: ['year'] })).toBe('name; year: value');
    expect(entityTemplate({ ...DEFAULTS, maxConcepts: 0 })).toBe('name (type)');
    expect(passageTemplate({ ...DEFAULTS, passageTypes: [] })).toBe('no node type is treated as a passage');
  });
});

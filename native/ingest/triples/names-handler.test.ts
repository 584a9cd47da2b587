import { describe, expect, it } from 'vitest';
import { detectDialect, splitName } from './names-handler';

describe('names files', () => {
  it('tells the dialect from the file name or the values', () => {
    expect(detectDialect([], 'FB15k_mid2name.txt')).toBe('underscores');
    expect(detectDialect([], 'entity2text.txt')).toBe('name-comma-gloss');
    expect(detectDialect([['a', 'dog, a domestic animal'], ['b', 'cat, a small feline']], 'x.txt')).toBe('name-comma-gloss');
    expect(detectDialect([['a', 'Barack_Obama'], ['b', 'Paris']], 'x.txt')).toBe('underscores');
    expect(detectDialect([['a', 'Barack Obama'], ['b', 'Paris']], 'x.txt')).toBe('plain');
  });

  it('splits names by dialect, keeping what it changed', () => {
    expect(splitName('Gary_Rydstrom', 'underscores')).toEqual({ name: 'Gary Rydstrom', props: { raw_name: 'Gary_Rydstrom' } });
    expect(splitName('Paris', 'underscores')).toEqual({ name: 'Paris' });
    expect(splitName('saxony, an area in Germany, near the Elbe', 'name-comma-gloss')).toEqual({ name: 'saxony', props: { description: 'an area in Germany, near the Elbe' } });
    expect(splitName('no gloss here', 'name-comma-gloss')).toEqual({ name: 'no gloss here' });
    expect(splitName('Keep_As_Is, yes', 'plain')).toEqual({ name: 'Keep_As_Is, yes' });
  });
});

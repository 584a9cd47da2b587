import { describe, expect, it } from 'vitest';
import { assertSupportedVersion } from './connection';
import { labelName, MAX_NAME_LENGTH, quoteName } from './cypher-names';
import { luceneQuery } from './neo4j-store';
import { decodeProps, encodeProps } from './props-codec';

/** A quoted name is safe when it is one backtick-delimited token with only doubled backticks inside. */
function isSingleQuotedToken(q: string): boolean {
  return /^`(?:[^`\\\u0000-\u001f]|``)+`$/.test(q);
}

describe('quoteName', () => {
  const attacks = [
    'X`]->(m) DETACH DELETE m //',
    'Foo`:Bar',
    '`',
    '``',
    'a\\u0060b',
    'a\u0060b',
    'line\nbreak; MATCH (n) DETACH DELETE n',
    'nul\u0000byte',
    'tab\there',
    'ends with backslash\\',
    '} RETURN 1 //',
    '\ud800 lone surrogate',
  ];
  it.each(attacks)('quotes %j as a single token', (raw) => {
    const q = quoteName(raw, 'T');
    expect(isSingleQuotedToken(q)).toBe(true);
    expect(q).not.toMatch(/\\/);
    // Undoubling the inside gives back the sanitised name: nothing escapes the quotes.
    expect(q.slice(1, -1).replace(/``/g, '`')).toBe(labelName(raw, 'T'));
  });

  it('keeps ordinary names readable and uses the fallback for empty ones', () => {
    expect(quoteName('ACTED_IN', 'T')).toBe('`ACTED_IN`');
    expect(quoteName('is part of', 'T')).toBe('`is part of`');
    expect(quoteName('Événement', 'T')).toBe('`Événement`');
    expect(quoteName('', 'RELATED_TO')).toBe('`RELATED_TO`');
    expect(quoteName('   ', 'RELATED_TO')).toBe('`RELATED_TO`');
    expect(quoteName(undefined, 'node')).toBe('`node`');
  });

  it('caps very long names', () => {
    expect([...labelName('x'.repeat(1000), 'T')].length).toBe(MAX_NAME_LENGTH);
  });
});

describe('luceneQuery', () => {
  it('escapes Lucene syntax and prefixes the last term', () => {
    expect(luceneQuery('Keanu Ree')).toBe('keanu AND (ree OR ree*)');
    expect(luceneQuery('a:b (c)')).toBe('a\\:b AND (\\(c\\) OR \\(c\\)*)');
    expect(luceneQuery('   ')).toBeNull();
  });
});

describe('props codec', () => {
  it('JSON-encodes what Neo4j cannot store and decodes it back', () => {
    const props = { n: 3, f: 1.5, s: 'x', b: true, nil: null, list: [1, 2], mixed: [1, 'a'], obj: { a: { b: [1] } }, id: 'user-id', 'user.x': 1 };
    const enc = encodeProps(props);
    expect(enc.nil).toBeUndefined();
    expect(enc._json).toEqual(['mixed', 'obj']);
    expect(typeof enc.obj).toBe('string');
    expect(enc['user.id']).toBe('user-id'); // reserved key moved aside
    const plain = Object.fromEntries(Object.entries(enc).map(([k, v]) => [k, toPlain(v)]));
    const { nil: _nil, ...rest } = props;
    expect(decodeProps(plain)).toEqual(rest);
  });
});

describe('assertSupportedVersion', () => {
  it('accepts 5.x and calendar versions, rejects 4.x with NEO4J_VERSION', () => {
    expect(() => assertSupportedVersion('5.26.0')).not.toThrow();
    expect(() => assertSupportedVersion('2025.06.0')).not.toThrow();
    expect(() => assertSupportedVersion('4.4.30')).toThrow(expect.objectContaining({ code: 'NEO4J_VERSION' }));
  });
});

/** What the driver hands back for an Integer when `disableLosslessIntegers` is on. */
function toPlain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toPlain);
  if (v && typeof v === 'object' && 'toNumber' in v) return (v as { toNumber(): number }).toNumber();
  return v;
}

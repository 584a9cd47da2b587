import { describe, expect, it } from 'vitest';
import { castValue, isNeo4jHeader, namespacedId, parseHeaderCell } from './neo4j-header';

const ctx = { file: 'f.csv', line: 7, column: 3 };

describe('Neo4j header cells', () => {
  it('parses id, group, label, type and typed property cells', () => {
    expect(parseHeaderCell('name:ID')).toMatchObject({ name: 'name', kind: 'ID' });
    expect(parseHeaderCell('movieId:ID(Movie-ID)')).toMatchObject({ name: 'movieId', kind: 'ID', group: 'Movie-ID' });
    expect(parseHeaderCell(':START_ID(Actor-ID)')).toMatchObject({ name: '', kind: 'START_ID', group: 'Actor-ID' });
    expect(parseHeaderCell(':END_ID')).toMatchObject({ kind: 'END_ID', group: undefined });
    expect(parseHeaderCell(':LABEL')).toMatchObject({ kind: 'LABEL' });
    expect(parseHeaderCell(':TYPE')).toMatchObject({ kind: 'TYPE' });
    expect(parseHeaderCell('skip:IGNORE')).toMatchObject({ kind: 'IGNORE' });
    expect(parseHeaderCell('year:int')).toMatchObject({ name: 'year', kind: 'PROPERTY', type: 'int', array: false });
    expect(parseHeaderCell('tags:string[]')).toMatchObject({ name: 'tags', type: 'string', array: true });
    expect(parseHeaderCell('embedding:STRING')).toMatchObject({ name: 'embedding', type: 'string' });
    expect(parseHeaderCell('born:date')).toMatchObject({ name: 'born', type: 'other' });
    expect(parseHeaderCell('plain')).toMatchObject({ name: 'plain', kind: 'PROPERTY', type: 'string' });
    // A colon that does not introduce a known type is part of the name.
    expect(parseHeaderCell('time:zone')).toMatchObject({ name: 'time:zone', type: 'string' });
  });

  it('recognises admin-import headers by their id columns', () => {
    expect(isNeo4jHeader(['movieId:ID', 'title'])).toBe(true);
    expect(isNeo4jHeader([':START_ID', 'role', ':END_ID'])).toBe(true);
    expect(isNeo4jHeader(['id', 'name', 'year:int'])).toBe(false);
  });

  it('namespaces ids by group only', () => {
    expect(namespacedId('1', 'Actor-ID')).toBe('Actor-ID:1');
    expect(namespacedId('keanu', undefined)).toBe('keanu');
  });
});

describe('typed casts', () => {
  it('casts ints, floats, booleans and arrays', () => {
    expect(castValue('1999', parseHeaderCell('year:int'), ctx)).toBe(1999);
    expect(castValue('-12', parseHeaderCell('x:long'), ctx)).toBe(-12);
    expect(castValue('9007199254740993', parseHeaderCell('x:long'), ctx)).toBe('9007199254740993');
    expect(castValue('2.5e1', parseHeaderCell('s:double'), ctx)).toBe(25);
    expect(castValue('.5', parseHeaderCell('s:float'), ctx)).toBe(0.5);
    expect(castValue('TRUE', parseHeaderCell('f:boolean'), ctx)).toBe(true);
    expect(castValue('false', parseHeaderCell('f:boolean'), ctx)).toBe(false);
    expect(castValue('a;b;c', parseHeaderCell('tags:string[]'), ctx)).toEqual(['a', 'b', 'c']);
    expect(castValue('1;2', parseHeaderCell('n:int[]'), ctx)).toEqual([1, 2]);
    expect(castValue('  padded ', parseHeaderCell('s'), ctx)).toBe('  padded ');
  });

  it('names the column, line, value and expectation of a bad cast', () => {
    const col = parseHeaderCell('year:int');
    expect(() => castValue('abc', col, ctx)).toThrow(/year:int.*integer.*"abc".*line 7/);
    try {
      castValue('abc', col, ctx);
    } catch (e) {
      expect(e).toMatchObject({ code: 'PARSE_ERROR', details: { file: 'f.csv', line: 7, column: 3, value: 'abc' } });
    }
    expect(() => castValue('1.5', col, ctx)).toThrow(/integer/);
    expect(() => castValue('yes', parseHeaderCell('f:boolean'), ctx)).toThrow(/true or false/);
    expect(() => castValue('1;x', parseHeaderCell('n:float[]'), ctx)).toThrow(/number/);
  });
});

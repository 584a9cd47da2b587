import { describe, expect, it } from 'vitest';
import { detectDelimiter, sampleRows } from './sniff';

describe('sampleRows and detectDelimiter', () => {
  const rows = Array.from({ length: 500 }, (_, i) => `n${i};"x, ${i}";${i}`);
  const text = `id;name;v\n${rows.join('\n')}\n`;

  it('samples the first `max` complete records only', () => {
    const sample = sampleRows(text, ';', true, 200);
    expect(sample).toHaveLength(200);
    expect(sample[0]).toEqual(['id', 'name', 'v']);
    expect(sample[199]).toEqual(['n198', 'x, 198', '198']);
    // A head cut inside a record leaves that record out.
    expect(sampleRows('a,b\n1,2\n3,"4', ',', true)).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('picks the delimiter of the most regular table, also past a record the sample never reaches', () => {
    // A malformed record after the sampled rows (text after a closing quote) no longer makes the
    // sample for ';' fail as a whole: the parser reports that record with its line.
    expect(detectDelimiter(`${text}bad;"x"y;1\n`)?.delimiter).toBe(';');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n')?.delimiter).toBe('\t');
  });

  it('answers again for each of several heads (an import sniffs every file before parsing the first)', () => {
    const heads = [text, 'a,b\n1,2\n', 'a|b|c\n1|2|3\n'];
    const first = heads.map((h) => detectDelimiter(h));
    const again = heads.map((h) => detectDelimiter(h));
    expect(first.map((s) => s?.delimiter)).toEqual([';', ',', '|']);
    // The same sample object each time: the memo holds every recent head, not just the last one.
    again.forEach((s, i) => expect(s).toBe(first[i]));
  });
});

import { describe, expect, it } from 'vitest';
import { listLiteralJson, parseFloatList, parseListLiteral, simpleListJson } from './python-literal';

describe('parseListLiteral', () => {
  it('reads Python str(list) output as AutoSchemaKG writes it', () => {
    expect(parseListLiteral('[]')).toEqual([]);
    expect(parseListLiteral("['existed', 'happened', 'occurred']")).toEqual(['existed', 'happened', 'occurred']);
    // Python switches to double quotes when the string holds an apostrophe.
    expect(parseListLiteral(`["Paranormal Military Squad's elite", 'team']`)).toEqual(["Paranormal Military Squad's elite", 'team']);
    expect(parseListLiteral(`['it\\'s', "say \\"hi\\"", 'a\\\\b', 'tab\\there']`)).toEqual(["it's", 'say "hi"', 'a\\b', 'tab\there']);
  });

  it('reads numbers, True/False/None, nested lists and a trailing comma', () => {
    expect(parseListLiteral('[1, -2.5, 3e2, True, False, None, [1, [2]],]')).toEqual([1, -2.5, 300, true, false, null, [1, [2]]]);
  });

  it('reads JSON lists and escapes', () => {
    expect(parseListLiteral('["a", null, true, "\\u00e9\\n"]')).toEqual(['a', null, true, 'é\n']);
    expect(parseListLiteral("['\\x41']")).toEqual(['A']);
  });

  it('keeps commas and brackets inside strings', () => {
    expect(parseListLiteral("['a, b', ']', '[']")).toEqual(['a, b', ']', '[']);
  });

  it('returns undefined for text that is not exactly one list', () => {
    for (const bad of ['', 'abc', '[a, b]', "['open]", '[1, 2] trailing', '[1 2]', "['x'", '[,]', '[1,,2]', '[Nonesuch]']) {
      expect(parseListLiteral(bad), bad).toBeUndefined();
    }
  });
});

describe('parseFloatList', () => {
  it('reads an embedding list into a Float32Array', () => {
    const v = parseFloatList('[-0.0488, 0.25, 1e-3]');
    expect(v).toBeInstanceOf(Float32Array);
    expect(Array.from(v!)).toEqual([Math.fround(-0.0488), 0.25, Math.fround(0.001)]);
    expect(parseFloatList('[]')!.length).toBe(0);
  });

  it('refuses non-numeric elements', () => {
    expect(parseFloatList("['a', 1]")).toBeUndefined();
    expect(parseFloatList('[1,,2]')).toBeUndefined();
    expect(parseFloatList('1, 2')).toBeUndefined();
  });
});

describe('listLiteralJson', () => {
  it('is JSON.stringify of parseListLiteral, or undefined where that is', () => {
    const cells = [
      '[]', "['a']", "['a', 'b c']", "['a','b']", "['', 'x']", "['a, b', 'c']", "['é ✓ 𝄞', 'x\u2028y']", "['a',  'b']", "[ 'a']", "['a' ]",
      "['a', ]", "['a'] ", " ['a']", `["a", 'b']`, `['it"s']`, "['a\\'b']", "['tab\there']", "['lone \ud800']", "['a', 1]", "['a', None]",
      "['a', ['b']]", "['open", "['a'", "['a'b]", "['a';'b']", '[1, 2.5, True]', "['a', 'b'] x",
      // The plain single-quoted lists AutoSchemaKG writes most, and near misses of that shape.
      "['organization', 'military unit', 'event']", "['', '']", "['a', '']", "['del\x7f', 'ü', '\u2028']", "['a\x1fb']",
      "['a'], ['b']", "['a', 'b'], ['c']", "['a',\t'b']", "['a', 'b',]", "['a' , 'b']", "['a', \"b\"]", "['a', 'b\\']", "['😀', 'x']",
      "['a', 'b']]", "[['a', 'b']", "['a', 'b'",
      // Quotes where the one-pass reader of plain lists must decline.
      "[']", "['']", "[''']", "['a', ']", "['a', '", "['a', '']", "['a', ''b']", "[', ']", "['', ', '']", "['a',  ']",
    ];
    for (const c of cells) {
      const v = parseListLiteral(c);
      expect(listLiteralJson(c), c).toBe(v === undefined ? undefined : JSON.stringify(v));
    }
  });
});

describe('simpleListJson', () => {
  // The plain-list shape it reads, as a regex: the reference it must agree with.
  const SHAPE = /^\['[^'"\\\x00-\x1f\ud800-\udfff]*'(?:, '[^'"\\\x00-\x1f\ud800-\udfff]*')*\]$/;

  it('reads exactly the plain single-quoted lists, as JSON.stringify of the parsed list', () => {
    // Random cells from the characters that matter, near the shape: each is either read (and
    // then equals the parser's JSON) or declined, as the shape says.
    const alphabet = ["'", "'", ', ', ',', ' ', 'a', 'b', '"', '\\', '[', ']', '\x01', '\ud800', 'é'];
    let seed = 12345;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    let read = 0;
    for (let k = 0; k < 20_000; k++) {
      let inner = '';
      const len = rand(12);
      for (let j = 0; j < len; j++) inner += alphabet[rand(alphabet.length)];
      const cell = rand(4) === 0 ? inner : `['${inner}']`;
      const got = simpleListJson(cell);
      expect(got !== undefined, cell).toBe(SHAPE.test(cell));
      if (got !== undefined) {
        read++;
        expect(got, cell).toBe(JSON.stringify(parseListLiteral(cell)));
      }
    }
    expect(read).toBeGreaterThan(500);
  });
});

/** The answer's canvas marks and table/CSV, on small hand-made answers with known expectations. */
import { describe, expect, it } from 'vitest';
import { answerElements, highlightOf, hopColor, PASSAGE_COLOR, PATH_COLOR } from './query-highlight';
import { tableOf, toCsv } from './query-export';
import { missingInput, DEFAULT_PARAMS, type QueryAnswer } from './query-store';

const node = (id: string, extra: object = {}) => ({ id, name: id.toUpperCase(), type: 't', ...extra });
const edge = (id: string, source: string, target: string) => ({ id, source, target, type: 'r' });

describe('query answer on the canvas', () => {
  it('k-hop: colour by hop, the start node larger with a dark ring', () => {
    const a: QueryAnswer = { kind: 'khop', data: { nodes: [node('a', { hop: 0 }), node('b', { hop: 1 }), node('c', { hop: 2 })], edges: [edge('1', 'a', 'b')], ms: 1 } };
    const h = highlightOf(a);
    expect(h.nodes.get('b')!.color).toBe(hopColor(1));
    expect(h.nodes.get('c')!.color).toBe(hopColor(2));
    expect(hopColor(1)).not.toBe(hopColor(2));
    expect(h.nodes.get('a')!.size).toBeGreaterThan(h.nodes.get('b')!.size);
    expect(h.edges.has('1')).toBe(true);
  });

  it('paths: the shortest drawn as the path colour, the others in the second colour', () => {
    const a: QueryAnswer = {
      kind: 'paths',
      data: {
        paths: [{ nodes: ['a', 'b'], edges: ['1'] }, { nodes: ['a', 'c', 'b'], edges: ['2', '3'] }],
        nodes: [node('a'), node('b'), node('c')],
        edges: [edge('1', 'a', 'b'), edge('2', 'a', 'c'), edge('3', 'c', 'b')],
        truncated: false,
        ms: 1,
      },
    };
    const h = highlightOf(a);
    expect(h.edges.get('1')!.color).toBe(PATH_COLOR);
    expect(h.edges.get('2')!.color).not.toBe(PATH_COLOR);
    expect(h.edges.get('1')!.width).toBeGreaterThan(h.edges.get('2')!.width);
  });

  it('PPR: higher score, bigger node; retrieval steps light different sets, passages as blue squares', () => {
    const ppr: QueryAnswer = { kind: 'ppr', data: { seeds: [node('a', { score: 0.3 })], nodes: [node('a', { score: 0.3 }), node('b', { score: 0.1 }), node('c', { score: 0.05 })], edges: [], iterations: 20, delta: 0, ms: 1 } };
    const h = highlightOf(ppr);
    expect(h.nodes.get('a')!.size).toBeGreaterThan(h.nodes.get('b')!.size);
    expect(h.nodes.get('b')!.size).toBeGreaterThan(h.nodes.get('c')!.size);

    const r: QueryAnswer = {
      kind: 'retrieve',
      data: {
        text: 'q',
        seeds: [node('s', { score: 0.8 })],
        spread: [node('s', { score: 0.4 }), node('x', { score: 0.2 })],
        answers: [node('x', { score: 0.2, passages: ['p'] })],
        passages: [{ ...node('p'), score: 0.3, text: 'once upon a time', linked: ['x'] }],
        edges: [edge('9', 'x', 'p')],
        iterations: 20,
        ms: 1,
        timings: { searchMs: 1, spreadMs: 1, totalMs: 2 },
      },
    };
    expect([...highlightOf(r, 'seeds').nodes.keys()]).toEqual(['s']);
    expect([...highlightOf(r, 'spread').nodes.keys()].sort()).toEqual(['s', 'x']);
    const answers = highlightOf(r, 'answers');
    expect(answers.nodes.get('p')).toMatchObject({ color: PASSAGE_COLOR, shape: 'round-rectangle' });
    expect(answers.edges.has('9')).toBe(true);
    expect(answerElements(r).nodes.map((n) => n.id)).toEqual(['s', 'x', 'p']);
    expect(tableOf(r, 'seeds').rows).toEqual([[1, 0.8, 's', 'S', 't']]);
  });
});

describe('query answer as a table', () => {
  it('path rows carry the edge to the next node; CSV quotes commas, quotes and line breaks', () => {
    const a: QueryAnswer = { kind: 'path', data: { found: true, nodes: [node('a'), { id: 'b', name: 'Bee, "the" one', type: 't' }], edges: [edge('1', 'a', 'b')], hops: 1, ms: 1 } };
    const t = tableOf(a);
    expect(t.rows).toEqual([[0, 'a', 'A', 't', 'r'], [1, 'b', 'Bee, "the" one', 't', '']]);
    expect(toCsv(t)).toBe('step,id,name,type,edge to next\r\n0,a,A,t,r\r\n1,b,"Bee, ""the"" one",t,\r\n');
  });

  it('says what input is missing', () => {
    expect(missingInput({ kind: 'path', picked: [{ id: 'a', name: 'A' }], params: DEFAULT_PARAMS })).toMatch(/two nodes/);
    expect(missingInput({ kind: 'khop', picked: [{ id: 'a', name: 'A' }], params: DEFAULT_PARAMS })).toBeNull();
    expect(missingInput({ kind: 'retrieve', picked: [], params: { ...DEFAULT_PARAMS, text: ' ' } })).toMatch(/question/);
  });
});

import { describe, expect, it } from 'vitest';
import { FlatBuilder } from './flat-rows';
import { Key64 } from './hash64-table';

const hashOf = (s: string): [number, number] => {
  const k = new Key64();
  k.begin();
  k.mix(s);
  k.finish();
  return [k.h1, k.h2];
};

describe('FlatBuilder', () => {
  it('with hashIds, sends the Key64 hash of every node id and edge endpoint', () => {
    const b = new FlatBuilder(true);
    b.node('a', '', 'entity', null, null, null, 2);
    expect([b.lastH1, b.lastH2]).toEqual(hashOf('a'));
    b.node('Alex Mercer, then "x" é', 'n', '', null, '{"k":1}', null, 3);
    b.edge('a', 'Alex Mercer, then "x" é', 'rel', null, null, 4);
    b.edge('missing', 'a', '', 'e1', null, 5);
    const { nodes, edges } = b.take();
    const unsigned = (a: number[]) => a.map((h) => h >>> 0);
    expect(unsigned(nodes.idHash!)).toEqual([...hashOf('a'), ...hashOf('Alex Mercer, then "x" é')]);
    expect(unsigned(edges.endHash!)).toEqual([...hashOf('a'), ...hashOf('Alex Mercer, then "x" é'), ...hashOf('missing'), ...hashOf('a')]);
    // The next batch starts empty.
    const next = b.take();
    expect(next.nodes.idHash!.length).toBe(0);
    expect(next.edges.endHash!.length).toBe(0);
  });

  it('without hashIds, sends none (the writer hashes)', () => {
    const b = new FlatBuilder();
    b.node('a', '', '', null, null, null, 1);
    b.edge('a', 'a', '', null, null, 1);
    const { nodes, edges } = b.take();
    expect(nodes.idHash).toBeUndefined();
    expect(edges.endHash).toBeUndefined();
  });
});

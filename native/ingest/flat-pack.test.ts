import { describe, expect, it } from 'vitest';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { flattenBatch, type FlatBatch } from './flat-rows';
import { packedTransfer, packFlat, unpackFlat, type PackedFlat } from './flat-pack';

const batch = (): FlatBatch =>
  flattenBatch({
    nodes: [
      { id: 'a', name: 'Alpha', type: 'entity', labels: ['Node'], props: { concepts: ['x', 'y'] }, line: 2 },
      { id: 'b', props: {}, line: 3, text: 'A passage, with "quotes" and é ✓ 𝄞' },
      { id: '', name: '', type: '', props: { empty: '' }, line: 0, vector: new Float32Array([0.5, -1]) },
      { id: 'nul\0inside', name: 'lone \ud800', labels: [], props: { n: 1 } },
    ],
    edges: [
      { source: 'a', target: 'b', type: 'knows', id: 'e1', props: { w: 2 }, line: 7 },
      { source: 'b', target: 'a', type: '', props: {}, line: 8 },
    ],
    annotations: [{ id: 'a', name: 'A', props: { k: 1 } }],
  });

/** Through a real message port, as the parser thread posts it (the typed arrays transferred). */
function postAndReceive(p: PackedFlat): PackedFlat {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(p, packedTransfer(p));
  const got = receiveMessageOnPort(port2)!.message as PackedFlat;
  port1.close();
  return got;
}

describe('packed flat batches', () => {
  it('unpack to the batch that was packed, nulls and empty strings apart, through postMessage', () => {
    const want = batch();
    const got = unpackFlat(postAndReceive(packFlat(batch())));
    expect(got).toEqual(want);
    expect(got.nodes.labels).toEqual(['["Node"]', null, null, null]);
    expect(got.nodes.id[2]).toBe('');
    expect(got.edges.eid).toEqual(['e1', null]);
    expect(got.nodes.vectors![0].index).toBe(2);
    expect(Array.from(got.nodes.vectors![0].vector)).toEqual([0.5, -1]);
  });

  it('packs empty batches and batches of one kind', () => {
    // Each built twice: posting transfers (detaches) the line arrays of the one sent.
    const empty = () => flattenBatch({ nodes: [], edges: [] });
    expect(unpackFlat(postAndReceive(packFlat(empty())))).toEqual(empty());
    const edgesOnly = () => flattenBatch({ nodes: [], edges: [{ source: 's', target: 't', type: 'x', props: {}, line: 1 }] });
    expect(unpackFlat(postAndReceive(packFlat(edgesOnly())))).toEqual(edgesOnly());
  });

  it('sends the columns as one string and one lengths array', () => {
    const p = packFlat(batch());
    expect(typeof p.text).toBe('string');
    expect(p.lengths.length).toBe(4 * 6 + 2 * 5);
    expect(p.lengths[3 * 4]).toBe(JSON.stringify(['Node']).length); // labels column, first node
    expect(p.lengths[3 * 4 + 1]).toBe(-1);
  });
});

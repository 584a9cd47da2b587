/**
 * Parse batches for the Neo4j tests and benchmark: the tutorial "movies" shape (6 nodes, 9 edges)
 * and a deterministic generated graph of any size.
 */
import type { EdgeRecord, NodeRecord } from '../../../electron/common/model';
import type { ParseBatch } from '../../ingest/format';

export function moviesBatch(): ParseBatch {
  const person = (id: string, name: string, born: number): NodeRecord => ({ id, name, type: 'Person', props: { born }, line: 0 });
  const nodes: NodeRecord[] = [
    person('keanu', 'Keanu Reeves', 1964),
    person('carrie', 'Carrie-Anne Moss', 1967),
    person('laurence', 'Laurence Fishburne', 1961),
    person('hugo', 'Hugo Weaving', 1960),
    { id: 'matrix', name: 'The Matrix', type: 'Movie', props: { released: 1999, tagline: 'Welcome to the Real World', rating: 8.7, genres: ['sci-fi', 'action'], meta: { studio: 'Warner', crew: { size: 300 } } } },
    { id: 'reloaded', name: 'The Matrix Reloaded', type: 'Movie', props: { released: 2003, rating: 7.2, genres: ['sci-fi'] } },
  ];
  nodes.forEach((n, i) => (n.line = i + 2));
  const edges: EdgeRecord[] = [];
  let line = 10;
  for (const p of ['keanu', 'carrie', 'laurence', 'hugo']) {
    edges.push({ id: `${p}-matrix`, source: p, target: 'matrix', type: 'ACTED_IN', props: { roles: [`role of ${p}`] }, line: line++ });
    edges.push({ id: `${p}-reloaded`, source: p, target: 'reloaded', type: 'ACTED_IN', props: { roles: [`role of ${p}`] }, line: line++ });
  }
  edges.push({ id: 'keanu-knows-carrie', source: 'keanu', target: 'carrie', type: 'KNOWS', props: { since: 1998 }, line });
  return { nodes, edges, bytesRead: 1000 };
}

/**
 * `nodeCount` nodes `${prefix}n{i}` of three types and `edgeCount` edges, each node linking to
 * the next ones in a ring (i -> i+1+k mod n), so degrees are even and ids predictable.
 */
export function generatedGraph(prefix: string, nodeCount: number, edgeCount: number): { nodes: NodeRecord[]; edges: EdgeRecord[] } {
  const types = ['entity', 'event', 'concept'];
  const nodes: NodeRecord[] = [];
  for (let i = 0; i < nodeCount; i++) {
    nodes.push({ id: `${prefix}n${i}`, name: `${prefix} item ${i}`, type: types[i % 3], props: { rank: i, score: i / 7, tags: [`t${i % 5}`] }, line: i + 2 });
  }
  const edges: EdgeRecord[] = [];
  for (let e = 0; e < edgeCount; e++) {
    const i = e % nodeCount;
    const k = Math.floor(e / nodeCount);
    edges.push({
      id: `${prefix}e${e}`,
      source: `${prefix}n${i}`,
      target: `${prefix}n${(i + 1 + k) % nodeCount}`,
      type: ['relates_to', 'causes', 'part of'][e % 3],
      props: { weight: (e % 10) / 10 },
      line: e + 2,
    });
  }
  return { nodes, edges };
}

/** Splits records into parse batches of `size` (as a streaming parser would hand them over). */
export function* inBatches(nodes: NodeRecord[], edges: EdgeRecord[], size: number): Generator<ParseBatch> {
  for (let i = 0; i < nodes.length; i += size) yield { nodes: nodes.slice(i, i + size), edges: [], bytesRead: 0 };
  for (let i = 0; i < edges.length; i += size) yield { nodes: [], edges: edges.slice(i, i + size), bytesRead: 0 };
}

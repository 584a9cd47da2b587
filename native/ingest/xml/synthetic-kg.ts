/**
 * Deterministic AutoSchemaKG-shaped records (entity/event/passage nodes with SHA-like ids, relation
 * edges) shared by the GraphML and JSON benchmark generators. Same arguments, same records.
 */

/** The project's seeded PRNG: generated files are byte-identical for a given size. */
export { seededRandom } from '../../../electron/common/seeded-random';

const WORDS = [
  'agent', 'signal', 'base', 'Dulce', 'squad', 'alien', 'protocol', 'mission', 'Alex Mercer', 'Taylor Cruz',
  'Jordan Hayes', 'Sam Rivera', 'command', 'tunnel', 'frequency', 'message', 'décodé', 'briefing', '“team”', 'control',
];
const RELATIONS = ['was', 'demanded', 'offered', 'led', 'decoded', 'is participated by', 'located in', 'reported to'];

export interface SyntheticNode {
  id: string;
  name: string;
  type: 'entity' | 'event' | 'passage';
  fileId: string;
}

export interface SyntheticEdge {
  source: string;
  target: string;
  relation: string;
  type: 'Relation' | 'Source';
}

/** A 64-hex id derived from the index (looks like AutoSchemaKG's sha256 ids, costs nothing). */
export function syntheticId(i: number): string {
  let h = (Math.imul(i + 1, 0x9e3779b1) >>> 0).toString(16).padStart(8, '0');
  while (h.length < 64) h += (Math.imul(h.length + i, 0x85ebca6b) >>> 0).toString(16).padStart(8, '0');
  return h.slice(0, 64);
}

export function syntheticNode(i: number, rand: () => number): SyntheticNode {
  const w = (): string => WORDS[Math.floor(rand() * WORDS.length)];
  const fileId = syntheticId(1_000_000_000 + (i >> 10));
  if (i % 50 === 49) {
    const text = `## Chapter ${i}\n\n${w()} ${w()} said: 'Protocol is paramount.'\n${w()} & ${w()} <left>.`;
    return { id: syntheticId(i), name: text, type: 'passage', fileId };
  }
  if (i % 3 === 2) return { id: syntheticId(i), name: `${w()} ${w()}, then "${w()}" ${i}`, type: 'event', fileId };
  return { id: syntheticId(i), name: `${w()} ${i}`, type: 'entity', fileId };
}

export function syntheticEdge(i: number, nodeCount: number, rand: () => number): SyntheticEdge {
  const source = syntheticId(Math.floor(rand() * nodeCount));
  const target = syntheticId(Math.floor(rand() * nodeCount));
  const relation = RELATIONS[Math.floor(rand() * RELATIONS.length)];
  return { source, target, relation, type: i % 7 === 0 ? 'Source' : 'Relation' };
}

/** Writes to a stream, waiting for 'drain' so that generating any size keeps memory flat. */
export async function writeAll(out: NodeJS.WritableStream, parts: Iterable<string>): Promise<void> {
  for (const part of parts) {
    if (!out.write(part)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
}

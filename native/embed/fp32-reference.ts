/**
 * Full 384-d fp32 all-MiniLM-L6-v2 vectors to measure our embeddings against.
 *
 * The AutoSchemaKG 1-chunk Dulce export in ../shared/datasets carries `embedding:STRING` columns
 * written by sentence-transformers' all-MiniLM-L6-v2 (fp32, normalised): node rows embed the node
 * name, edge rows embed "<start> <relation> <end>". Our exact path reaches cosine >= 0.9992 on
 * every one of them, which is how the text each vector stands for was identified. The passage row
 * is left out: its vector is not of the `original_text` cell as stored.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { repoRoot } from './test-model';

export interface Fp32Reference {
  text: string;
  vector: Float32Array;
}

export function defaultDatasetsDir(): string {
  return path.resolve(repoRoot(), '../shared/datasets');
}

function rows(file: string): Record<string, string>[] {
  return parse(readFileSync(file), { columns: true, bom: true }) as Record<string, string>[];
}

function vector(cell: string): Float32Array {
  const v = Float32Array.from(JSON.parse(cell) as number[]);
  if (v.length !== 384) throw new Error(`reference vector of ${v.length} values, expected 384`);
  return v;
}

/** 41 node names and 43 relation triples with their fp32 vectors. */
export function loadFp32References(datasetsDir: string = defaultDatasetsDir()): Fp32Reference[] {
  const nodes = rows(path.join(datasetsDir, 'csv_autoschemakg_dulce1chunk_triple_nodes_with_emb.csv'));
  const edges = rows(path.join(datasetsDir, 'csv_autoschemakg_dulce1chunk_triple_edges_with_concept_with_emb.csv'));
  return [
    ...nodes.map((r) => ({ text: r['name:ID'], vector: vector(r['embedding:STRING']) })),
    ...edges.map((r) => ({ text: `${r[':START_ID']} ${r.relation} ${r[':END_ID']}`, vector: vector(r['embedding:STRING']) })),
  ];
}

/** Cosine of row i of `embedded` (unit rows, n x dim) with each reference, in reference order. */
export function cosinesToReferences(embedded: Float32Array, refs: readonly Fp32Reference[]): number[] {
  return refs.map((ref, i) => {
    const dim = ref.vector.length;
    let dot = 0;
    let norm = 0;
    for (let j = 0; j < dim; j++) {
      dot += embedded[i * dim + j] * ref.vector[j];
      norm += ref.vector[j] * ref.vector[j];
    }
    return dot / Math.sqrt(norm);
  });
}

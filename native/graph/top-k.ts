/** Picks the best-scored nodes from a dense score array (PPR results, similarity scores). */
import { WorkbenchError } from '../../electron/common/errors';

export interface TopK {
  nodes: Uint32Array;
  scores: Float64Array;
}

/**
 * The k highest positive scores, best first (ties: lower node index first), skipping `exclude`
 * (typically the seeds). A size-k min-heap keeps it O(n log k) without sorting all scores.
 */
export function topK(scores: ArrayLike<number>, k: number, exclude?: Iterable<number> | null): TopK {
  if (!Number.isInteger(k) || k < 0) {
    throw new WorkbenchError('BAD_REQUEST', `k must be a whole number of 0 or more, got ${k}.`, { value: String(k) });
  }
  const skip = exclude ? new Set(exclude) : null;
  const heapScore = new Float64Array(k);
  const heapNode = new Uint32Array(k);
  let size = 0;
  // "a ranks below b": lower score, or equal score and higher index.
  const below = (sa: number, na: number, sb: number, nb: number) => sa < sb || (sa === sb && na > nb);
  for (let v = 0; v < scores.length; v++) {
    const s = scores[v];
    if (!(s > 0) || (skip !== null && skip.has(v))) continue;
    if (size < k) {
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!below(s, v, heapScore[parent], heapNode[parent])) break;
        heapScore[i] = heapScore[parent];
        heapNode[i] = heapNode[parent];
        i = parent;
      }
      heapScore[i] = s;
      heapNode[i] = v;
    } else if (k > 0 && below(heapScore[0], heapNode[0], s, v)) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= size) break;
        if (c + 1 < size && below(heapScore[c + 1], heapNode[c + 1], heapScore[c], heapNode[c])) c++;
        if (!below(heapScore[c], heapNode[c], s, v)) break;
        heapScore[i] = heapScore[c];
        heapNode[i] = heapNode[c];
        i = c;
      }
      heapScore[i] = s;
      heapNode[i] = v;
    }
  }
  const order = Array.from({ length: size }, (_, i) => i).sort((i, j) =>
    heapScore[j] !== heapScore[i] ? heapScore[j] - heapScore[i] : heapNode[i] - heapNode[j],
  );
  return { nodes: Uint32Array.from(order, (i) => heapNode[i]), scores: Float64Array.from(order, (i) => heapScore[i]) };
}

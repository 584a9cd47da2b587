/** Argument checks shared by both index kinds; they throw WorkbenchError('BAD_REQUEST'). */
import { WorkbenchError } from '../../electron/common/errors';

export function checkDim(dim: number): void {
  if (!Number.isInteger(dim) || dim <= 0 || dim > 65536) {
    throw new WorkbenchError('BAD_REQUEST', `Vector dimension must be a positive integer, got ${dim}`, { value: String(dim) });
  }
}

/**
 * Checks shape and values of a batch. A NaN or infinity would silently poison the HNSW graph
 * (every distance to it compares false), so it is refused here with the row that holds it.
 */
export function checkBatch(labels: Uint32Array, vectors: Float32Array, dim: number): void {
  if (!(labels instanceof Uint32Array) || !(vectors instanceof Float32Array)) {
    throw new WorkbenchError('BAD_REQUEST', 'add() expects labels as Uint32Array and vectors as Float32Array');
  }
  if (vectors.length !== labels.length * dim) {
    throw new WorkbenchError('BAD_REQUEST', `add() got ${labels.length} labels but ${vectors.length} floats; expected ${labels.length * dim} (dimension ${dim})`, {
      value: String(vectors.length),
      expected: String(labels.length * dim),
    });
  }
  for (let i = 0; i < vectors.length; i++) {
    if (!Number.isFinite(vectors[i])) {
      const row = Math.floor(i / dim);
      throw new WorkbenchError('BAD_REQUEST', `Vector for label ${labels[row]} has a non-finite value at component ${i % dim}`, {
        value: String(vectors[i]),
        expected: 'a finite number',
      });
    }
  }
}

export function checkQueries(queries: Float32Array, dim: number): number {
  if (!(queries instanceof Float32Array) || queries.length % dim !== 0) {
    throw new WorkbenchError('BAD_REQUEST', `Query must be a Float32Array whose length is a multiple of ${dim}, got ${queries?.length}`, {
      value: String(queries?.length),
      expected: `multiple of ${dim}`,
    });
  }
  return queries.length / dim;
}

export function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 0) {
    throw new WorkbenchError('BAD_REQUEST', `k must be a non-negative integer, got ${k}`, { value: String(k) });
  }
}

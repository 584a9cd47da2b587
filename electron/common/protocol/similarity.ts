import { z } from 'zod';

/** Embedding and vector search methods (issue "Similarity"). */
export const similarityMethods = {} satisfies Record<string, unknown>;
export const _similarityPlaceholder = z.never();

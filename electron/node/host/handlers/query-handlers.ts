/**
 * query.retrieve: HippoRAG-style retrieval orchestrated by the host, which only routes. The embed
 * and vector workers pick seed nodes by similarity to the question (similarity.search), the graph
 * worker spreads from them with personalised PageRank and ranks the source passages (query.spread).
 * Every step's output is returned so the UI can show seeds, spread and answers in turn.
 */
import type { z } from 'zod';
import type { RetrieveParamsSchema, RetrieveResult, SpreadResult } from '../../../common/protocol/query';
import type { SimilarityHit } from '../../../common/protocol/similarity';
import { WorkbenchError } from '../../../common/errors';
import type { HostHandler } from './types';

type RetrieveParams = z.output<typeof RetrieveParamsSchema>;

export const queryHandlers: Record<string, HostHandler> = {
  'query.retrieve': async (p: RetrieveParams, host): Promise<RetrieveResult> => {
    const t0 = performance.now();
    const hits = (await host.handle('similarity.search', { text: p.text, k: p.seedK })) as SimilarityHit[];
    const t1 = performance.now();
    if (hits.length === 0) {
      throw new WorkbenchError('NOT_FOUND', 'Similarity search found no seed nodes for this question. Embed the workspace first (kgw embed, or the embedding button).', {
        value: p.text,
      });
    }
    const spread = (await host.callWorker('graph', 'query.spread', {
      seeds: hits.map((h) => ({ id: h.id, score: h.score })),
      k: p.k,
      damping: p.damping,
      iterations: p.iterations,
      passages: p.passages,
    })) as SpreadResult;
    const t2 = performance.now();
    return { ...spread, text: p.text, timings: { searchMs: t1 - t0, spreadMs: t2 - t1, totalMs: t2 - t0 } };
  },
};

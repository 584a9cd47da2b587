/**
 * query.spread on a Neo4j workspace: the graph step of HippoRAG-style retrieval answered server
 * side, same params and result as native/query/spread.ts. Personalised PageRank from the seeds
 * (teleport weight = similarity score) runs in Cypher (multihop.ts pprScores); a passage (a node
 * carrying text) scores its own PPR mass plus the scores of the ranked nodes linked to it.
 */
import type { z } from 'zod';
import type { QueryNodeInfo, SpreadParamsSchema, SpreadResult } from '../../../electron/common/protocol/query';
import { WorkbenchError } from '../../../electron/common/errors';
import { pprScores } from './multihop';
import type { RunControl } from '../../query/iterate';
import type { Neo4jStore } from './neo4j-store';
import { linkedPassages, nodeKinds, passageTexts } from './retrieval-reads';

type SpreadParams = z.output<typeof SpreadParamsSchema>;

/** Passages listed per answer node (as the SQLite side). */
const PASSAGES_PER_ANSWER = 5;
/** Passages read per answer node: a supernode's thousands of passages are not all scored. */
const LINKED_READ_CAP = 200;
const MAX_RESULT_EDGES = 5000;
/** Cosine scores can be 0 or negative; such seeds still count, with a small weight. */
const SEED_FLOOR = 1e-3;

const byScore = (x: [string, number], y: [string, number]) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0);

export async function neo4jSpread(store: Neo4jStore, p: SpreadParams, ctl: RunControl = {}): Promise<SpreadResult> {
  const t = performance.now();
  const seedScore = new Map<string, number>();
  for (const s of p.seeds) seedScore.set(s.id, Math.max(seedScore.get(s.id) ?? -Infinity, s.score));
  const seedKinds = await nodeKinds(store.conn, [...seedScore.keys()]);
  const missing = [...seedScore.keys()].find((id) => !seedKinds.has(id));
  if (missing !== undefined) throw new WorkbenchError('NOT_FOUND', `No node with id "${missing}" (seed) in this workspace`, { value: missing });

  const run = await pprScores(store.conn, [...seedScore].map(([id, s]) => ({ id, weight: Math.max(s, SEED_FLOOR) })), {
    alpha: 1 - p.damping,
    iterations: p.iterations,
    direction: p.direction,
    edgeTypes: p.edgeTypes && p.edgeTypes.length > 0 ? p.edgeTypes : null,
    signal: ctl.signal,
    onProgress: ctl.onProgress,
  });
  const ranked = [...run.rank].sort(byScore);
  const kinds = await nodeKinds(store.conn, ranked.map(([id]) => id));
  const spread = ranked.filter(([id]) => kinds.has(id)).slice(0, p.k);
  const answers = ranked.filter(([id]) => kinds.get(id)?.passage === false).slice(0, p.k);

  // Candidate passages: those linked to an answer, and those the walk itself ranks highest.
  const rankOf = (id: string) => run.rank.get(id) ?? 0;
  const passageScore = new Map<string, number>();
  const linked = new Map<string, string[]>();
  const answerPassages = new Map<string, string[]>();
  const links = await linkedPassages(store.conn, answers.map(([id]) => id), LINKED_READ_CAP);
  for (const [u, score] of answers) {
    const mine: string[] = [];
    for (const v of links.get(u) ?? []) {
      if (!linked.has(v)) {
        linked.set(v, []);
        passageScore.set(v, rankOf(v));
      }
      linked.get(v)!.push(u);
      passageScore.set(v, passageScore.get(v)! + score);
      mine.push(v);
    }
    answerPassages.set(u, mine);
  }
  for (const [v] of ranked.filter(([id]) => kinds.get(id)?.passage === true).slice(0, p.passages)) {
    if (!passageScore.has(v)) {
      passageScore.set(v, rankOf(v));
      linked.set(v, []);
    }
  }
  const rankedPassages = [...passageScore].sort(byScore).slice(0, p.passages);
  const kept = new Set(rankedPassages.map(([v]) => v));

  const all = [...new Set([...seedScore.keys(), ...spread.map(([id]) => id), ...answers.map(([id]) => id), ...kept])];
  const missingInfo = all.filter((id) => !kinds.has(id) && !seedKinds.has(id));
  const extra = await nodeKinds(store.conn, missingInfo);
  const info = (id: string): QueryNodeInfo => {
    const k = kinds.get(id) ?? seedKinds.get(id) ?? extra.get(id);
    return { id, name: k?.name ?? id, type: k?.type ?? 'node' };
  };
  const texts = await passageTexts(store.conn, [...kept], p.textChars);
  const edges = await store.edgesAmong(all, MAX_RESULT_EDGES);

  return {
    seeds: [...seedScore].map(([id, score]) => ({ ...info(id), score })),
    spread: spread.map(([id, score]) => ({ ...info(id), score })),
    answers: answers.map(([id, score]) => ({
      ...info(id),
      score,
      passages: (answerPassages.get(id) ?? []).filter((q) => kept.has(q)).slice(0, PASSAGES_PER_ANSWER),
    })),
    passages: rankedPassages.map(([v, score]) => ({ ...info(v), score, text: texts.get(v) ?? '', linked: linked.get(v) ?? [] })),
    edges: edges.map((e) => ({ id: e.id, source: e.source, target: e.target, type: e.type })),
    iterations: run.iterations,
    ms: performance.now() - t,
  };
}

/**
 * The graph step of HippoRAG-style retrieval: personalised PageRank from the seeds similarity search
 * picked (teleport weight = similarity score), then the ranked nodes and the source passages they
 * come from. A passage (a node carrying text, e.g. an AutoSchemaKG Text node) scores its own PPR
 * mass plus the scores of the ranked nodes linked to it: a passage mentioning several highly ranked
 * entities outranks one mentioning a single entity, as in HippoRAG's node-to-passage aggregation.
 */
import type { z } from 'zod';
import type { SpreadParamsSchema, SpreadResult } from '../../electron/common/protocol/query';
import type { PageRankRun } from '../graph/pagerank';
import type { WorkspaceGraph } from './workspace-graph';
import { edgesAmong, pprOptions, unique } from './run-queries';
import { iterateAsync, iterateSync, type RunControl } from './iterate';

export type SpreadParams = z.output<typeof SpreadParamsSchema>;

/** Passages listed per answer node. */
const PASSAGES_PER_ANSWER = 5;

export function runSpread(g: WorkspaceGraph, p: SpreadParams): SpreadResult {
  const t = performance.now();
  const { run, seedMap } = startSpread(g, p);
  iterateSync(run);
  return spreadAnswer(g, p, run, seedMap, t);
}

/** runSpread for the graph worker: yields between iterations, honours `signal`, reports progress. */
export async function runSpreadAsync(g: WorkspaceGraph, p: SpreadParams, ctl: RunControl): Promise<SpreadResult> {
  const t = performance.now();
  const { run, seedMap } = startSpread(g, p);
  await iterateAsync(run, ctl);
  return spreadAnswer(g, p, run, seedMap, t);
}

function startSpread(g: WorkspaceGraph, p: SpreadParams): { run: PageRankRun; seedMap: Map<number, number> } {
  const seedMap = new Map<number, number>();
  for (const s of p.seeds) {
    const v = g.indexOf(s.id, 'seed');
    seedMap.set(v, Math.max(seedMap.get(v) ?? 0, s.score));
  }
  // Cosine scores can be 0 or negative; such seeds still count, with a small weight.
  const floor = 1e-3;
  for (const [v, w] of seedMap) seedMap.set(v, Math.max(w, floor));
  return { run: g.engine.pageRankRun(seedMap, pprOptions(g, p)), seedMap };
}

function spreadAnswer(g: WorkspaceGraph, p: SpreadParams, run: PageRankRun, seedMap: Map<number, number>, t: number): SpreadResult {
  const csr = g.loaded.csr;
  const scores = run.scores;
  const spread = g.engine.topK(scores, p.k);

  const isPassage = g.passageMask();
  const entityScores = Float64Array.from(scores, (s, v) => (isPassage[v] ? 0 : s));
  const answers = g.engine.topK(entityScores, p.k);

  // Candidate passages: those linked to an answer, and those the walk itself ranks highest.
  const passageScore = new Map<number, number>();
  const linked = new Map<number, number[]>();
  const answerPassages = new Map<number, number[]>();
  answers.nodes.forEach((u, i) => {
    const mine: number[] = [];
    const visit = (v: number) => {
      if (!isPassage[v] || v === u) return;
      if (!linked.has(v)) {
        linked.set(v, []);
        passageScore.set(v, scores[v]);
      }
      const l = linked.get(v)!;
      if (l.includes(u)) return;
      l.push(u);
      passageScore.set(v, passageScore.get(v)! + answers.scores[i]);
      mine.push(v);
    };
    for (let q = csr.outOffsets[u], end = csr.outOffsets[u + 1]; q < end; q++) visit(csr.outTargets[q]);
    for (let q = csr.inOffsets[u], end = csr.inOffsets[u + 1]; q < end; q++) visit(csr.inSources[q]);
    answerPassages.set(u, mine);
  });
  const passageOnly = Float64Array.from(scores, (s, v) => (isPassage[v] ? s : 0));
  const walkPassages = g.engine.topK(passageOnly, p.passages);
  for (const v of walkPassages.nodes) {
    if (!passageScore.has(v)) {
      passageScore.set(v, scores[v]);
      linked.set(v, []);
    }
  }
  const rankedPassages = [...passageScore.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, p.passages);
  const kept = new Set(rankedPassages.map(([v]) => v));

  const seedIdx = [...seedMap.keys()];
  const all = unique([...seedIdx, ...spread.nodes, ...answers.nodes, ...kept]);
  const infos = g.describeNodes(all);
  const infoOf = new Map(all.map((v, i) => [v, infos[i]]));
  const texts = g.passageTexts([...kept], p.textChars);

  return {
    seeds: seedIdx.map((v) => ({ ...infoOf.get(v)!, score: p.seeds.find((s) => s.id === infoOf.get(v)!.id)?.score ?? 0 })),
    spread: Array.from(spread.nodes, (v, i) => ({ ...infoOf.get(v)!, score: spread.scores[i] })),
    answers: Array.from(answers.nodes, (v, i) => ({
      ...infoOf.get(v)!,
      score: answers.scores[i],
      passages: (answerPassages.get(v) ?? [])
        .filter((q) => kept.has(q))
        .slice(0, PASSAGES_PER_ANSWER)
        .map((q) => infoOf.get(q)!.id),
    })),
    passages: rankedPassages.map(([v, score]) => ({
      ...infoOf.get(v)!,
      score,
      text: texts.get(v) ?? '',
      linked: (linked.get(v) ?? []).map((u) => infoOf.get(u)!.id),
    })),
    edges: edgesAmong(g, all),
    iterations: run.iterations,
    ms: performance.now() - t,
  };
}

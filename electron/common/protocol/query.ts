import { z } from 'zod';
import { method, EmptySchema } from './define';

/**
 * Multi-hop query methods (issue "Multi-hop"). They run in the graph worker on adjacency it keeps in
 * typed arrays per workspace; nodes and edges come back identified by their string ids.
 * `query.load` is a job: the first load of a big graph takes seconds and can be cancelled. So is
 * `query.ppr`: 20 iterations over millions of edges take about a second, report progress per
 * iteration and stop between iterations when cancelled. The traversals answer in milliseconds.
 */

export const QueryDirectionSchema = z.enum(['out', 'in', 'both']);
export type QueryDirection = z.infer<typeof QueryDirectionSchema>;

export const QueryNodeInfoSchema = z.object({ id: z.string(), name: z.string(), type: z.string() });
export type QueryNodeInfo = z.infer<typeof QueryNodeInfoSchema>;

export const QueryEdgeSchema = z.object({ id: z.string(), source: z.string(), target: z.string(), type: z.string() });
export type QueryEdge = z.infer<typeof QueryEdgeSchema>;

export const HopNodeSchema = QueryNodeInfoSchema.extend({ hop: z.number().int() });
export type HopNode = z.infer<typeof HopNodeSchema>;

export const ScoredNodeSchema = QueryNodeInfoSchema.extend({ score: z.number() });
export type ScoredNode = z.infer<typeof ScoredNodeSchema>;

export const GraphStatusSchema = z.object({
  loaded: z.boolean(),
  nodes: z.number().int(),
  edges: z.number().int(),
  /** Time the last load took. */
  loadMs: z.number(),
  /** Bytes of adjacency and id maps held by the worker. */
  bytes: z.number(),
  /** Edges left out because an endpoint is missing. */
  skippedEdges: z.number().int(),
});
export type GraphStatus = z.infer<typeof GraphStatusSchema>;

const Ids = z.array(z.string().min(1)).min(1).max(10_000);
const TypeNames = z.array(z.string()).max(1000).optional();
const Cap = (max: number) => z.number().int().min(1).max(max);

export const KHopParamsSchema = z.object({
  ids: Ids,
  hops: z.number().int().min(0).max(10).default(2),
  direction: QueryDirectionSchema.default('both'),
  /** Only edges of these relation types are followed. */
  edgeTypes: TypeNames,
  /** Only nodes of these types are added (start nodes always kept). */
  nodeTypes: TypeNames,
  /** Supernode guard: at most this many edges of one node are followed. */
  perNodeLimit: Cap(10_000_000).default(1000),
  perHopLimit: Cap(10_000_000).optional(),
  maxNodes: Cap(1_000_000).default(5000),
});

export const TruncationSchema = z.object({
  /** Adjacency entries never examined because of a cap. */
  omitted: z.number(),
  reason: z.string(),
  reasons: z.array(z.string()),
  /** Supernodes whose expansion was cut (ids; at most 100 listed). */
  cappedNodes: z.array(z.string()),
  cappedCount: z.number().int(),
  message: z.string(),
});

export const KHopResultSchema = z.object({
  nodes: z.array(HopNodeSchema),
  edges: z.array(QueryEdgeSchema),
  truncated: TruncationSchema.optional(),
  ms: z.number(),
});
export type KHopResult = z.infer<typeof KHopResultSchema>;

export const PathParamsSchema = z.object({
  from: z.string().min(1),
  to: z.string().min(1),
  direction: QueryDirectionSchema.default('both'),
  edgeTypes: TypeNames,
  /** A numeric edge property: Dijkstra on it instead of the fewest hops. */
  weightProperty: z.string().min(1).optional(),
});

export const PathResultSchema = z.object({
  found: z.boolean(),
  /** from ... to, in order. */
  nodes: z.array(QueryNodeInfoSchema),
  /** edges[i] joins nodes[i] and nodes[i + 1]. */
  edges: z.array(QueryEdgeSchema),
  hops: z.number().int(),
  /** Sum of weights, when a weight property was used. */
  cost: z.number().optional(),
  ms: z.number(),
});
export type PathResult = z.infer<typeof PathResultSchema>;

export const PathsParamsSchema = z.object({
  from: z.string().min(1),
  to: z.string().min(1),
  maxLength: z.number().int().min(1).max(10).default(4),
  maxResults: Cap(10_000).default(100),
  direction: QueryDirectionSchema.default('both'),
  edgeTypes: TypeNames,
});

export const PathsResultSchema = z.object({
  /** Each path as node ids and edge ids, shortest first. */
  paths: z.array(z.object({ nodes: z.array(z.string()), edges: z.array(z.string()) })),
  /** Every node and edge on some path, once. */
  nodes: z.array(QueryNodeInfoSchema),
  edges: z.array(QueryEdgeSchema),
  /** maxResults stopped the search before every path was found. */
  truncated: z.boolean(),
  ms: z.number(),
});
export type PathsResult = z.infer<typeof PathsResultSchema>;

const PprOptions = {
  k: Cap(10_000).default(20),
  damping: z.number().min(0).lt(1).default(0.85),
  /** The most iterations run. */
  iterations: z.number().int().min(1).max(200).default(20),
  /** Stops before `iterations` once one iteration changes the scores by less than this (L1). */
  tolerance: z.number().min(0).max(1).default(1e-9),
  direction: QueryDirectionSchema.default('both'),
  edgeTypes: TypeNames,
};

export const PprParamsSchema = z.object({
  seeds: Ids,
  /** Teleport weight per seed (same order); equal weights when left out. */
  weights: z.array(z.number().min(0)).optional(),
  /** Leave the seeds out of the ranking. */
  excludeSeeds: z.boolean().default(false),
  ...PprOptions,
});

export const PprResultSchema = z.object({
  seeds: z.array(ScoredNodeSchema),
  /** Top-k by score, best first. */
  nodes: z.array(ScoredNodeSchema),
  /** Edges among the seeds and the top nodes (at most 5,000). */
  edges: z.array(QueryEdgeSchema),
  iterations: z.number().int(),
  delta: z.number(),
  ms: z.number(),
});
export type PprResult = z.infer<typeof PprResultSchema>;

export const PassageSchema = QueryNodeInfoSchema.extend({
  score: z.number(),
  /** The start of the passage text. */
  text: z.string(),
  /** Ranked nodes this passage is linked to (ids). */
  linked: z.array(z.string()),
});
export type Passage = z.infer<typeof PassageSchema>;

export const SpreadParamsSchema = z.object({
  /** Seed nodes with their similarity scores (the teleport weights). */
  seeds: z.array(z.object({ id: z.string().min(1), score: z.number() })).min(1).max(1000),
  ...PprOptions,
  k: Cap(1000).default(10),
  /** Passages returned in all (ranked). */
  passages: Cap(1000).default(10),
  /** Characters of passage text returned. */
  textChars: Cap(100_000).default(600),
});

export const SpreadResultSchema = z.object({
  seeds: z.array(ScoredNodeSchema),
  /** Nodes the walk reached, best first (seeds included: they keep their own mass). */
  spread: z.array(ScoredNodeSchema),
  /** The ranked non-passage nodes with the passages they come from. */
  answers: z.array(ScoredNodeSchema.extend({ passages: z.array(z.string()) })),
  /** Source passages, ranked by their own score plus the scores of the ranked nodes they hold. */
  passages: z.array(PassageSchema),
  edges: z.array(QueryEdgeSchema),
  iterations: z.number().int(),
  ms: z.number(),
});
export type SpreadResult = z.infer<typeof SpreadResultSchema>;

export const RetrieveParamsSchema = z.object({
  text: z.string().min(1),
  k: Cap(1000).default(10),
  /** Seeds taken from similarity search. */
  seedK: Cap(100).default(5),
  damping: z.number().min(0).lt(1).default(0.85),
  iterations: z.number().int().min(1).max(200).default(20),
  passages: Cap(1000).default(10),
});

export const RetrieveResultSchema = SpreadResultSchema.extend({
  text: z.string(),
  /** Time per step: similarity search, spreading (PPR + passages), total. */
  timings: z.object({ searchMs: z.number(), spreadMs: z.number(), totalMs: z.number() }),
});
export type RetrieveResult = z.infer<typeof RetrieveResultSchema>;

export const queryMethods = {
  /** Loads (or reuses) the workspace adjacency, with progress; cancellable. */
  'query.load': method({ route: 'graph', job: true, params: EmptySchema, result: GraphStatusSchema }),
  'query.status': method({ route: 'graph', params: EmptySchema, result: GraphStatusSchema }),
  /** Nodes within `hops` of the start nodes, with their hop distance and the edges between them. */
  'query.khop': method({ route: 'graph', params: KHopParamsSchema, result: KHopResultSchema }),
  /** One shortest path: fewest hops (bidirectional BFS), or least total weight (Dijkstra). */
  'query.path': method({ route: 'graph', params: PathParamsSchema, result: PathResultSchema }),
  /** All simple paths up to maxLength edges, at most maxResults of them. */
  'query.paths': method({ route: 'graph', params: PathsParamsSchema, result: PathsResultSchema }),
  /** Personalised PageRank from seed nodes: top-k by score. A job: progress per iteration, cancellable. */
  'query.ppr': method({ route: 'graph', job: true, params: PprParamsSchema, result: PprResultSchema }),
  /** PPR from scored seeds, then source passages of the ranked nodes (the graph step of retrieval). */
  'query.spread': method({ route: 'graph', params: SpreadParamsSchema, result: SpreadResultSchema }),
  /** HippoRAG-style retrieval: similarity search picks seeds, PPR spreads, passages are ranked. */
  'query.retrieve': method({ route: 'host', params: RetrieveParamsSchema, result: RetrieveResultSchema }),
};

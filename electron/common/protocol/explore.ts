import { z } from 'zod';
import { method, SubgraphSchema, GraphNodeSchema, EmptySchema } from './define';

export const GraphStatsSchema = z.object({
  nodes: z.number().int(),
  edges: z.number().int(),
  nodeTypes: z.array(z.object({ type: z.string(), count: z.number().int() })),
  edgeTypes: z.array(z.object({ type: z.string(), count: z.number().int() })),
});

export const exploreMethods = {
  'graph.stats': method({ route: 'store', params: EmptySchema, result: GraphStatsSchema }),
  /** A meaningful start view: the highest-degree nodes and the edges among them. */
  'graph.overview': method({
    route: 'store',
    params: z.object({ limit: z.number().int().positive().max(20000).default(300) }),
    result: SubgraphSchema,
  }),
  'graph.node': method({
    route: 'store',
    params: z.object({ id: z.string() }),
    result: z.object({
      node: GraphNodeSchema,
      /** For AutoSchemaKG data: the passages the node was extracted from. */
      passages: z.array(z.object({ id: z.string(), text: z.string() })),
    }),
  }),
  /** Neighbours of a node, paged so supernodes never flood the canvas. */
  'graph.neighbors': method({
    route: 'store',
    params: z.object({
      id: z.string(),
      limit: z.number().int().positive().max(5000).default(50),
      offset: z.number().int().nonnegative().default(0),
      direction: z.enum(['out', 'in', 'both']).default('both'),
    }),
    result: SubgraphSchema.extend({ total: z.number().int() }),
  }),
  /** Name search with prefix matching (FTS5), for autocomplete. */
  'graph.searchName': method({
    route: 'store',
    params: z.object({ q: z.string(), limit: z.number().int().positive().max(200).default(20) }),
    result: z.array(z.object({ id: z.string(), name: z.string(), type: z.string(), degree: z.number().int() })),
  }),
};

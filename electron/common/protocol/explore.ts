import { z } from 'zod';
import { method, SubgraphSchema, GraphNodeSchema, EmptySchema } from './define';

export const GraphStatsSchema = z.object({
  nodes: z.number().int(),
  edges: z.number().int(),
  nodeTypes: z.array(z.object({ type: z.string(), count: z.number().int() })),
  edgeTypes: z.array(z.object({ type: z.string(), count: z.number().int() })),
});

/** A node's place on the canvas, saved per workspace (see native/store/sqlite/view-state.ts). */
export const SavedPositionSchema = z.object({
  id: z.string(),
  x: z.number().finite(),
  y: z.number().finite(),
  pinned: z.boolean().default(false),
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
  /** Saves canvas positions (after a layout, a drag, a pin); replaces earlier ones of the same ids. */
  'view.savePositions': method({
    route: 'store',
    params: z.object({ positions: z.array(SavedPositionSchema).max(200_000) }),
    result: z.object({ saved: z.number().int() }),
  }),
  /** Saved positions of the given node ids (ids never saved are left out). */
  'view.loadPositions': method({
    route: 'store',
    params: z.object({ ids: z.array(z.string()).max(200_000) }),
    result: z.object({ positions: z.array(SavedPositionSchema) }),
  }),
  /** Forgets saved positions: of the given ids, or all of them when `ids` is absent. */
  'view.clearPositions': method({
    route: 'store',
    params: z.object({ ids: z.array(z.string()).optional() }),
    result: z.object({ cleared: z.number().int() }),
  }),
};

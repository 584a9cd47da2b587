/**
 * Graph data as it arrives over the wire: the protocol schemas' output types (props are
 * `Record<string, unknown>` there, looser than the model's PropValue), used throughout the UI.
 */
import type { z } from 'zod';
import type { GraphEdgeSchema, GraphNodeSchema, SubgraphSchema } from '../../../electron/common/protocol';

export type WireNode = z.output<typeof GraphNodeSchema>;
export type WireEdge = z.output<typeof GraphEdgeSchema>;
export type WireSubgraph = z.output<typeof SubgraphSchema>;

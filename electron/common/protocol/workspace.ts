import { z } from 'zod';
import { method, OkSchema, EmptySchema } from './define';

export const WorkspaceInfoSchema = z.object({
  path: z.string(),
  name: z.string(),
  store: z.enum(['sqlite', 'neo4j']),
  nodes: z.number().int(),
  edges: z.number().int(),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfoSchema>;

export const workspaceMethods = {
  /** Opens (creating if needed) the workspace folder; without a path, a new one under the user-data dir. */
  'workspace.open': method({
    route: 'host',
    params: z.object({ path: z.string().optional(), name: z.string().optional() }),
    result: WorkspaceInfoSchema,
  }),
  /** Creates a workspace holding the project's own small AutoSchemaKG-shaped sample. */
  'workspace.openSample': method({ route: 'host', params: EmptySchema, result: WorkspaceInfoSchema }),
  'workspace.current': method({ route: 'host', params: EmptySchema, result: WorkspaceInfoSchema.nullable() }),
  'workspace.recent': method({ route: 'host', params: EmptySchema, result: z.array(z.object({ path: z.string(), name: z.string() })) }),
  'workspace.close': method({ route: 'host', params: EmptySchema, result: OkSchema }),
};

import { z } from 'zod';
import { method } from './define';

/** A file to import: a path on the host's disk (desktop, CLI) or an upload id (headless browser). */
export const ImportFileSchema = z.union([
  z.object({ path: z.string() }),
  z.object({ uploadId: z.string(), name: z.string() }),
]);
export type ImportFile = z.infer<typeof ImportFileSchema>;

export const ImportOptionsSchema = z.object({
  /** What to do with an edge whose endpoint is unknown: skip it (neo4j-admin's default) or create a placeholder node. */
  missingEndpoints: z.enum(['skip', 'placeholder']).default('skip'),
  /** Explicit format per file name, overriding detection. */
  formats: z.record(z.string(), z.string()).optional(),
  /** Column mapping for generic CSV, by file name. */
  columns: z.record(z.string(), z.record(z.string(), z.string())).optional(),
  /** Default relationship type for edge files without one (neo4j-admin takes it from the command line). */
  defaultEdgeType: z.string().optional(),
}).partial();
export type ImportOptions = z.infer<typeof ImportOptionsSchema>;

export const ImportWarningSchema = z.object({
  code: z.string(),
  message: z.string(),
  count: z.number().int(),
  example: z.object({ file: z.string().optional(), line: z.number().optional(), value: z.string().optional() }).optional(),
});
export type ImportWarning = z.infer<typeof ImportWarningSchema>;

export const ImportResultSchema = z.object({
  importId: z.number().int(),
  files: z.array(z.object({ name: z.string(), format: z.string(), nodes: z.number().int(), edges: z.number().int() })),
  nodesAdded: z.number().int(),
  edgesAdded: z.number().int(),
  nodesMerged: z.number().int(),
  warnings: z.array(ImportWarningSchema),
  stages: z.array(z.object({ name: z.string(), ms: z.number(), cpuMs: z.number().optional(), items: z.number().optional() })),
  /** Wall and CPU time of the whole import (CPU of the importing process, all its threads). */
  ms: z.number().optional(),
  cpuMs: z.number().optional(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const importMethods = {
  'import.start': method({
    route: 'ingest',
    job: true,
    params: z.object({ files: z.array(ImportFileSchema).min(1), options: ImportOptionsSchema.optional() }),
    result: ImportResultSchema,
  }),
};

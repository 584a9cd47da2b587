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

/** Column roles of a generic CSV file the mapping step can set (column names as values). */
export const ColumnMappingSchema = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  type: z.string().optional(),
  text: z.string().optional(),
  source: z.string().optional(),
  target: z.string().optional(),
  relation: z.string().optional(),
});

export const ImportPreviewFileSchema = z.object({
  name: z.string(),
  /** Detected format (csv, neo4j-csv, autoschemakg-csv, graphml, ...), 'unknown' when unreadable. */
  format: z.string(),
  role: z.enum(['nodes', 'edges', 'graph', 'names']),
  size: z.number(),
  /** True for generic CSV/TSV: its columns need the user's (or the guessed) mapping. */
  mappable: z.boolean(),
  delimiter: z.string().optional(),
  hasHeader: z.boolean().optional(),
  columns: z.array(z.string()),
  mapping: ColumnMappingSchema,
  /** Type given to nodes when no type column is mapped (the file's own label). */
  defaultType: z.string().optional(),
  /** First rows of the file (without the header), cells cut at 200 characters. */
  rows: z.array(z.array(z.string())),
  /** What is wrong with the file as far as its first 64 KiB show (its error, uneven rows ...). */
  problems: z.array(z.string()),
});
export type ImportPreviewFile = z.infer<typeof ImportPreviewFileSchema>;

export const importMethods = {
  'import.preview': method({
    route: 'ingest',
    params: z.object({ files: z.array(ImportFileSchema).min(1), options: ImportOptionsSchema.optional() }),
    result: z.object({ files: z.array(ImportPreviewFileSchema) }),
  }),
  'import.start': method({
    route: 'ingest',
    job: true,
    params: z.object({ files: z.array(ImportFileSchema).min(1), options: ImportOptionsSchema.optional() }),
    result: ImportResultSchema,
  }),
};

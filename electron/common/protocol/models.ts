import { z } from 'zod';
import { method, EmptySchema } from './define';
import { ModelInfoSchema } from './similarity';

/**
 * The model manager panel: what the model in use is made of (files, size, checksum status), an
 * interrupted download to resume, where downloads come from, and what text is embedded per node.
 * Downloading and picking a folder are `model.download` / `model.useFolder` (similarity.ts).
 */

export const ChecksumStatusSchema = z.enum(['verified', 'pinned', 'unverified', 'mismatch']);

export const ModelDetailsSchema = z.object({
  info: ModelInfoSchema,
  /** Present when a model is available. */
  files: z
    .object({
      list: z.array(z.object({ name: z.string(), bytes: z.number().int() })),
      sizeBytes: z.number().int(),
      sha256: z.string(),
      checksum: ChecksumStatusSchema,
      checksumNote: z.string(),
    })
    .optional(),
  /** Where `model.download` writes, and what an interrupted download left there. */
  downloadDir: z.string(),
  partial: z.object({ bytes: z.number().int(), files: z.array(z.string()) }).nullable(),
  /** Hub endpoint (https://huggingface.co, or KGW_HF_HUB_URL) and the default repository. */
  hubUrl: z.string(),
  defaultRepo: z.string(),
  /** True when embeddings run as int8 GEMMs (the default; KGW_EMBED_INT8_GEMM=0 turns it off). */
  int8Gemm: z.boolean(),
});
export type ModelDetails = z.infer<typeof ModelDetailsSchema>;

/** Mirrors native/embed/embedding-text.ts EmbeddingTextConfig. */
export const EmbeddingTextConfigSchema = z.object({
  /** Node types embedded by their own text (passages). */
  passageTypes: z.array(z.string()),
  passageTextProps: z.array(z.string()),
  includeType: z.boolean(),
  omitTypes: z.array(z.string()),
  /** List property whose items are appended (AutoSchemaKG `concepts`); null for none. */
  conceptsProp: z.string().nullable(),
  maxConcepts: z.number().int().min(0).max(100),
  extraProps: z.array(z.string()),
});
export type EmbeddingTextSettings = z.infer<typeof EmbeddingTextConfigSchema>;

export const modelMethods = {
  'model.details': method({ route: 'embed', params: EmptySchema, result: ModelDetailsSchema }),
  'embed.getTextConfig': method({ route: 'embed', params: EmptySchema, result: EmbeddingTextConfigSchema }),
  /** Saves what text is embedded per node; applies to nodes embedded from then on. */
  'embed.setTextConfig': method({ route: 'embed', params: EmbeddingTextConfigSchema.partial(), result: EmbeddingTextConfigSchema }),
};

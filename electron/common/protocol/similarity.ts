import { z } from 'zod';
import { method, EmptySchema } from './define';

/** Embedding and vector search methods (issue "Similarity"). */

export const SimilarityHitSchema = z.object({ id: z.string(), name: z.string(), type: z.string(), score: z.number() });
export type SimilarityHit = z.infer<typeof SimilarityHitSchema>;

export const ModelInfoSchema = z.object({
  available: z.boolean(),
  /** Folder of the model in use, when one is found. */
  dir: z.string().optional(),
  modelName: z.string().optional(),
  /** `<name>@<sha256 prefix>`: what vectors are tagged with. */
  modelId: z.string().optional(),
  dim: z.number().int().optional(),
  /** Where the model manager downloads to. */
  cacheDir: z.string(),
  /** Places looked at, in order. */
  tried: z.array(z.string()),
  /** Why no model is available, and what to do. */
  problem: z.string().optional(),
});
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

export const EmbedResultSchema = z.object({
  modelId: z.string(),
  dim: z.number().int(),
  embedded: z.number().int(),
  fromData: z.number().int(),
  alreadyDone: z.number().int(),
  nodes: z.number().int(),
  ms: z.number(),
  textsPerSec: z.number(),
  cancelled: z.boolean(),
});
export type EmbedResult = z.infer<typeof EmbedResultSchema>;

export const EmbedStatusSchema = z.object({
  modelId: z.string().nullable(),
  nodes: z.number().int(),
  /** Nodes with a vector of modelId. */
  embedded: z.number().int(),
  fromData: z.number().int(),
});
export type EmbedStatus = z.infer<typeof EmbedStatusSchema>;

export const SimilaritySettingsSchema = z.object({
  /** Embed new nodes after every import when a model is present. */
  autoEmbed: z.boolean(),
});
export type SimilaritySettings = z.infer<typeof SimilaritySettingsSchema>;

const K = z.number().int().min(1).max(1000).default(10);
const Threshold = z.number().min(-1).max(1).optional();

export const similarityMethods = {
  /** Embeds every node without a vector of the current model; resumable, cancellable. */
  'embed.start': method({ route: 'embed', job: true, params: z.object({ pageSize: z.number().int().min(1).max(10_000).optional() }), result: EmbedResultSchema }),
  'embed.status': method({ route: 'embed', params: EmptySchema, result: EmbedStatusSchema }),
  /** The query's vector (host-internal step of similarity.search; typed array, no JSON numbers). */
  'embed.query': method({ route: 'embed', params: z.object({ text: z.string().min(1) }), result: z.object({ modelId: z.string(), vector: z.instanceof(Float32Array) }) }),
  'model.info': method({ route: 'embed', params: EmptySchema, result: ModelInfoSchema }),
  /** Downloads the default model from a Hugging Face-style base URL into the app cache. */
  'model.download': method({ route: 'embed', job: true, params: z.object({ baseUrl: z.url() }), result: ModelInfoSchema }),
  /** Uses a local folder holding a sentence-transformers ONNX export (host checks the path first). */
  'model.useFolder': method({ route: 'host', params: z.object({ path: z.string().min(1) }), result: ModelInfoSchema }),

  /** Nodes nearest to a phrase, best first. */
  'similarity.search': method({ route: 'host', params: z.object({ text: z.string().min(1), k: K, threshold: Threshold }), result: z.array(SimilarityHitSchema) }),
  /** Nodes nearest to a node (itself left out), best first. */
  'similarity.similar': method({ route: 'host', params: z.object({ id: z.string().min(1), k: K, threshold: Threshold }), result: z.array(SimilarityHitSchema) }),
  'similarity.getSettings': method({ route: 'host', params: EmptySchema, result: SimilaritySettingsSchema }),
  'similarity.setSettings': method({ route: 'host', params: SimilaritySettingsSchema.partial(), result: SimilaritySettingsSchema }),

  /** Vector worker steps behind similarity.search / similarity.similar. */
  'vector.search': method({
    route: 'vector',
    params: z.object({ vector: z.instanceof(Float32Array), modelId: z.string(), k: K, threshold: Threshold }),
    result: z.array(SimilarityHitSchema),
  }),
  'vector.similar': method({
    route: 'vector',
    params: z.object({ id: z.string(), modelId: z.string().optional(), k: K, threshold: Threshold }),
    result: z.array(SimilarityHitSchema),
  }),
};

/**
 * Worker methods only the host calls, kept out of `methods` so no client can reach them directly:
 * model.select takes a folder path the host has checked first (model.useFolder).
 */
export const hostOnlySimilarityMethods = {
  'model.select': method({ route: 'embed', params: z.object({ path: z.string().min(1) }), result: ModelInfoSchema }),
};

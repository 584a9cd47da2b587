/**
 * The embedding engine: sentence embeddings for nodes, and the model they come from.
 *
 *   const dir = resolveModelDir({ userDir }).dir;          // or downloadModel(base, cachedModelDir())
 *   const embedder = await SentenceEmbedder.load(dir);     // { threads, batchSize, int8MatMul, ... }
 *   const vectors = await embedder.embed(nodes.map((n) => embeddingText(n)));  // n x embedder.dim
 */
export { SentenceEmbedder } from './sentence-embedder';
export type { EmbedderOptions, EmbedderStats } from './sentence-embedder';
export { SentenceTokenizer } from './sentence-tokenizer';
export { DEFAULT_EMBEDDING_TEXT_CONFIG, embeddingText } from './embedding-text';
export type { EmbeddableNode, EmbeddingTextConfig } from './embedding-text';
export * from './model-manager';

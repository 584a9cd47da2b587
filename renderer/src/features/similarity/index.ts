/** Semantic search: start the feed once with the client, mount the toggle, the progress and the button. */
import './similarity.css';
export { startSimilarity } from './similarity-actions';
export { SemanticSearch } from './SemanticSearch';
export { FindSimilarButton } from './FindSimilarButton';
export { EmbedProgress } from './EmbedProgress';
export { attachSimilarityHighlight } from './canvas-highlight';

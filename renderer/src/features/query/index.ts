/** Multi-hop queries: start the feed with the client, mount the button and the panel, light answers. */
import './query.css';
export { startQuery } from './query-actions';
export { QueryButton, QueryPanel } from './QueryPanel';
export { attachQueryHighlight } from './canvas-highlight';

/** Explore: the canvas controller, its tools (layouts, filters, legend, exports) and settings. */
import './explore.css';
export { startExplore } from './explore-client';
export { createCanvasController, activeCanvas } from './canvas-controller';
export { ExploreOverlay } from './ExploreOverlay';
export { NodeViewActions } from './NodeViewActions';
export { EXPLORE_SHORTCUTS } from './shortcuts';
export { neighborsPerExpansion, confirmGrowth, confirmOverview } from './explore-actions';

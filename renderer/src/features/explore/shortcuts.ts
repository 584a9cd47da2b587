/** Explore's keys, listed in the shortcuts overlay and handled by useExploreKeys. */
export const EXPLORE_SHORTCUTS: Array<[string, string]> = [
  ['C', 'Collapse the selected node (remove the neighbours it brought)'],
  ['N', 'Pin / unpin the selected node'],
  ['H', 'Hide the selected node'],
  ['L', 'Run the chosen layout'],
  ['F', 'Fit the view'],
  ['G', 'Show or hide the legend and filters'],
  ['Ctrl+Shift+S', 'Export the view as PNG'],
];

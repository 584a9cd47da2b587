// cytoscape-svg ships no type declarations; it adds cy.svg(options) to Cytoscape.
declare module 'cytoscape-svg' {
  import type { Ext } from 'cytoscape';
  const svg: Ext;
  export default svg;
}

/**
 * Vite builds the renderer only (the Node and Electron bundles are esbuild's job, see scripts/build.mjs).
 * `base: './'` keeps asset URLs relative so the same build loads from file:// (Electron) and from
 * the headless host's HTTP server.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    // Cytoscape alone is ~400 KB minified; the default 500 KB warning would fire on every build.
    chunkSizeWarningLimit: 1500,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'native/**/*.test.ts', 'renderer/src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    exclude: ['node_modules', 'dist', 'e2e'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    globalSetup: ['./scripts/vitest-global-setup.ts'],
    // Native modules (better-sqlite3, onnxruntime) are happier in forks than in worker threads.
    pool: 'forks',
  },
});

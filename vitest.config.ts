import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Plot's half-pixel offset depends on whether a global `it` exists: keep globals off so that charts
    // rendered in tests match the build.
    globals: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});

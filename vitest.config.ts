import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One test file per core (Vitest's default is one fewer: a single file at a time on a 2-core machine), the e2e
    // files beside the others (a project without file parallelism would run after them, on one core). Most of the
    // slow files wait on a build in a child process, which leaves the other core idle.
    maxWorkers: os.availableParallelism(),
    // Plot's half-pixel offset depends on whether a global `it` exists: keep globals off so that charts
    // rendered in tests match the build.
    globals: false,
    testTimeout: 120_000,
    hookTimeout: 600_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['tests/e2e/**', '**/node_modules/**'] },
      },
      {
        // Tests over real builds (CLI, dist/, a real browser). The builds run once, before these files.
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/builds.setup.ts'],
        },
      },
    ],
  },
});

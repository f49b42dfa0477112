import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Test files that run a site build of their own, found by what they run (so a new one is not missed): they take
 * turns (tests/helpers/site-build-turn.ts), as two site builds at once can publish each other's team notes.
 */
const TESTS = fileURLToPath(new URL('tests/', import.meta.url));
const SITE_BUILDING = fs
  .readdirSync(TESTS, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts') && !file.startsWith(`e2e${path.sep}`))
  .filter((file) =>
    /['"]scripts\/build\.ts['"]\s*[,)]|astro\/bin\/astro/.test(fs.readFileSync(path.join(TESTS, file), 'utf8')),
  )
  .map((file) => `tests/${file.split(path.sep).join('/')}`);

/**
 * The order files start in: Vitest's, with the files that build a site spread out among the others, so that while
 * one worker builds, the other has other files to run instead of waiting for its turn.
 */
class SpreadSiteBuilds extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const building = sorted.filter((file) => file.project.name === 'site builds');
    const others = sorted.filter((file) => file.project.name !== 'site builds');
    const every = Math.max(1, Math.floor(others.length / (building.length + 1)));
    const order: TestSpecification[] = [];
    others.forEach((file, i) => {
      if (i % every === 0 && building.length) order.push(building.shift()!);
      order.push(file);
    });
    return [...order, ...building];
  }
}

export default defineConfig({
  test: {
    // One test file per core (Vitest's default is one fewer: a single file at a time on a 2-core machine, the other
    // core idle while a build runs in a child process).
    maxWorkers: os.availableParallelism(),
    // Plot's half-pixel offset depends on whether a global `it` exists: keep globals off so that charts
    // rendered in tests match the build.
    globals: false,
    sequence: { sequencer: SpreadSiteBuilds },
    testTimeout: 120_000,
    hookTimeout: 600_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', '**/node_modules/**', ...SITE_BUILDING],
        },
      },
      {
        extends: true,
        test: { name: 'site builds', include: SITE_BUILDING, setupFiles: ['tests/helpers/site-build-turn.ts'] },
      },
      {
        // Tests over real builds (CLI, dist/, a real browser). The builds run once, one after the other, before
        // any test file.
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

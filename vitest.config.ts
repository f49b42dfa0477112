import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Site builds take turns, one at a time (tests/helpers/site-build-turn.ts): `runScript` and `runScriptAsync` take a
 * turn for each build, so the rest of a file runs beside other files' builds. The files below run Astro some
 * other way, found by how they run it (so a new one is not missed): each holds a turn from its start to its end.
 */
const ROOT = fileURLToPath(new URL('.', import.meta.url));
const TESTS = path.join(ROOT, 'tests');
const testFiles = fs
  .readdirSync(TESTS, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => ({
    name: `tests/${file.split(path.sep).join('/')}`,
    text: fs.readFileSync(path.join(TESTS, file), 'utf8'),
  }));
const ASTRO_DIRECTLY = testFiles
  .filter(({ text }) => /astro\/bin\/astro|spawn(Sync)?\([^)]*['"]scripts\/build\.ts['"]/.test(text))
  .map(({ name }) => name);
/** Files that run site builds of their own (through the helpers or not): spread out among the others. */
const BUILDING = new Set(
  testFiles
    .filter(({ text }) => /['"]scripts\/build\.ts['"]\s*[,)]|astro\/bin\/astro/.test(text))
    .map(({ name }) => name),
);

/**
 * Files that take long without building a site (tens of seconds on a 2-core machine): they start first, while
 * the e2e sites are being built (tests/e2e/builds.setup.ts) and the first files that build wait for their turn.
 */
const LONG = [
  'tests/robustness/fuzz.test.ts',
  'tests/robustness/fuzz-repeat.test.ts',
  'tests/privacy/attack-disclosure.test.ts',
  'tests/warehouse.test.ts',
];

/**
 * The order files start in, for a fresh clone (with timings of an earlier run, Vitest's own order, longest first,
 * is kept): the LONG files, then the files that build spread out among the others so that while one builds the
 * other core has other work, the e2e files (which wait for their sites) among them after the first third.
 */
class SpreadSiteBuilds extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const took = (file: TestSpecification) => this.ctx.cache.getTestSpecificationResult(file)?.duration;
    if (files.every((file) => took(file) !== undefined)) return sorted.sort((a, b) => took(b)! - took(a)!);
    const name = (file: TestSpecification) => path.relative(ROOT, file.moduleId).split(path.sep).join('/');
    const long = sorted.filter((file) => LONG.includes(name(file)));
    const e2e = sorted.filter((file) => file.project.name === 'e2e');
    const building = sorted.filter((file) => BUILDING.has(name(file)) && file.project.name !== 'e2e');
    const others = sorted.filter((file) => !long.includes(file) && !e2e.includes(file) && !building.includes(file));
    building.splice(Math.ceil(building.length / 3), 0, ...e2e);
    const every = Math.max(1, Math.floor(others.length / (building.length + 1)));
    const order: TestSpecification[] = [...long];
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
          exclude: ['tests/e2e/**', '**/node_modules/**', ...ASTRO_DIRECTLY],
        },
      },
      {
        extends: true,
        test: {
          name: 'astro directly',
          include: ASTRO_DIRECTLY,
          setupFiles: ['tests/helpers/site-build-file-turn.ts'],
        },
      },
      {
        // Tests over real builds (CLI, dist/, a real browser). The builds run once, in the background from the
        // start; each e2e file waits for them.
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/builds.setup.ts'],
          setupFiles: ['tests/e2e/wait-for-builds.ts'],
        },
      },
    ],
  },
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Test files that run a site build of their own, found by what they run (so a new one is not missed): they run
 * beside each other, except those whose team notes show an image file, which build alone
 * (tests/helpers/site-build-turn.ts says why): found by an image file written into `retros/` on one line.
 */
const ROOT_DIR = fileURLToPath(new URL('.', import.meta.url));
const TESTS = path.join(ROOT_DIR, 'tests');
const testFiles = fs
  .readdirSync(TESTS, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts') && !file.startsWith(`e2e${path.sep}`))
  .map((file) => ({
    name: `tests/${file.split(path.sep).join('/')}`,
    text: fs.readFileSync(path.join(TESTS, file), 'utf8'),
  }));
const SITE_BUILDING = testFiles.filter(({ text }) => /['"]scripts\/build\.ts['"]\s*[,)]|astro\/bin\/astro/.test(text));
const imageInNotes = (text: string) => /['"]retros['"][^\n]*\.(png|jpe?g|gif|webp|avif|svg)['"]/i.test(text);
const BUILDING_ALONE = SITE_BUILDING.filter(({ text }) => imageInNotes(text)).map(({ name }) => name);
const BUILDING_BESIDE = SITE_BUILDING.filter(({ text }) => !imageInNotes(text)).map(({ name }) => name);

/**
 * Files that take long without building a site (each tens of seconds on a 2-core machine), started with the site
 * builds. When Vitest has timings of an earlier run (not in a fresh clone), it starts the longest first itself.
 */
const LONG = [
  'tests/robustness/fuzz.test.ts',
  'tests/privacy/attack-disclosure.test.ts',
  'tests/robustness/enormous-record.test.ts',
];

/**
 * The order files start in: the longest first, so that both cores stay busy to the end: the site builds and the
 * LONG files, then the e2e files (their builds, started first of all, are done by then), then the others; the
 * files that build alone last, when no other build is left to wait for.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // Vitest's order: larger files first, or longer ones when it has timings; but project by project.
    const sorted = await super.sort(files);
    const took = (file: TestSpecification) => this.ctx.cache.getTestSpecificationResult(file)?.duration;
    if (files.every((file) => took(file) !== undefined)) return sorted.sort((a, b) => took(b)! - took(a)!);
    const rank = (file: TestSpecification) => {
      const name = path.relative(ROOT_DIR, file.moduleId).split(path.sep).join('/');
      if (file.project.name === 'site builds alone') return 3;
      if (file.project.name === 'site builds' || LONG.includes(name)) return 0;
      return file.project.name === 'e2e' ? 1 : 2;
    };
    return sorted.sort((a, b) => rank(a) - rank(b));
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
    sequence: { sequencer: LongestFirst },
    testTimeout: 120_000,
    hookTimeout: 600_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', '**/node_modules/**', ...BUILDING_BESIDE, ...BUILDING_ALONE],
        },
      },
      {
        extends: true,
        test: {
          name: 'site builds',
          include: BUILDING_BESIDE,
          setupFiles: ['tests/helpers/site-build-setup.ts'],
          provide: { siteBuildAlone: false },
        },
      },
      {
        extends: true,
        test: {
          name: 'site builds alone',
          include: BUILDING_ALONE,
          setupFiles: ['tests/helpers/site-build-setup.ts'],
          provide: { siteBuildAlone: true },
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

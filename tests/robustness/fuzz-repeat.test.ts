/**
 * Damaged exports, again (issue #7, part 1): the same folder gives the same artifact, byte for byte, whatever
 * its name or the order of its files on disk; through `runDataStep` the cache is written whole and reused
 * unchanged; and the command itself (`scripts/data.ts` as a child process) exits 0 or 1 with one message,
 * never 2. Seeded and bounded, like `fuzz.test.ts`: each property runs a share of FUZZ_RUNS (see `fuzzing.ts`).
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../scripts/errors.ts';
import { silentLogger } from '../../scripts/log.ts';
import { runDataStep } from '../../scripts/pipeline.ts';
import { aggregatesSchema } from '../../scripts/schema/aggregates.ts';
import { runScript } from '../helpers/run.ts';
import { exportCaseArb, sampleSlice } from './exports.ts';
import {
  dataStep,
  expectEveryRowAccountedFor,
  FUZZ_TIMEOUT,
  namesAFile,
  params,
  runsOf,
  scratch,
  seeded,
} from './fuzzing.ts';

const base = sampleSlice();
const work = scratch('robustness-fuzz-repeat-');
beforeAll(work.open);
afterAll(work.close);

describe('generated exports read twice (in-process)', () => {
  it(
    'give the same artifact, byte for byte, when the same folder is read twice',
    { timeout: FUZZ_TIMEOUT },
    async () => {
      await fc.assert(
        fc.asyncProperty(exportCaseArb(base), async (c) => {
          const dir = work.folderOf(c);
          try {
            const first = await dataStep(dir);
            const second = await dataStep(dir);
            if (first.ok && second.ok) expect(second.json).toBe(first.json);
            else if (!first.ok && !second.ok) expect(second.error.format()).toBe(first.error.format());
            else
              expect.fail(
                `one run succeeded and the other did not: ${first.ok ? '' : first.error.message}${second.ok ? '' : second.error.message}`,
              );
          } finally {
            fs.rmSync(dir, { recursive: true, force: true });
          }
        }),
        params(7002, runsOf(0.15, 20)),
      );
    },
  );

  it(
    'give the same artifact for the same files under another folder name and in another order on disk',
    { timeout: FUZZ_TIMEOUT },
    async () => {
      await fc.assert(
        fc.asyncProperty(exportCaseArb(base), async (c) => {
          const first = work.folderOf(c);
          const second = work.folderOf({ ...c, files: [...c.files].reverse() });
          try {
            const [a, b] = [await dataStep(first), await dataStep(second)];
            expect(a.ok).toBe(b.ok);
            if (a.ok && b.ok) expect(b.json).toBe(a.json);
          } finally {
            fs.rmSync(first, { recursive: true, force: true });
            fs.rmSync(second, { recursive: true, force: true });
          }
        }),
        params(7003, runsOf(0.08, 10)),
      );
    },
  );
});

describe('generated exports through runDataStep (cache included)', () => {
  it(
    'either write a valid artifact and reuse it unchanged, or refuse with a UserError and leave no artifact behind',
    { timeout: FUZZ_TIMEOUT },
    async () => {
      await fc.assert(
        fc.asyncProperty(exportCaseArb(base), async (c) => {
          const dir = work.folderOf(c);
          const cacheDir = work.folder('cache');
          try {
            const options = { dataDir: dir, cacheDir, sample: false, log: silentLogger };
            let first;
            try {
              first = await runDataStep(options);
            } catch (error) {
              expect(error).toBeInstanceOf(UserError);
              expect(namesAFile((error as UserError).format(), dir, c)).toBe(true);
              expect(fs.existsSync(path.join(cacheDir, 'aggregates.key'))).toBe(false);
              return;
            }
            expect(first.reused).toBe(false);
            expectEveryRowAccountedFor(first.aggregates);
            const written = fs.readFileSync(first.artifactPath, 'utf8');
            expect(aggregatesSchema.safeParse(JSON.parse(written)).success).toBe(true);
            // Reused, and the same (the key's part for the code is worked out once per process, so an edit to
            // scripts/ while the suite runs does not move it).
            const second = await runDataStep(options);
            expect(second.reused).toBe(true);
            expect(JSON.stringify(second.aggregates)).toBe(written);
            expect(fs.readdirSync(cacheDir).sort()).toEqual(['aggregates.json', 'aggregates.key']);
          } finally {
            fs.rmSync(dir, { recursive: true, force: true });
            fs.rmSync(cacheDir, { recursive: true, force: true });
          }
        }),
        params(7004, runsOf(0.03, 6)),
      );
    },
  );
});

describe('generated exports through the command (scripts/data.ts as a child process)', () => {
  it(
    'exit 0, or exit 1 with one message that names a file and no stack trace; never exit 2',
    { timeout: FUZZ_TIMEOUT },
    () => {
      const cases = fc.sample(exportCaseArb(base), { seed: seeded(7005), numRuns: runsOf(0.01, 2) });
      // One folder that is certainly refused (a file that is not a table) and one that certainly builds.
      cases.push({
        files: [{ name: 'people.csv', bytes: Buffer.from('name,email\nA,a@example.com\n') }],
        config: null,
      });
      // (A build needs at least one usable application.)
      cases.push({
        files: [
          {
            name: 'requisitions.csv',
            bytes: Buffer.from('requisition_id,job_title,opened_at\nR-1,Engineer,2025-01-06\n'),
          },
          {
            name: 'applications.csv',
            bytes: Buffer.from('application_id,job_id,applied_at,status\nA-1,R-1,2025-01-07,active\n'),
          },
        ],
        config: null,
      });
      const statuses = new Set<number | null>();
      for (const c of cases) {
        const dir = work.folderOf(c);
        const result = runScript('scripts/data.ts', ['--data', dir], {
          CACHE_DIR: work.folder('cli-cache'),
        });
        statuses.add(result.status);
        expect([0, 1], result.stderr).toContain(result.status);
        expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/); // no stack trace
        if (result.status === 1) {
          const message = result.stderr.slice(result.stderr.lastIndexOf('\nerror: '));
          expect(namesAFile(message, dir, c), message).toBe(true);
        } else {
          expect(result.stderr).toMatch(/Aggregates written/);
        }
      }
      expect(statuses).toEqual(new Set([0, 1]));
    },
  );
});

/**
 * The harness of the fuzz tests (`fuzz*.test.ts`): a scratch folder per case, the data step in-process, and
 * the properties every outcome must have.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { UserError } from '../../scripts/errors.ts';
import { silentLogger } from '../../scripts/log.ts';
import { computeAggregates } from '../../scripts/metrics/index.ts';
import { CONFIG_FILE, loadConfig } from '../../scripts/read/config.ts';
import { ingest } from '../../scripts/read/ingest.ts';
import { aggregatesSchema, type Aggregates } from '../../scripts/schema/aggregates.ts';
import { writeCase, type ExportCase } from './exports.ts';

/** A scratch folder for one test file, with a fresh sub-folder per case. */
export function scratch(prefix: string) {
  let root = '';
  let counter = 0;
  return {
    open: () => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    },
    close: () => {
      if (root) fs.rmSync(root, { recursive: true, force: true });
    },
    /** A new, empty folder. */
    folder: (name = 'dir'): string => path.join(root, `${name}-${counter++}`),
    /** A new folder holding the case. */
    folderOf(c: ExportCase): string {
      const dir = path.join(root, `case-${counter++}`);
      fs.mkdirSync(dir);
      writeCase(dir, c);
      return dir;
    },
  };
}

export type Outcome = { ok: true; aggregates: Aggregates; json: string } | { ok: false; error: UserError };

/** The data step in-process, as `runDataStep` runs it (without the cache). Anything but a UserError escapes. */
export async function dataStep(dir: string): Promise<Outcome> {
  try {
    const config = await loadConfig(dir);
    const { tables, quality } = await ingest(dir, config, silentLogger);
    const aggregates = aggregatesSchema.parse(computeAggregates({ tables, quality, config, sample: false }));
    return { ok: true, aggregates, json: JSON.stringify(aggregates) };
  } catch (error) {
    if (error instanceof UserError) return { ok: false, error };
    throw error;
  }
}

/** The files a message may name: each export of the case, the config, the data folder itself. */
export function namesAFile(message: string, dir: string, c: ExportCase): boolean {
  return [...c.files.map((f) => f.name), CONFIG_FILE, dir].some((name) => message.includes(name));
}

/** Every row accounted for, once, in the counts and in the ledger. */
export function expectEveryRowAccountedFor(a: Aggregates): void {
  for (const e of a.quality.entities) {
    expect(e.read, e.entity).toBe(e.used + e.duplicatesIdentical + e.duplicatesConflicting + e.quarantined);
    const entries = a.quality.ledger.filter((l) => l.entity === e.entity);
    expect(entries.filter((l) => l.action === 'quarantined').length, e.entity).toBe(e.quarantined);
    expect(entries.filter((l) => l.action === 'merged duplicate').length, e.entity).toBe(e.duplicatesIdentical);
    expect(entries.filter((l) => l.action === 'replaced by later file').length, e.entity).toBe(e.duplicatesConflicting);
  }
}

/**
 * How many folders `fuzz.test.ts` generates; the other properties run a share of it. The default is sized for CI
 * on a 2-core machine; a deeper search is `FUZZ_RUNS=5000 npx vitest run tests/robustness/fuzz`. The seed stays
 * fixed (the first cases are the same at any size), unless FUZZ_SEED moves it to other cases.
 */
export const FUZZ_RUNS = wholeNumber('FUZZ_RUNS', 200);
const SEED_OFFSET = wholeNumber('FUZZ_SEED', 0);

function wholeNumber(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text)) throw new Error(`${name} must be a whole number, not "${text}"`);
  return Number(text);
}

/** A fuzz test's time limit: two minutes, and a second more per folder of FUZZ_RUNS. */
export const FUZZ_TIMEOUT = 120_000 + FUZZ_RUNS * 1_000;

/** `share` of FUZZ_RUNS, at least `least` (a property that runs the data step more than once per case). */
export const runsOf = (share: number, least: number): number => Math.max(least, Math.round(FUZZ_RUNS * share));

/** A test's own seed, moved by FUZZ_SEED. */
export const seeded = (seed: number): number => seed + SEED_OFFSET;

/** Seeds are fixed: a failure names its seed and path, and `fc.assert` replays it the same way. */
export const params = (seed: number, numRuns: number) =>
  ({ seed: seeded(seed), numRuns, endOnFailure: true, verbose: 1 }) as const;

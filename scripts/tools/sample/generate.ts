/**
 * The shipped sample: a synthetic mid-size company's ATS exports over 24 months (2024-11-01 to 2026-10-31),
 * in the canonical template, with a story for the retrospective to find (see story.ts).
 *
 *   node scripts/tools/sample/generate.ts [--out DIR] [--seed N]     (defaults: data/sample, DEFAULT_SEED)
 *
 * Deterministic: the same seed gives byte-identical files on every machine (seeded d3-random, UTC arithmetic
 * only, no clock, no locale). `tests/sample.test.ts` checks that data/sample is exactly what this produces.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { MINUTE } from './calendar.ts';
import { staffCompany } from './company.ts';
import { receiveApplications, type Application } from './journey.ts';
import { fakeCandidate } from './names.ts';
import { itemAt, rollDice, type Dice } from './random.ts';
import { openRequisitions } from './requisitions.ts';
import { writeRetros } from './retros.ts';
import { applicationsCsv, interviewsCsv, requisitionsCsv, stageEventsCsv, type CandidateColumns } from './tables.ts';

export const DEFAULT_SEED = 20261031;

export interface SampleOptions {
  seed?: number;
}

/** Relative path (e.g. `requisitions.csv`, `retros/2026-10.md`) → exact file contents. */
export function generateSample(options: SampleOptions = {}): Map<string, string> {
  return buildSample(options).files;
}

interface Sample {
  files: Map<string, string>;
  rows: Map<string, number>;
}

function buildSample({ seed = DEFAULT_SEED }: SampleOptions): Sample {
  const dice = rollDice(seed);
  // Separate streams per part, so that tuning one part of the story leaves the rest of the sample unchanged.
  const company = staffCompany(dice.fork(1));
  const jobs = openRequisitions(company, dice.fork(2));
  const applications = jobs.flatMap((job, i) => receiveApplications(job, company, dice.fork(1000 + i)));
  const candidates = fileApplications(applications, dice.fork(3));

  const tables = {
    'requisitions.csv': requisitionsCsv(jobs),
    'applications.csv': applicationsCsv(applications, candidates),
    'interviews.csv': interviewsCsv(applications),
    'stage_events.csv': stageEventsCsv(applications),
  };
  const files = new Map<string, string>();
  const rows = new Map<string, number>();
  for (const [path, table] of Object.entries(tables)) {
    files.set(path, table.csv);
    rows.set(path, table.rows);
  }
  for (const [path, text] of writeRetros(jobs, applications, company)) {
    files.set(path, text);
    rows.set(path, text.split('\n').filter((line) => line !== '').length);
  }
  return { files, rows };
}

/** A handful of people apply to two different jobs (the same candidate id on two applications). */
const REPEAT_CANDIDATES = 24;

/**
 * Numbers applications in the order they arrived (as an ATS does), and gives each a candidate with fake
 * identifying columns. Sorts `applications` in place.
 */
function fileApplications(applications: Application[], dice: Dice): Map<string, CandidateColumns> {
  applications.sort((a, b) => a.appliedAt - b.appliedAt);
  applications.forEach((application, i) => (application.applicationId = `APP-${String(i + 1).padStart(6, '0')}`));

  const sameCandidateAs = pickRepeatCandidates(applications, dice);
  const candidates = new Map<string, CandidateColumns>();
  const emails = new Set<string>();
  applications.forEach((application, i) => {
    const earlier = sameCandidateAs.get(i);
    if (earlier !== undefined) {
      application.candidateId = itemAt(applications, earlier).candidateId;
      return;
    }
    // Two people can share a name, never an e-mail address.
    let candidate = fakeCandidate(dice);
    while (emails.has(candidate.email)) candidate = fakeCandidate(dice);
    emails.add(candidate.email);
    application.candidateId = `CAN-${String(candidates.size + 1).padStart(6, '0')}`;
    candidates.set(application.candidateId, candidate);
  });
  return candidates;
}

/** later application index → index of the same person's earlier application to another job. */
function pickRepeatCandidates(applications: readonly Application[], dice: Dice): Map<number, number> {
  const sameCandidateAs = new Map<number, number>();
  const taken = new Set<number>();
  while (sameCandidateAs.size < REPEAT_CANDIDATES) {
    const later = dice.int(applications.length / 4, applications.length - 1);
    const application = itemAt(applications, later);
    if (application.status === 'hired' || taken.has(later)) continue;
    // Their earlier application: to another job, one to twelve weeks before.
    const weeksBefore = dice.int(1, 12);
    for (let i = later - 1; i >= 0; i--) {
      const candidate = itemAt(applications, i);
      if (application.appliedAt - candidate.appliedAt < weeksBefore * 7 * 24 * 60 * MINUTE) continue;
      if (candidate.job === application.job || candidate.status === 'hired' || taken.has(i)) continue;
      sameCandidateAs.set(later, i);
      taken.add(later).add(i);
      break;
    }
  }
  return sameCandidateAs;
}

function writeSample(outDir: string, seed: number): void {
  const started = performance.now();
  const { files, rows } = buildSample({ seed });
  for (const [path, text] of files) {
    const target = join(outDir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    console.log(`${target}  ${rows.get(path) ?? 0} ${path.endsWith('.csv') ? 'rows' : 'lines'}`);
  }
  console.log(`sample written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** `--out DIR` (default data/sample) and `--seed N` (default DEFAULT_SEED; the shipped sample uses the default). */
function parseCommandLine(args: string[]): { outDir: string; seed: number } {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { out: { type: 'string' }, seed: { type: 'string' } }, strict: true }));
  } catch (error) {
    fail(`${(error as Error).message}: the options are --out DIR and --seed N`);
  }
  const seed = Number(values.seed ?? DEFAULT_SEED);
  if (!Number.isSafeInteger(seed)) fail('--seed must be a whole number');
  return { outDir: values.out ?? 'data/sample', seed };
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

if (import.meta.main) {
  const { outDir, seed } = parseCommandLine(process.argv.slice(2));
  writeSample(outDir, seed);
}

/**
 * A Workable export tried as a new user would (issue 17): the candidates of Workable's API (`job.shortcode`,
 * `disqualified`, `disqualification_reason`, …) beside its jobs (`id`, `title`, `shortcode`, `code`, `state`,
 * `department`, `created_at`, …). The jobs used to be skipped ("its only columns in common with requisitions
 * are common names"), and the config printed for them keyed requisitions by `id`, while Workable's candidates
 * name their job by its shortcode: following it set every application aside and stopped the build. Workable's
 * jobs are now a table of the Workable dialect, keyed by the shortcode, their `state` read as Workable defines
 * it (published and closed — a job used internally — are open; archived ended; a draft is not stated), and
 * their fills derived from their hires, as the jobs carry no fill date.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../scripts/log.ts';
import { runDataStep } from '../../scripts/pipeline.ts';

let work: string;

const csv = (rows: ReadonlyArray<ReadonlyArray<string>>) => rows.map((r) => r.join(',')).join('\n') + '\n';

function writeWorkable(dir: string) {
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const iso = (day: number) => new Date(Date.UTC(2025, 0, 1 + day, 9)).toISOString();
  const jobs = [['id', 'title', 'full_title', 'shortcode', 'code', 'state', 'department', 'url', 'created_at']];
  const states = ['published', 'closed', 'archived', 'draft'];
  const unfilled: Record<string, string> = {};
  const candidates = [
    [
      'id',
      'name',
      'email',
      'job.title',
      'job.shortcode',
      'stage',
      'disqualified',
      'disqualification_reason',
      'disqualified_at',
      'hired_at',
      'domain',
      'created_at',
    ],
  ];
  let n = 0;
  // 20 jobs with a hire each, then one job of each state without candidates.
  for (let j = 0; j < 24; j++) {
    const shortcode = Math.floor(random() * 0xffffff)
      .toString(16)
      .toUpperCase()
      .padStart(6, '0');
    const state = states[j % 4]!;
    const department = j % 2 ? 'Ops' : 'R&D';
    jobs.push([
      `${100 + j}`,
      'Engineer',
      'Engineer - Athens',
      shortcode,
      `JC${j}`,
      state,
      department,
      `https://x.example/j/${shortcode}`,
      iso(j * 10),
    ]);
    if (j >= 20) {
      unfilled[state] = shortcode;
      continue;
    }
    for (let p = 0; p < 8; p++) {
      n++;
      const out = p < 6;
      candidates.push([
        `c${n}`,
        `ZQXNAME${n} Fakename`,
        `zqx${n}@example.test`,
        'Engineer',
        shortcode,
        out ? 'Applied' : 'Interview',
        out ? 'true' : 'false',
        out ? "Doesn't have required qualifications" : '',
        out ? iso(j * 10 + p + 12) : '',
        p === 7 ? iso(j * 10 + 40) : '',
        'linkedin.com',
        iso(j * 10 + p),
      ]);
    }
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'jobs.csv'), csv(jobs));
  fs.writeFileSync(path.join(dir, 'candidates.csv'), csv(candidates));
  return unfilled;
}

async function dataStep(name: string, config?: unknown) {
  const data = path.join(work, name);
  const unfilled = writeWorkable(data);
  if (config) fs.writeFileSync(path.join(data, 'dashboard.config.json'), JSON.stringify(config));
  const log = memoryLogger();
  try {
    const { aggregates } = await runDataStep({
      dataDir: data,
      cacheDir: path.join(work, `${name}-cache`),
      sample: false,
      log,
    });
    return { aggregates, unfilled, lines: log.lines.join('\n'), error: null };
  } catch (error) {
    return { aggregates: null, unfilled, lines: log.lines.join('\n'), error: String(error) };
  }
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'attack-workable-jobs-'));
});
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

describe('Workable’s jobs beside its candidates', () => {
  it('the candidates are read as Workable applications, and nothing of theirs is in the log', async () => {
    const { lines } = await dataStep('plain');
    expect(lines).toMatch(/candidates\.csv: read as applications \(Workable\)/);
    expect(lines).not.toMatch(/ZQX/i);
  });

  it('are read as Workable requisitions with no config, and every candidate joins its job by shortcode', async () => {
    const { lines, aggregates, error } = await dataStep('no-config');
    expect(error).toBeNull();
    expect(lines).toMatch(/jobs\.csv: read as requisitions \(Workable\)/);
    expect(aggregates?.quality.entities.find((e) => e.entity === 'requisitions')?.used).toBe(24);
    expect(aggregates?.quality.entities.find((e) => e.entity === 'applications')?.used).toBe(160);
  });

  it('each job is filled by its hire, 40 days after it was created, whatever its state', async () => {
    const { lines, aggregates } = await dataStep('fills');
    expect(lines).toMatch(/derived filled_at of 20 requisitions/);
    const fills = aggregates!.timeToFill.fills;
    expect(fills).toHaveLength(20);
    expect(new Set(fills.map((f) => f.days_to_fill))).toEqual(new Set([40]));
  });

  it('a job without a hire is open when published, closed (internal) or a draft, and not when archived', async () => {
    const { aggregates, unfilled } = await dataStep('states');
    const open = new Set(aggregates!.timeToFill.open.map((r) => r.requisition_id));
    expect(open).toEqual(new Set([unfilled.published, unfilled.closed, unfilled.draft]));
  });
});

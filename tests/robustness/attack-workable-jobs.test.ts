/**
 * A Workable export tried as a new user would (issue 17): the candidates of Workable's API (`job.shortcode`,
 * `disqualified`, `disqualification_reason`, …) beside its jobs (`id`, `title`, `shortcode`, `code`, `state`,
 * `department`, `created_at`, …). The candidates are read as Workable applications; the jobs are skipped ("its
 * only columns in common with requisitions are common names"), and the config the build prints to read them maps
 * `requisition_id` to `id`. Following it, every application is set aside ("job_id matches no requisition"),
 * since Workable's candidates name their job by its shortcode: the build stops, and the user is left to find
 * `"job_id": "shortcode"` alone. Open defects, until Workable's jobs are a dialect of their own (the Workable
 * dialect in scripts/read/dialects/ has applications only) or the printed config joins:
 *
 * - Workable's jobs are not recognised with no config;
 * - the config printed for them (scripts/read/recognise.ts) does not build.
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
  for (let j = 0; j < 20; j++) {
    const shortcode = Math.floor(random() * 0xffffff)
      .toString(16)
      .toUpperCase()
      .padStart(6, '0');
    const department = j % 2 ? 'Ops' : 'R&D';
    jobs.push([
      `${100 + j}`,
      'Engineer',
      'Engineer - Athens',
      shortcode,
      `JC${j}`,
      'published',
      department,
      `https://x.example/j/${shortcode}`,
      iso(j * 10),
    ]);
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
}

async function dataStep(name: string, config?: unknown) {
  const data = path.join(work, name);
  writeWorkable(data);
  if (config) fs.writeFileSync(path.join(data, 'dashboard.config.json'), JSON.stringify(config));
  const log = memoryLogger();
  try {
    const { aggregates } = await runDataStep({
      dataDir: data,
      cacheDir: path.join(work, `${name}-cache`),
      sample: false,
      log,
    });
    return { aggregates, lines: log.lines.join('\n'), error: null };
  } catch (error) {
    return { aggregates: null, lines: log.lines.join('\n'), error: String(error) };
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

  // Defect: Workable's jobs are not recognised (see the header).
  it.fails('are read as requisitions with no config', async () => {
    const { lines, aggregates } = await dataStep('no-config');
    expect(lines).toMatch(/jobs\.csv: read as requisitions/);
    expect(aggregates?.quality.entities.find((e) => e.entity === 'applications')?.used).toBe(160);
  });

  // Defect: the printed config maps the job's id, while the candidates name its shortcode (see the header).
  it.fails('the config the build prints for them builds, every application used', async () => {
    const { lines } = await dataStep('printed');
    const hint = /jobs\.csv: skipped[\s\S]*?dashboard\.config\.json: (\{.*?\}\}\})/.exec(lines);
    expect(hint).not.toBeNull();
    const { aggregates, error } = await dataStep('following', JSON.parse(hint![1]!));
    expect(error).toBeNull();
    expect(aggregates?.quality.entities.find((e) => e.entity === 'applications')?.used).toBe(160);
  });
});

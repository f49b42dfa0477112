/**
 * Recognition you can trust (issue 17, items 1 and 6; issue 18, item 3): every file gets one line in the build
 * output and a row in the artifact — what it was read as, or why it was skipped — and a file the build does not
 * need never stops it. Tables about people are never read; a match on common column names only (`id`, `name`,
 * `created_at`) is never used silently; messages never quote a cell.
 *
 * The folders are written by seeded code (`folder` below) with fake people carrying distinctive tokens (ZQX…):
 * a test greps for them in everything the run leaves behind.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCli } from '../scripts/cli.ts';
import { UserError } from '../scripts/errors.ts';
import { memoryLogger } from '../scripts/log.ts';
import { runDataStep } from '../scripts/pipeline.ts';
import { loadConfig, parseConfig } from '../scripts/read/config.ts';
import { ingest } from '../scripts/read/ingest.ts';
import { recognise, type Recognition } from '../scripts/read/recognise.ts';
import { artifactPathIn } from '../scripts/cache-files.ts';
import { ALL } from '../scripts/schema/aggregates.ts';
import { ROOT } from './helpers/run.ts';
import { random } from './fixtures/random.ts';

const csv = (rows: Array<Array<string | number>>): string => rows.map((r) => r.join(',')).join('\n') + '\n';
const day = (n: number): string => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/** Every token a fake person carries: none may appear in any output or message. */
const TOKENS: string[] = [];
const person = (kind: string, i: number) => {
  const name = `ZQX${kind}NAME${i}`;
  const email = `zqx${kind.toLowerCase()}${i}@example.com`;
  const phone = `+44 20 7946 ${String(1000 + i).padStart(4, '0')}`;
  TOKENS.push(name, email);
  return { name, email, phone };
};

/**
 * Canonical exports (40 applications on 4 seats, interviews and stage events) beside the files a real folder
 * holds too: a candidates table, a users table, a jobs file without dates, an ML model's output, an unrelated
 * file, and an applications export saved without its header row. (Vendor warehouse tables are claimed before
 * this reading by `scripts/read/warehouse/`; their headers are checked against `recognise` below.)
 */
async function folder(dir: string, seed = 17): Promise<void> {
  const rand = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  await mkdir(dir, { recursive: true });
  const seats = [1, 2, 3, 4].map((i) => [`REQ-${i}`, `JOB-${i}`, `Engineer ${i}`, 'Engineering', day(i)]);
  await writeFile(
    join(dir, 'requisitions.csv'),
    csv([['requisition_id', 'job_id', 'job_title', 'department', 'opened_at'], ...seats]),
  );
  const applications: Array<Array<string | number>> = [
    ['application_id', 'candidate_id', 'candidate_name', 'candidate_email', 'job_id', 'applied_at', 'status'],
  ];
  for (let i = 1; i <= 40; i++) {
    const p = person('CAND', i);
    const status = pick(['active', 'rejected', 'hired', 'withdrawn']);
    applications.push([`APP-${i}`, `ZQXCID${i}`, p.name, p.email, `JOB-${1 + (i % 4)}`, day(10 + i), status]);
    TOKENS.push(`ZQXCID${i}`);
  }
  await writeFile(join(dir, 'applications.csv'), csv(applications));
  const interviews: Array<Array<string | number>> = [['interview_id', 'application_id', 'interviewer', 'interview_at']];
  for (let i = 1; i <= 20; i++) interviews.push([`INT-${i}`, `APP-${i}`, 'Interviewer A', day(60 + i)]);
  await writeFile(join(dir, 'interviews.csv'), csv(interviews));
  await writeFile(
    join(dir, 'stage_events.csv'),
    csv([['application_id', 'stage', 'entered_at'], ...[1, 2, 3].map((i) => [`APP-${i}`, 'Screen', day(20 + i)])]),
  );

  // A candidates table (hand-made) and a users table (employees): about people.
  const candidates: Array<Array<string | number>> = [['candidate_id', 'first_name', 'last_name', 'email', 'phone']];
  for (let i = 1; i <= 10; i++) {
    const p = person('PEOPLE', i);
    candidates.push([`ZQXCID${i}`, p.name, `ZQXLAST${i}`, p.email, p.phone]);
    TOKENS.push(`ZQXLAST${i}`);
  }
  await writeFile(join(dir, 'candidates.csv'), csv(candidates));
  const users: Array<Array<string | number>> = [['user_id', 'full_name', 'work_email', 'created_at']];
  for (let i = 1; i <= 5; i++) {
    const p = person('USER', i);
    users.push([`U-${i}`, p.name, p.email, day(i)]);
  }
  await writeFile(join(dir, 'users.csv'), csv(users));
  // Jobs without dates: no opened_at, so no seat can be timed.
  await writeFile(
    join(dir, 'jobs.csv'),
    csv([['job_id', 'job_title', 'department'], ...[1, 2].map((i) => [`JOB-${i}`, `Engineer ${i}`, 'Engineering'])]),
  );
  // A model's output: generic names only (id, name, created_at, score).
  const ml: Array<Array<string | number>> = [['id', 'name', 'created_at', 'score', 'label']];
  for (let i = 1; i <= 5; i++) {
    ml.push([`APP-${i}`, `ZQXMLNAME${i}`, day(i), rand().toFixed(3), pick(['fit', 'no fit'])]);
    TOKENS.push(`ZQXMLNAME${i}`);
  }
  await writeFile(join(dir, 'ml_output.csv'), csv(ml));
  await writeFile(
    join(dir, 'budget.csv'),
    csv([
      ['quarter', 'amount_eur'],
      ['Q1', 1000],
    ]),
  );
  // An applications export saved without its header row: its first row is a candidate's.
  await writeFile(
    join(dir, 'headerless.csv'),
    csv([
      ['APP-900', 'ZQXHEADERLESS1', 'zqxheaderless1@example.com', 'JOB-1', day(30), 'active'],
      ['APP-901', 'ZQXHEADERLESS2', 'zqxheaderless2@example.com', 'JOB-2', day(31), 'active'],
    ]),
  );
  TOKENS.push('ZQXHEADERLESS1', 'zqxheaderless1@example.com', 'ZQXHEADERLESS2');
}

/**
 * Vendor tables shaped exactly as Fivetran syncs them: fivetran/dbt_lever_source models/src_lever.yml, table
 * `opportunity` (one row per candidate's pipeline; `name` is the candidate).
 */
const LEVER_OPPORTUNITY = [
  'id',
  '_fivetran_synced',
  'archived_at',
  'archived_reason_id',
  'contact',
  'created_at',
  'data_protection_contact_allowed',
  'data_protection_contact_expires_at',
  'data_protection_store_allowed',
  'data_protection_store_expires_at',
  'headline',
  'is_anonymized',
  'last_advanced_at',
  'last_interaction_at',
  'location',
  'name',
  'origin',
  'owner_id',
  'snoozed_until',
  'stage_id',
  'updated_at',
];
/** The same, table `user`. */
const LEVER_USER = [
  'id',
  '_fivetran_deleted',
  'access_role',
  'created_at',
  'deactivated_at',
  'email',
  'external_directory_id',
  'name',
  'photo',
  'username',
];
/** fivetran/dbt_greenhouse integration_tests/seeds/candidate.csv. */
const GREENHOUSE_CANDIDATE = [
  'id',
  '_fivetran_deleted',
  '_fivetran_synced',
  'company',
  'created_at',
  'first_name',
  'last_name',
  'private',
  'last_activity_at',
  'title',
  'updated_at',
  'can_email',
  'preferred_name',
  'time_zone',
];

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'recognition-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const defaults = parseConfig('{}');
const what = (r: Recognition): string => ('match' in r ? `${r.match.entity} (${r.match.dialect.id})` : r.skip.why);

describe('recognising a header', () => {
  it('vendor tables about people are never requisitions: Lever opportunity and user, Greenhouse candidate', () => {
    expect(what(recognise(LEVER_OPPORTUNITY, 'opportunity.csv', defaults))).toBe(
      'a table about people (headline): never read',
    );
    expect(what(recognise(LEVER_USER, 'user.csv', defaults))).toBe(
      'a table about people (email, username): never read',
    );
    expect(what(recognise(GREENHOUSE_CANDIDATE, 'candidate.csv', defaults))).toBe(
      'a table about people (first_name, last_name, can_email, preferred_name): never read',
    );
  });

  it('a match on common names only is not used: it is named, with the config that would read it', () => {
    // A Greenhouse job post: id, title, created_at are all Lever's requisitions have in common with it.
    const r = recognise(['id', 'created_at', 'job_id', 'live', 'title', 'updated_at'], 'job_post.csv', defaults);
    expect('skip' in r && r.skip).toEqual({
      kind: 'unrecognised',
      why:
        'not recognised: its only columns in common with requisitions (Lever) are common names (id, title, created_at), ' +
        'which many other tables have; it lacks a column that says what it is',
      fix:
        'If it is an export of requisitions, name its columns in dashboard.config.json: ' +
        '{"columns": {"requisitions": {"requisition_id": "id", "job_title": "title", "opened_at": "created_at"}}}. ' +
        'If it is not an export of requisitions, applications, interviews or stage events, leave it: it is skipped.',
    });
    // The snippet, pasted into the config, reads it (the user's mapping names it).
    const mapped = parseConfig(
      '{"columns": {"requisitions": {"requisition_id": "id", "job_title": "title", "opened_at": "created_at"}}}',
    );
    expect(what(recognise(['id', 'created_at', 'job_id', 'live', 'title', 'updated_at'], 'x.csv', mapped))).toBe(
      'requisitions (canonical)',
    );
    // A column that says what the table is makes it specific: Lever's own requisitions export.
    expect(what(recognise(['id', 'requisitionCode', 'name', 'createdAt', 'status'], 'x.csv', defaults))).toBe(
      'requisitions (lever)',
    );
  });

  it('a mapping of requisition columns does not make employees seats', () => {
    const mapped = parseConfig('{"columns": {"requisitions": {"job_title": "name"}}}');
    expect(what(recognise(LEVER_USER, 'user.csv', mapped))).toBe('a table about people (email, username): never read');
  });

  it('an applications export that carries the candidate’s name and e-mail is still applications', () => {
    const header = ['application_id', 'candidate_name', 'candidate_email', 'job_id', 'applied_at', 'status'];
    expect(what(recognise(header, 'x.csv', defaults))).toBe('applications (canonical)');
  });

  it('a hand-made applications export without a status column is applications; a vendor’s is not', () => {
    expect(what(recognise(['Application ID', 'Job Code', 'Applied On', 'Candidate Name'], 'x.csv', defaults))).toBe(
      'applications (canonical)',
    );
    // Ashby's applications always carry a status: without one, `id, jobId, createdAt` is no application.
    expect(what(recognise(['id', 'jobId', 'createdAt', 'title'], 'x.csv', defaults))).not.toMatch(/^applications/);
  });

  it('without a status column, outcomes come from the outcome dates, and the rest is said to be unknown', async () => {
    const dir = join(tmp, 'no-status');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'applications.csv'),
      csv([
        ['application_id', 'job_id', 'department', 'applied_at', 'rejected_at', 'hired_at'],
        ['A1', 'J1', 'Sales', day(1), day(9), ''],
        ['A2', 'J1', 'Sales', day(2), '', day(30)],
        ['A3', 'J1', 'Sales', day(3), day(8), ''],
        ['A4', 'J1', 'Sales', day(4), '', ''],
        ['A5', 'J1', 'Sales', day(5), '', ''],
      ]),
    );
    const log = memoryLogger();
    const result = await ingest(dir, defaults, log);
    const status = Object.fromEntries(result.tables.applications.map((a) => [a.applicationId, a.status]));
    expect(status).toEqual({ A1: 'rejected', A2: 'hired', A3: 'rejected', A4: 'active', A5: 'active' });
    expect((result.quality.derived ?? []).map((d) => [d.column, d.rows, d.how.split(' (')[0]])).toEqual([
      ['status', 2, 'their rejected_at'],
      ['status', 1, 'their hired_at'],
      ['status', 2, 'nothing: their outcome is unknown'],
    ]);
    expect(log.lines).toContain(
      'warning: applications: 2 have no outcome in your export (no status column, no rejected_at or hired_at, no outcome stage event): they count as still in process. Export a status column, or stage events with outcome stages (see "outcomeStages")',
    );
  });

  it('without status and rejected_by columns, the definitions page says what the build does', async () => {
    const dir = join(tmp, 'no-status-definitions');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'dashboard.config.json'), '{ "privacy": { "minGroupSize": 1 } }\n');
    await writeFile(
      join(dir, 'applications.csv'),
      csv([
        ['application_id', 'job_id', 'department', 'applied_at', 'rejected_at', 'hired_at', 'rejection_reason'],
        ['A1', 'J1', 'Sales', day(1), day(9), '', 'Not enough experience'],
        ['A2', 'J1', 'Sales', day(2), day(20), day(30), ''], // both dates: hired
        ['A3', 'J1', 'Sales', day(3), '', '', ''], // a withdrawal event
        ['A4', 'J1', 'Sales', day(4), '', '', ''], // nothing: unknown, in process
      ]),
    );
    await writeFile(
      join(dir, 'stage_events.csv'),
      csv([
        ['application_id', 'stage', 'entered_at'],
        ['A3', 'Screen', day(5)],
        ['A3', 'Withdrawn', day(12)],
      ]),
    );
    const { aggregates } = await runDataStep({
      dataDir: dir,
      cacheDir: join(tmp, 'no-status-definitions-cache'),
      sample: false,
      force: true,
      log: memoryLogger(),
    });
    const text = (id: string) => aggregates.definitions.find((d) => d.id === id)!.text;
    // What the code did…
    const counts = Object.fromEntries(
      aggregates.quality
        .derived!.filter((d) => d.column.startsWith('status'))
        .map((d) => [d.how.split(' (')[0], d.rows]),
    );
    expect(counts).toEqual({
      'their rejected_at': 1,
      'their hired_at': 1,
      'withdrawals, from their latest stage event "Withdrawn"': 1,
      'nothing: their outcome is unknown': 1,
    });
    const by: Record<string, number> = {};
    for (const r of aggregates.rejections.byRejectedBy.filter((r) => r.department === ALL)) {
      by[r.key] = (by[r.key] ?? 0) + (r.rejections ?? 0);
    }
    expect(by).toEqual({ company: 1, candidate: 1 });
    // …is what the definitions page says.
    expect(text('derived')).toContain(
      'When no applications file has a status column (a hand-made export), the outcome comes from the other columns: an application with a hired_at is hired (even when it also has a rejected_at), else one with a rejected_at is rejected (by the company, unless the reason says otherwise: see "Rejected by"), else one whose latest stage event is an outcome stage takes that outcome as above; the rest have an unknown outcome and count as still in process',
    );
    expect(text('rejectedBy')).toContain(
      'When the export has no rejected_by column at all, its status is its only word on it: rejected means the company ended the process and withdrawn the candidate',
    );
  });

  it('a file with several application columns is said to be closest to applications, not to a table it shares one with', () => {
    // One row per candidate, as a public hand-made export has it: four application columns, one requisition column.
    const header = ['candidate_id', 'department', 'source', 'apply_date', 'final_stage', 'hired', 'rejection_reason'];
    expect(what(recognise(header, 'x.csv', defaults))).toBe(
      'not recognised: closest table applications (canonical template), which needs application_id, job_id, applied_at',
    );
  });

  it('an applications export that lacks a column says so, even with the candidate’s name beside it', () => {
    const header = ['application_id', 'candidate_name', 'candidate_email', 'job_id', 'status', 'rejected_at'];
    expect(what(recognise(header, 'x.csv', defaults))).toBe(
      'not recognised: closest table applications (canonical template), which needs applied_at',
    );
  });

  it('a header that matches a table is one, even with a column named after a person', () => {
    const header = ['application_id', 'job_id', 'applied_at', 'status', 'zqx.named@example.com'];
    expect(what(recognise(header, 'x.csv', defaults))).toBe('applications (canonical)');
  });

  it('a first row of data is said to be so, and none of it is printed', () => {
    const row = ['APP-1', 'ZQXROWNAME', 'zqxrow@example.com', 'JOB-1', '2025-01-02', 'rejected', 'ZQXNOTE'];
    const r = recognise(row, 'x.csv', defaults);
    expect('skip' in r && r.skip.kind).toBe('unrecognised');
    const text = JSON.stringify(r);
    for (const token of row) expect(text).not.toContain(token);
    expect(text).toContain('first row looks like data, not column names');
  });

  it('a file that is no export at all (/etc/passwd renamed .csv) is not quoted', () => {
    const r = recognise(['root:x:0:0:root:/root:/bin/bash'], 'passwd.csv', defaults);
    const said = 'skip' in r ? `${r.skip.why} ${r.skip.fix}` : String((r as { error?: Error }).error?.message);
    expect(said).toMatch(/^not recognised/);
    expect(said).not.toContain('root');
  });
});

describe('--strict', () => {
  it('is a flag of the command and its environment twin, off by default', () => {
    expect(parseCli([], {}).strict).toBe(false);
    expect(parseCli(['--strict'], {}).strict).toBe(true);
    expect(parseCli([], { STRICT: '1' }).strict).toBe(true);
  });
});

describe('a folder with files the dashboard does not need', () => {
  it('builds in one run, reads the exports, and lists every file with what it was read as or why it was skipped', async () => {
    const dir = join(tmp, 'mixed');
    await folder(dir);
    const cacheDir = join(tmp, 'mixed-cache');
    const log = memoryLogger();
    const result = await runDataStep({ dataDir: dir, cacheDir, sample: false, force: true, log });
    const files = Object.fromEntries(result.aggregates.quality.files.map((f) => [f.path, f.readAs ?? f.skipped]));
    expect(files).toEqual({
      'applications.csv': 'applications (canonical template)',
      'budget.csv': 'not recognised: none of its columns is one the dashboard reads',
      'candidates.csv': 'a table about people (first_name, last_name, email, phone): never read',
      'headerless.csv':
        'its first row looks like data, not column names (an export saved without its header row?); the row is not shown',
      'interviews.csv': 'interviews (canonical template)',
      'jobs.csv':
        'not recognised: closest table requisitions (canonical template), which needs requisition_id, opened_at',
      'ml_output.csv':
        'not recognised: its only columns in common with requisitions (Lever) are common names (id, name, created_at), which many other tables have; it lacks a column that says what it is',
      'requisitions.csv': 'requisitions (canonical template)',
      'stage_events.csv': 'stage events (canonical template)',
      'users.csv': 'a table about people (full_name, work_email): never read',
    });
    // One line per file in the build output, in path order, and the summary per table.
    const lines = log.lines.filter((l) => /^(warning: )?[\w.]+\.csv: (read as|skipped)/.test(l));
    expect(lines.map((l) => l.split(':')[l.startsWith('warning') ? 1 : 0]!.trim())).toEqual(Object.keys(files).sort());
    expect(log.lines).toContain('applications.csv: read as applications (canonical template)');
    expect(log.lines).toContain(
      'warning: users.csv: skipped — a table about people (full_name, work_email): never read',
    );
    expect(log.lines).toContain(
      'warning: jobs.csv: skipped — not recognised: closest table requisitions (canonical template), which needs requisition_id, opened_at' +
        '\n  How to read it: If it is an export of requisitions, map its columns in dashboard.config.json, e.g. ' +
        '{"columns": {"requisitions": {"requisition_id": "<your column>", "opened_at": "<your column>"}}} ' +
        '(template columns of requisitions: requisition_id, job_id?, job_title, department?, location?, hiring_manager?, recruiter?, opened_at, filled_at?, closed_at?, status?). ' +
        'If it is not an export of requisitions, applications, interviews or stage events, leave it: it is skipped. Its columns: job_id, job_title, department.',
    );
    // The exports were read in full; nothing of the skipped files reached a table.
    expect(result.aggregates.quality.entities.find((e) => e.entity === 'applications')).toMatchObject({
      read: 40,
      used: 40,
    });
    expect(result.aggregates.quality.entities.find((e) => e.entity === 'requisitions')).toMatchObject({
      read: 4,
      used: 4,
    });
    // No person's token anywhere: the artifact, the cache folder, the log.
    const artifact = await readFile(artifactPathIn(cacheDir), 'utf8');
    const everything = `${artifact}\n${log.lines.join('\n')}`;
    for (const token of TOKENS) expect(everything, token).not.toContain(token);

    // A second run reuses the artifact and says its warnings again.
    const again = memoryLogger();
    const reused = await runDataStep({ dataDir: dir, cacheDir, sample: false, log: again });
    expect(reused.reused).toBe(true);
    const warnings = log.lines.filter((l) => l.startsWith('warning: '));
    // The six skipped files' lines are among them.
    expect(warnings.filter((l) => l.includes(': skipped — '))).toHaveLength(6);
    expect(again.lines.filter((l) => l.startsWith('warning: '))).toEqual(warnings);
  });

  it('--strict stops on the unrecognised files, naming them all at once (not the tables about people)', async () => {
    const dir = join(tmp, 'strict');
    await folder(dir);
    const error = await ingest(dir, await loadConfig(dir), memoryLogger(), { strict: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(
      '4 files not recognised, and --strict is on: budget.csv, headerless.csv, jobs.csv, ml_output.csv',
    );
  });
});

describe('the tables the build needs', () => {
  it('without an applications export the run stops, naming what is missing and what was skipped', async () => {
    const dir = join(tmp, 'no-applications');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'requisitions.csv'),
      csv([
        ['requisition_id', 'job_title', 'opened_at'],
        ['R-1', 'Chef', day(1)],
      ]),
    );
    await writeFile(
      join(dir, 'people.csv'),
      csv([
        ['first_name', 'email'],
        ['ZQXNOAPP', 'zqxnoapp@example.com'],
      ]),
    );
    const error = await runDataStep({
      dataDir: dir,
      cacheDir: join(tmp, 'no-applications-cache'),
      sample: false,
      force: true,
      log: memoryLogger(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(
      'no applications were read: none of the 2 files in the data folder is an export of applications with data rows. ' +
        'Files: people.csv (skipped: a table about people (first_name, email): never read), ' +
        'requisitions.csv (requisitions (canonical template), 1 row)',
    );
    expect((error as UserError).format()).not.toMatch(/ZQX|zqx/);
  });

  it('with every application set aside the run stops, naming the column and the problem, never a value', async () => {
    const dir = join(tmp, 'all-quarantined');
    await mkdir(dir, { recursive: true });
    const rows: Array<Array<string | number>> = [['application_id', 'job_id', 'applied_at', 'status']];
    // 30 dates a German spreadsheet re-saved (day and month both ≤ 12: either way), and 2 unknown statuses.
    for (let i = 1; i <= 30; i++) rows.push([`A-${i}`, 'J-1', `0${1 + (i % 9)}.1${i % 3}.23 07:45`, 'active']);
    rows.push(['A-31', 'J-1', '2025-01-05', 'ZQXSTATUS1'], ['A-32', 'J-1', '2025-01-06', 'ZQXSTATUS2']);
    await writeFile(join(dir, 'applications.csv'), csv(rows));
    const log = memoryLogger();
    const error = await runDataStep({
      dataDir: dir,
      cacheDir: join(tmp, 'all-quarantined-cache'),
      sample: false,
      force: true,
      log,
    }).catch((e: unknown) => e);
    expect((error as UserError).message).toBe(
      'no application could be used: all 32 rows read from applications.csv were set aside. Most often: ' +
        'applications.csv, column "applied_at": ambiguous date (day and month could be either way, as in 03/04/2025 or 04.11.24 08:12): ' +
        'set "dateOrder": "DMY" or "MDY" in dashboard.config.json (30 rows); ' +
        'applications.csv, column "status": unknown status (see the values nobody mapped) (2 rows)',
    );
    const said = `${(error as UserError).format()}\n${log.lines.join('\n')}`;
    expect(said).not.toMatch(/ZQX|\.23 07:45/);
  });
});

describe('files that are not CSV', () => {
  /** The small canonical fixture beside what a real folder holds too; none of it is read, each is listed. */
  async function besideExports(dir: string): Promise<void> {
    await cp(join(ROOT, 'tests/fixtures/build/small'), dir, { recursive: true });
    await writeFile(join(dir, 'README.txt'), 'Exports for ZQXREADME, pulled on Monday\n');
    await writeFile(join(dir, 'notes.txt'), 'ZQXNOTES\tsaid this\n'); // any tab on the first line is said to be one
    await writeFile(join(dir, 'applications.xlsx'), 'PK\u0003\u0004ZQXXLSX');
    // Excel's "Unicode text": UTF-16 LE with its BOM, tab-separated.
    await writeFile(
      join(dir, 'applications-unicode.txt'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('application_id\tjob_id\nA-1\tZQXTSV\n', 'utf16le')]),
    );
    await writeFile(join(dir, 'interviews.tsv'), 'interview_id\tapplication_id\nI-1\tZQXTSV2\n');
    await writeFile(join(dir, 'exports.zip'), 'PK\u0003\u0004');
    await writeFile(join(dir, '.DS_Store'), 'ZQXDSSTORE');
    await mkdir(join(dir, '.git'));
    await writeFile(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    await writeFile(join(dir, 'dashboard.config.json'), '{}\n');
    await mkdir(join(dir, 'old'));
    await writeFile(join(dir, 'old', 'dashboard.config.json'), '{}\n');
    await writeFile(join(dir, 'retros', 'notes.txt'), 'not listed: the notes folder is read by its own rules\n');
  }

  it('each gets a line and a row saying why it is not read, and the exports are read as before', async () => {
    const dir = join(tmp, 'not-csv');
    await besideExports(dir);
    const log = memoryLogger();
    const cacheDir = join(tmp, 'not-csv-cache');
    const result = await runDataStep({ dataDir: dir, cacheDir, sample: false, force: true, log });
    const skipped = Object.fromEntries(
      result.aggregates.quality.files.filter((f) => f.entity === null).map((f) => [f.path, f.skipped]),
    );
    const tabs =
      'tab-separated text (as Excel saves "Unicode text"), not read: only files named .csv are; rename it to .csv and it is read (tabs and UTF-16 are understood)';
    expect(skipped).toEqual({
      '.DS_Store': 'a hidden file (its name starts with a dot), not read',
      '.git/': 'a hidden or tooling folder, not read',
      'README.txt': 'not a CSV file',
      'applications-unicode.txt': tabs,
      'applications.xlsx':
        'a spreadsheet, not read: only CSV files are; save it as CSV (Excel: Save As › CSV UTF-8) in the data folder',
      'exports.zip': 'a compressed archive, not read: unpack its CSV files into the data folder',
      'interviews.tsv': tabs,
      'notes.txt': tabs,
      'old/dashboard.config.json': 'not a CSV file; the config is read only at the top of the data folder',
    });
    // Every file is accounted for: a row each, its rows (none read) adding up; the exports as without them.
    await cp(join(ROOT, 'tests/fixtures/build/small'), join(tmp, 'not-csv-alone'), { recursive: true });
    const alone = await runDataStep({
      dataDir: join(tmp, 'not-csv-alone'),
      cacheDir: join(tmp, 'not-csv-alone-cache'),
      sample: false,
      force: true,
      log: memoryLogger(),
    });
    expect(result.aggregates.quality.entities).toEqual(alone.aggregates.quality.entities);
    for (const f of result.aggregates.quality.files.filter((f) => f.entity === null)) {
      expect(f.rows, f.path).toBe(0);
    }
    // One line each, in path order with the exports': a warning for what was meant to be read, else a line.
    expect(log.lines).toContain('README.txt: skipped — not a CSV file');
    expect(log.lines).toContain(`warning: applications-unicode.txt: skipped — ${tabs}`);
    const named = log.lines
      .map((l) => /^(?:warning: )?([^:\n]+): (?:read as|skipped)/.exec(l)?.[1])
      .filter((n) => n !== undefined);
    expect(named).toEqual(result.aggregates.quality.files.map((f) => f.path).sort((a, b) => a.localeCompare(b)));
    // What the files hold is never read into the output.
    const artifact = await readFile(artifactPathIn(cacheDir), 'utf8');
    expect(`${artifact}\n${log.lines.join('\n')}`).not.toContain('ZQX');

    // A file added beside unchanged exports is listed on the next run (the cache does not hide it).
    await writeFile(join(dir, 'budget.ods'), 'ZQXODS');
    const next = await runDataStep({ dataDir: dir, cacheDir, sample: false, log: memoryLogger() });
    expect(next.reused).toBe(false);
    expect(next.aggregates.quality.files.map((f) => f.path)).toContain('budget.ods');
  });

  it('a folder of spreadsheets only stops the run, saying to save them as CSV', async () => {
    const dir = join(tmp, 'only-xlsx');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'applications.xlsx'), 'PK');
    await writeFile(join(dir, 'README.md'), '# exports\n');
    const error = await ingest(dir, await loadConfig(dir), memoryLogger()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(
      `no CSV files in the data folder ${dir}, only spreadsheets (applications.xlsx)`,
    );
    expect((error as UserError).format()).toContain('Save each sheet as CSV');
  });
});

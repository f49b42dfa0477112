/**
 * The ingest step over small hand-written exports (`tests/fixtures/ingest/<case>/`): what is used, merged and
 * quarantined, and why. Expected counts are worked out beside each assertion.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../scripts/errors.ts';
import { memoryLogger } from '../scripts/log.ts';
import { loadConfig } from '../scripts/read/config.ts';
import { AMBIGUOUS_DATE } from '../scripts/read/dates.ts';
import { ingest, type IngestResult } from '../scripts/read/ingest.ts';
import type { Entity } from '../scripts/schema/canonical.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures/ingest');
const at = (iso: string) => Date.parse(iso);

async function run(fixture: string): Promise<IngestResult & { log: string[] }> {
  const dir = resolve(FIXTURES, fixture); // a fixture's name, or a folder of the test's own
  const log = memoryLogger();
  const result = await ingest(dir, await loadConfig(dir), log);
  return { ...result, log: log.lines };
}

/** read / used / identical / conflicting / quarantined of one table. */
function counts(result: IngestResult, entity: Entity): [number, number, number, number, number] {
  const e = result.quality.entities.find((x) => x.entity === entity)!;
  // Nothing is lost: every row read is used, a duplicate or quarantined.
  expect(e.read).toBe(e.used + e.duplicatesIdentical + e.duplicatesConflicting + e.quarantined);
  return [e.read, e.used, e.duplicatesIdentical, e.duplicatesConflicting, e.quarantined];
}

/** The ledger as `file:line [column] problem (action)` lines, easy to compare. */
const ledger = (result: IngestResult): string[] =>
  result.quality.ledger.map((e) => `${e.file}:${e.line} ${e.entity} [${e.column}] ${e.problem} (${e.action})`);

async function ingestError(dir: string): Promise<UserError> {
  const error = await ingest(dir, await loadConfig(dir), memoryLogger()).catch((e: unknown) => e);
  if (!(error instanceof UserError)) throw new Error(`expected a UserError, got ${String(error)}`);
  return error;
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ingest-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('reading', () => {
  it('a file with a byte-order mark, semicolons and CRLF gives the same rows as a plain one', async () => {
    const result = await run('bom-semicolon-crlf');
    // 3 rows on lines 2–4, all valid; the blank last line is not a row.
    expect(counts(result, 'applications')).toEqual([3, 3, 0, 0, 0]);
    expect(result.quality.files[0]).toMatchObject({
      encoding: 'utf-8-bom',
      delimiter: ';',
      rows: 3,
      entity: 'applications',
    });
    expect(result.tables.applications[1]!.rejectionReason).toBe('Salary, benefits');
  });

  it('an Excel "Unicode text" export (UTF-16 LE, tabs) is recognised and read', async () => {
    const result = await run('utf16-tab');
    expect(counts(result, 'requisitions')).toEqual([2, 2, 0, 0, 0]);
    expect(result.quality.files[0]).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', dialect: 'canonical' });
    expect(result.tables.requisitions.map((r) => r.department)).toEqual(['Ingénierie', 'Küche']);
  });

  it('quoted fields with separators and newlines are one value; bad rows are quarantined at the line they start on', async () => {
    const result = await run('quotes');
    // 5 rows: A-1 (lines 2–4) used; A-2 (5) has no applied_at; A-4 (6) has 4 fields of 6; A-5 (7) used;
    // A-3 (8) opens a quote that never closes. used 2 + quarantined 3.
    expect(counts(result, 'applications')).toEqual([5, 2, 0, 0, 3]);
    expect(ledger(result)).toEqual([
      'applications.csv:5 applications [applied_at] missing required value (quarantined)',
      'applications.csv:6 applications [] ragged row: 4 fields where the header has 6 (quarantined)',
      'applications.csv:8 applications [] unclosed quote (quarantined)',
    ]);
    expect(result.tables.applications.map((a) => a.applicationId)).toEqual(['A-1', 'A-5']);
    expect(result.tables.applications[0]!.rejectionReason).toBe('Lacking skills, and "culture"');
    expect(result.quality.files[0]!.droppedColumns).toEqual(['notes']);
    expect(result.log).toContain(
      'warning: applications.csv: the quote opened on line 8 is never closed: the rest of the file is part of that row',
    );
  });

  it('blank lines are skipped and ragged rows quarantined, with physical line numbers', async () => {
    const result = await run('ragged');
    // Rows on lines 2, 4, 5, 7, 8 (3 and 6 are blank, the last two lines are empty): 2 and 8 used; 4 leaves
    // the stage before entering it; 5 and 7 have 3 and 5 fields of 4.
    expect(counts(result, 'stage_events')).toEqual([5, 2, 0, 0, 3]);
    expect(ledger(result)).toEqual([
      'stage_events.csv:4 stage_events [exited_at] left the stage before entering it (quarantined)',
      'stage_events.csv:5 stage_events [] ragged row: 3 fields where the header has 4 (quarantined)',
      'stage_events.csv:7 stage_events [] ragged row: 5 fields where the header has 4 (quarantined)',
    ]);
    // Without an applications file the stage events cannot be checked against it: said, not silently done.
    expect(result.log).toContain('warning: no applications file: stage events are not checked against applications');
  });

  it('mixed date formats in one file are all read; an ambiguous one is quarantined with the setting that resolves it', async () => {
    const result = await run('mixed-dates');
    // 16 rows: D-11 03/04/2025 is ambiguous, D-13 "soon" is no date, D-14 is in 2205. used 13 + quarantined 3.
    expect(counts(result, 'applications')).toEqual([16, 13, 0, 0, 3]);
    expect(ledger(result)).toEqual([
      `applications.csv:12 applications [applied_at] ${AMBIGUOUS_DATE} (quarantined)`,
      expect.stringMatching(/^applications\.csv:14 applications \[applied_at\] unparseable date \(expected ISO 8601/),
      'applications.csv:15 applications [applied_at] date out of range (1990–2100) (quarantined)',
    ]);
    const applied = Object.fromEntries(result.tables.applications.map((a) => [a.applicationId, a.appliedAt]));
    expect(applied).toEqual({
      'D-01': at('2025-01-31T00:00:00Z'), // ISO date (UTC, the default timezone)
      'D-02': at('2025-01-31T10:00:00Z'), // ISO Z
      'D-03': at('2025-01-31T10:00:00Z'), // +02:00
      'D-04': at('2025-01-31T06:00:00Z'), // space-separated, no offset
      'D-05': at('2025-01-31T10:00:00Z'), // epoch ms
      'D-06': at('2025-01-31T10:00:00Z'), // epoch s
      'D-07': at('2025-01-31T00:00:00Z'), // Excel serial
      'D-08': at('2025-01-31T12:00:00Z'), // Excel serial, noon
      'D-09': at('2025-01-31T00:00:00Z'), // 31/01/2025 reads one way only
      'D-10': at('2025-01-31T14:30:00Z'), // 01/31/2025 2:30 PM
      'D-12': at('2025-01-31T00:00:00Z'), // Jan 31, 2025
      'D-15': at('2025-03-03T00:00:00Z'), // 03/03/2025 is the same either way
      'D-16': at('2025-01-31T00:00:00Z'), // 20250131
    });
    expect(result.log).toContain(
      'warning: 1 row quarantined for an ambiguous date, one that reads two ways (03/04/2025, or 04.11.24 08:12 as a German spreadsheet writes it): set "dateOrder": "DMY" or "MDY" in dashboard.config.json',
    );
  });

  it('every CSV below the folder is read in path order, skipping dot-folders, dot-files and node_modules', async () => {
    const dir = join(tmp, 'walk');
    await cp(join(FIXTURES, 'reexports'), dir, { recursive: true });
    // These would be fatal if read (not text / not a table).
    for (const hidden of ['.git/x.csv', 'node_modules/pkg/y.csv', '2025-01/._applications.csv']) {
      await mkdir(join(dir, hidden, '..'), { recursive: true });
      await writeFile(join(dir, hidden), Buffer.from([0, 1, 2, 3]));
    }
    await writeFile(join(dir, 'README.md'), 'not a csv');
    const result = await ingest(dir, await loadConfig(dir), memoryLogger());
    expect(result.quality.files.filter((f) => f.entity !== null).map((f) => f.path)).toEqual([
      '2025-01/applications.csv',
      '2025-01/interviews.csv',
      '2025-02/applications.csv',
      '2025-02/interviews.csv',
    ]);
    // What is not read is listed, by name only (the folders are not walked).
    expect(
      Object.fromEntries(result.quality.files.filter((f) => f.entity === null).map((f) => [f.path, f.skipped])),
    ).toEqual({
      '.git/': 'a hidden or tooling folder, not read',
      '2025-01/._applications.csv': 'a hidden file (its name starts with a dot), not read',
      'node_modules/': 'a hidden or tooling folder, not read',
      'README.md': 'not a CSV file',
    });
  });
});

describe('merging re-exports', () => {
  it('the later file wins; identical and conflicting duplicates are counted apart and the losing rows are named', async () => {
    const result = await run('reexports');
    // applications: January has again (Onsite); February has A-1 (same), A-2 (now rejected), A-4.
    // read 7 = used 4 (A-1, A-2, A-3, A-4) + identical 1 (Jan A-1) + conflicting 2 (Jan A-2; Jan A-3 line 4).
    expect(counts(result, 'applications')).toEqual([7, 4, 1, 2, 0]);
    // interviews: slot I-1 × Ada got its feedback in February (conflict); I-1 × Bo is the same (identical).
    expect(counts(result, 'interviews')).toEqual([4, 2, 1, 1, 0]);
    expect(ledger(result)).toEqual([
      '2025-01/applications.csv:2 applications [application_id] same key and values as a later row (merged duplicate)',
      '2025-01/applications.csv:3 applications [application_id] same key as a later row with different values (replaced by later file)',
      '2025-01/applications.csv:4 applications [application_id] same key as a later row with different values (replaced by later file)',
      '2025-01/interviews.csv:2 interviews [interview_id, interviewer] same key as a later row with different values (replaced by later file)',
      '2025-01/interviews.csv:3 interviews [interview_id, interviewer] same key and values as a later row (merged duplicate)',
    ]);
    const byId = Object.fromEntries(result.tables.applications.map((a) => [a.applicationId, a]));
    expect(byId['A-2']!.status).toBe('rejected'); // from the later file
    expect(byId['A-3']!.currentStage).toBe('Onsite'); // the later row of the same file
    const ada = result.tables.interviews.rows().find((i) => i.interviewer === 'Ada')!;
    expect(ada.feedbackSubmittedAt).toBe(at('2025-01-16T09:00:00Z'));
    expect(result.log).toContain('applications: read 7 = used 4 + duplicates 3 + quarantined 0');
  });
});

describe('checks across tables', () => {
  it('orphans are quarantined; an application with an unknown job keeps its own department', async () => {
    const result = await run('orphans');
    expect(counts(result, 'requisitions')).toEqual([1, 1, 0, 0, 0]);
    // A-1 joins R-1; A-2's job J-9 is unknown but its row says Sales: kept; A-3's job is unknown and it has no
    // department: quarantined.
    expect(counts(result, 'applications')).toEqual([3, 2, 0, 0, 1]);
    // I-1 → A-1 used; I-2 → A-3, quarantined above; I-3 → A-404, unknown.
    expect(counts(result, 'interviews')).toEqual([3, 1, 0, 0, 2]);
    // A-1 Screen used; A-404 Screen unknown.
    expect(counts(result, 'stage_events')).toEqual([2, 1, 0, 0, 1]);
    expect(ledger(result)).toEqual([
      'applications.csv:4 applications [job_id] job_id matches no requisition (and the row has no department) (quarantined)',
      'interviews.csv:3 interviews [application_id] application_id matches no application (or only a quarantined one) (quarantined)',
      'interviews.csv:4 interviews [application_id] application_id matches no application (or only a quarantined one) (quarantined)',
      'stage_events.csv:3 stage_events [application_id] application_id matches no application (or only a quarantined one) (quarantined)',
    ]);
    const [a1, a2] = result.tables.applications;
    // Department and job title come from the requisition when the row has none.
    expect(a1).toMatchObject({ applicationId: 'A-1', department: 'Engineering', jobTitle: 'Backend Engineer' });
    expect(a2).toMatchObject({ applicationId: 'A-2', department: 'Sales', jobTitle: null });
  });
});

describe('row rules', () => {
  it('events out of order, missing values and unknown statuses are quarantined; unknown optional values are kept as null', async () => {
    const result = await run('row-rules');
    // requisitions: R-1 filled before opened; R-5 has no job title. R-2, R-3 (paused = on_hold), R-4 (frozen:
    // unknown, kept with no status) used.
    expect(counts(result, 'requisitions')).toEqual([5, 3, 0, 0, 2]);
    // applications: A-1 hired before applied, A-2 rejected before applied, A-6 "Pending review", A-8 no
    // applied_at: quarantined 4 of 11.
    expect(counts(result, 'applications')).toEqual([11, 7, 0, 0, 4]);
    // interviews: I-2 ends before it starts; I-1 (feedback before the interview), I-3 (maybe), I-4 used.
    expect(counts(result, 'interviews')).toEqual([4, 3, 0, 0, 1]);
    expect(ledger(result)).toEqual([
      'applications.csv:2 applications [hired_at] hired before applied (quarantined)',
      'applications.csv:3 applications [rejected_at] rejected before applied (quarantined)',
      // Counted, never quoted (the value is listed with the unmapped values, where it may be shown).
      'applications.csv:7 applications [status] unknown status (see the values nobody mapped) (quarantined)',
      'applications.csv:9 applications [applied_at] missing required value (quarantined)',
      'interviews.csv:3 interviews [interview_end_at] interview ends before it starts (quarantined)',
      'requisitions.csv:2 requisitions [filled_at] filled before opened (quarantined)',
      'requisitions.csv:6 requisitions [job_title] missing required value (quarantined)',
    ]);
    // Each unknown value was given by one candidate (requisition): counted, not quoted (minGroupSize 5).
    expect(result.quality.unmapped).toEqual([
      {
        entity: 'applications',
        column: 'rejected_by',
        value: '(value hidden: 1 value, each from fewer than 5 candidates)',
        rows: 1,
        fix: expect.stringMatching(/^Not quoted: a value given by so few candidates/),
      },
      {
        entity: 'applications',
        column: 'status',
        value: '(value hidden: 1 value, each from fewer than 5 candidates)',
        rows: 1,
        fix: expect.stringMatching(/^Not quoted: a value given by so few candidates/),
      },
      {
        entity: 'interviews',
        column: 'recommendation',
        value: '(value hidden: 1 value, each from fewer than 5 candidates)',
        rows: 1,
        fix: expect.stringMatching(/^Not quoted: a value given by so few candidates/),
      },
      {
        entity: 'requisitions',
        column: 'status',
        value: '(value hidden: 1 value, each from fewer than 5 requisitions)',
        rows: 1,
        fix: expect.stringMatching(/^Not quoted: a value given by so few requisitions/),
      },
    ]);
  });

  it('a seat with status filled but no fill date was filled when it closed', async () => {
    const { tables } = await run('row-rules');
    expect(tables.requisitions.find((r) => r.requisitionId === 'R-2')).toMatchObject({
      status: 'filled',
      filledAt: at('2025-02-01T00:00:00Z'),
    });
    expect(tables.requisitions.find((r) => r.requisitionId === 'R-4')!.status).toBeNull();
  });

  it('a withdrawn application is rejected by the candidate', async () => {
    const { tables } = await run('row-rules');
    expect(tables.applications.find((a) => a.applicationId === 'A-3')).toMatchObject({
      status: 'withdrawn',
      rejectedBy: 'candidate',
    });
  });

  it('who rejected comes from the row, else from the reasons in the config, else it is unknown (null)', async () => {
    const { tables } = await run('row-rules');
    const by = Object.fromEntries(tables.applications.map((a) => [a.applicationId, a.rejectedBy]));
    expect(by['A-4']).toBe('candidate'); // "Comp too high" → candidate in dashboard.config.json
    expect(by['A-5']).toBeNull(); // "Lacking skills": no rule says who
    expect(by['A-7']).toBeNull(); // "recruiter" is not a known value (reported as unmapped)
    expect(by['A-10']).toBe('company'); // Greenhouse's "We rejected them" is understood in any file
  });

  it('values are trimmed and matched case-insensitively; a same-day clock skew is not a problem', async () => {
    const { tables } = await run('row-rules');
    // status " Active " → active; applied "2025-01-10 10:00" (no offset) in UTC.
    expect(tables.applications.find((a) => a.applicationId === 'A-9')).toMatchObject({
      status: 'active',
      appliedAt: at('2025-01-10T10:00:00Z'),
    });
    // A-11 was rejected at 09:00 on the day it applied at 15:00: same calendar day, kept.
    expect(tables.applications.find((a) => a.applicationId === 'A-11')!.rejectedAt).toBe(at('2025-01-10T09:00:00Z'));
  });

  it('feedback submitted before the interview started is kept as it is (pre-filled scorecards)', async () => {
    const { tables } = await run('row-rules');
    // Kept with its own timestamps: hours to feedback are negative here, which is on time.
    expect(tables.interviews.rows().find((i) => i.interviewId === 'I-1')).toMatchObject({
      interviewAt: at('2025-01-15T10:00:00Z'),
      feedbackSubmittedAt: at('2025-01-15T09:00:00Z'),
      recommendation: 'strong_yes',
    });
    // "definitely_not" (Greenhouse) is strong_no in any file.
    expect(tables.interviews.rows().find((i) => i.interviewId === 'I-4')!.recommendation).toBe('strong_no');
  });

  it('empty cells are null, never an empty string or zero', async () => {
    const { tables } = await run('row-rules');
    const a5 = tables.applications.find((a) => a.applicationId === 'A-5')!;
    expect(a5.hiredAt).toBeNull();
    expect(a5.source).toBeNull();
    expect(a5.currentStage).toBeNull();
    const { requisitions, applications, interviews, stageEvents } = tables;
    for (const table of [requisitions, applications, interviews.rows(), stageEvents.rows()] as object[][]) {
      for (const row of table) for (const value of Object.values(row)) expect(value).not.toBe('');
    }
  });

  it('one line per file says what it was read as, one per table where every row went; unknown values are counted, not quoted', async () => {
    const { log } = await run('row-rules');
    const unknown = (column: string) =>
      `warning: ${column}: 1 value not understood in 1 row: the data quality page lists those that may be shown, with the config that maps them ("values" in dashboard.config.json)`;
    expect(log).toEqual([
      'applications.csv: read as applications (canonical template)',
      'interviews.csv: read as interviews (canonical template)',
      'requisitions.csv: read as requisitions (canonical template)',
      'requisitions: read 5 = used 3 + duplicates 0 + quarantined 2',
      'applications: read 11 = used 7 + duplicates 0 + quarantined 4',
      'interviews: read 4 = used 3 + duplicates 0 + quarantined 1',
      unknown('applications rejected_by'),
      unknown('applications status'),
      unknown('interviews recommendation'),
      unknown('requisitions status'),
    ]);
    for (const value of ['recruiter', 'Pending review', 'maybe', 'frozen']) expect(log.join('\n')).not.toContain(value);
  });
});

describe('privacy', () => {
  it('names, e-mails, phones, notes and candidate ids appear nowhere in the result', async () => {
    const result = await run('pii');
    // A-3's applied_at is "not a date"; A-4's status is an e-mail address (a column pasted in the wrong place).
    expect(counts(result, 'applications')).toEqual([4, 2, 0, 0, 2]);
    const json = JSON.stringify(result);
    const secrets = [
      ...['Zelda', 'Fakename', 'Quentin', 'Privet', 'Orla', 'Hidden', 'Piet', 'Secret', 'Xavier Quill-Private'],
      ...[
        'zelda.fakename@example.com',
        'quentin.privet@example.org',
        'orla.hidden@example.com',
        'piet.secret@example.com',
      ],
      ...['+1 555 0100 1234', '(555) 010-2345', '+44 20 7946 0001', '+31 6 1234 5678', 'linkedin.com/in'],
      ...[
        'Great systems thinker',
        'Weak on SQL',
        'asked about visa',
        'pregnancy',
        'Wrong column pasted',
        'rambled',
        'sharp',
      ],
      ...['Female', 'Male', 'Prefer not to say', 'Budget approved', 'CAND-778', '@'],
    ];
    for (const secret of secrets) expect(json, secret).not.toContain(secret);
    // What was dropped is listed by column name only.
    expect(result.quality.files.find((f) => f.path === 'applications.csv')!.droppedColumns).toEqual([
      'first_name',
      'last_name',
      'candidate_email',
      'phone',
      'linkedin',
      'notes',
      'gender',
      'race',
    ]);
    // The unknown "status" and "recommendation" values look like contact details: hidden, not quoted.
    expect(result.quality.unmapped.map((u) => u.value)).toEqual([
      '(value hidden: not an enum-like value)',
      '(value hidden: not an enum-like value)',
    ]);
    // Employees (hiring managers, interviewers) are not candidates: they stay.
    expect(result.tables.requisitions[0]!.hiringManager).toBe('Hana Okafor');
  });

  it('no fixture leaks an e-mail address or a candidate name into the result', async () => {
    const fixtures = ['pii', 'greenhouse', 'lever', 'ashby', 'workable', 'custom-ats', 'quotes'];
    const names = ['Ann', 'Bea', 'Gus Lever', 'Hal Lever', 'Lou Ashby', 'Quinn Work', 'Vic Custom', 'Zed Custom'];
    for (const fixture of fixtures) {
      const json = JSON.stringify(await run(fixture));
      expect(json, fixture).not.toMatch(/@|example\.(com|org|net)/);
      for (const name of names) expect(json, `${fixture}: ${name}`).not.toContain(name);
    }
  });

  it('a candidate id becomes an opaque join key, equal for equal ids', async () => {
    const { tables } = await run('ashby');
    const keys = tables.applications.map((a) => a.candidateKey);
    // ash-1 and ash-6 are the same candidate (cand-1).
    expect(keys[0]).toBe(keys[5]);
    expect(new Set(keys).size).toBe(5);
    // A number (a seeded 53-bit hash), which holds nothing of the id.
    for (const key of keys) expect(Number.isSafeInteger(key)).toBe(true);
  });
});

describe('files that hold nothing, and fatal problems', () => {
  it('empty and header-only files are noted, not fatal', async () => {
    const result = await run('empty-files');
    expect(result.quality.files).toEqual([
      {
        path: 'bom-only.csv',
        entity: null,
        dialect: null,
        encoding: 'utf-8-bom',
        delimiter: ',',
        bytes: 3,
        rows: 0,
        droppedColumns: [],
        readAs: null,
        skipped: 'empty file',
      },
      {
        path: 'empty.csv',
        entity: null,
        dialect: null,
        encoding: 'empty',
        delimiter: ',',
        bytes: 0,
        rows: 0,
        droppedColumns: [],
        readAs: null,
        skipped: 'empty file',
      },
      {
        path: 'header-only.csv',
        entity: 'applications',
        dialect: 'canonical',
        encoding: 'utf-8',
        delimiter: ',',
        bytes: 40,
        rows: 0,
        droppedColumns: [],
        readAs: 'applications (canonical template)',
        skipped: null,
      },
      {
        path: 'requisitions.csv',
        entity: 'requisitions',
        dialect: 'canonical',
        encoding: 'utf-8',
        delimiter: ',',
        bytes: 59,
        rows: 1,
        droppedColumns: [],
        readAs: 'requisitions (canonical template)',
        skipped: null,
        // Its one row is used (a file without data rows has nothing to account for: no count).
        used: 1,
      },
      {
        path: 'unknown-header-only.csv',
        entity: null,
        dialect: null,
        encoding: 'utf-8',
        delimiter: ',',
        bytes: 9,
        rows: 0,
        droppedColumns: [],
        readAs: null,
        skipped: 'no data rows',
      },
    ]);
    // One line per file, in path order.
    expect(result.log.slice(0, 5)).toEqual([
      'warning: bom-only.csv: skipped — empty file',
      'warning: empty.csv: skipped — empty file',
      'warning: header-only.csv: read as applications (canonical template): a header but no data rows',
      'requisitions.csv: read as requisitions (canonical template)',
      'warning: unknown-header-only.csv: skipped — no data rows',
    ]);
    expect(counts(result, 'requisitions')).toEqual([1, 1, 0, 0, 0]);
  });

  it('a folder without CSV files is fatal', async () => {
    const dir = join(tmp, 'no-csv');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'notes.txt'), 'nothing here');
    const error = await ingestError(dir);
    expect(error.message).toBe(`no CSV files in the data folder ${dir}`);
    expect(error.fix).toContain('Export');
  });

  it('a data folder that does not exist is fatal', async () => {
    const error = await ingestError(join(tmp, 'nowhere'));
    expect(error.message).toContain('does not exist');
  });

  it('a binary file among the exports is skipped, naming it, and stops a --strict run', async () => {
    const dir = join(tmp, 'binary');
    await cp(join(FIXTURES, 'orphans'), dir, { recursive: true });
    await writeFile(join(dir, 'export.csv'), Buffer.from([0x41, 0x00, 0x00, 0x00, 0x42, 0x00, 0x00, 0x7f]));
    const result = await run(dir);
    const file = result.quality.files.find((f) => f.path === 'export.csv')!;
    expect(file.skipped).toBe('not read: it is not a text file (it contains NUL bytes)');
    expect(file.fix).toContain('CSV');
    expect(result.log).toContain(`warning: export.csv: skipped — ${file.skipped}\n  How to read it: ${file.fix}`);
    // The other files are read as before.
    expect(counts(result, 'applications')[0]).toBeGreaterThan(0);
    const error = await ingest(dir, await loadConfig(dir), memoryLogger(), { strict: true }).catch((e: unknown) => e);
    expect((error as UserError).message).toBe('1 file not recognised, and --strict is on: export.csv');
  });
});

/**
 * Whole vendor warehouse dumps (scripts/read/warehouse/): a generated Greenhouse dump and a generated Lever
 * dump — every table of `fivetran/dbt_greenhouse` / `fivetran/dbt_lever`, 2,000 applications — build with no
 * config, and give what the same hiring history written in the canonical template gives: the same tables and
 * the same CSV re-exports. That equality is the proof of the joins (`tests/fixtures/warehouse/generate.ts`).
 */
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORTS, toCsv } from '../scripts/export/csv.ts';
import { memoryLogger } from '../scripts/log.ts';
import { computeAggregates } from '../scripts/metrics/index.ts';
import { parseConfig } from '../scripts/read/config.ts';
import { ingest, type IngestResult } from '../scripts/read/ingest.ts';
import { endedBy } from '../scripts/read/warehouse/lever.ts';
import { recogniseTable } from '../scripts/read/warehouse/tables.ts';
import { VENDORS } from '../scripts/read/warehouse/index.ts';
import {
  generateHistory,
  writeAll,
  writeCanonical,
  writeGreenhouse,
  writeLever,
} from './fixtures/warehouse/generate.ts';

let dir: string;
const config = parseConfig('{}');
const read = (folder: string) => ingest(join(dir, folder), config, memoryLogger());

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'warehouse-'));
  await writeAll(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The tables as rows, in a stable order; the candidate key is a hash seeded per run, so it is left out. */
function tablesOf(result: IngestResult) {
  const sorted = <T>(rows: T[]) => rows.map((row) => JSON.stringify(row)).sort();
  return {
    requisitions: sorted(result.tables.requisitions),
    applications: sorted(
      result.tables.applications.map(({ candidateKey, ...rest }) => ({ ...rest, candidate: candidateKey !== null })),
    ),
    interviews: sorted(result.tables.interviews.rows()),
    stageEvents: sorted(result.tables.stageEvents.rows()),
    // The template columns each table has (a figure whose column is absent is "not in your export").
    columns: result.tables.columns,
    derived: result.quality.derived,
  };
}

/** The CSV re-exports of a folder, computed once per folder (the metrics take seconds). */
const exportsByFolder = new Map<string, Record<string, string>>();
function exportsOf(folder: string, result: IngestResult): Record<string, string> {
  const known = exportsByFolder.get(folder);
  if (known) return known;
  const aggregates = computeAggregates({ tables: result.tables, quality: result.quality, config, sample: false });
  // Every relation the disclosure audit models holds on a vendor's tables too.
  expect(aggregates.disclosure?.broken ?? 0).toBe(0);
  const csv = Object.fromEntries(
    EXPORTS.filter((e) => e.name !== 'data-quality.csv').map((e) => [e.name, toCsv(e.columns, e.rows(aggregates))]),
  );
  exportsByFolder.set(folder, csv);
  return csv;
}

// `greenhouse-newer`: the newer Greenhouse connector's tables (generate.ts, `writeGreenhouseNewer`).
describe.each([
  ['greenhouse', 'canonical-greenhouse'],
  ['greenhouse-newer', 'canonical-greenhouse'],
  ['lever', 'canonical-lever'],
])('a %s warehouse dump', (vendor, canonical) => {
  // The metrics run twice per vendor: seconds each on a busy machine.
  it(
    'gives the tables and the CSV re-exports of the same history in the canonical template',
    { timeout: 120_000 },
    async () => {
      const dump = await read(vendor);
      const template = await read(canonical);
      // Everything read is used: the joins leave no row behind, and the counts are the history's.
      for (const e of dump.quality.entities) expect(e.read, e.entity).toBe(e.used);
      expect(dump.quality.entities.find((e) => e.entity === 'applications')!.used).toBe(2000);
      expect(tablesOf(dump)).toEqual(tablesOf(template));
      const fromDump = exportsOf(vendor, dump);
      const fromTemplate = exportsOf(canonical, template);
      expect(Object.keys(fromDump).length).toBeGreaterThan(10);
      for (const [name, text] of Object.entries(fromTemplate)) expect(fromDump[name], name).toBe(text);
      // The history has hires, rejections by both sides, filled seats and submitted feedback: the comparison
      // compares something.
      const filled = dump.tables.requisitions.filter((r) => r.filledAt !== null).length;
      expect(filled).toBeGreaterThan(5);
      expect(new Set(dump.tables.applications.map((a) => a.rejectedBy))).toEqual(
        new Set(['company', 'candidate', null]),
      );
    },
  );
});

describe('what a dump holds that is not hiring history', () => {
  it('is counted on its file, by why, and the file says what it was read as or why it was skipped', async () => {
    const { quality } = await read('greenhouse');
    const file = (path: string) => quality.files.find((f) => f.path === path)!;
    // generate.ts: 2 applications deleted, 3 prospects and 1 converted prospect (prospect true: 4), 110
    // scorecards deleted (feedback 'deleted' in the history), 1 scheduled interview deleted with its interviewer.
    expect(file('application.csv').skippedRows).toEqual([
      { why: 'deleted in the ATS (_fivetran_deleted)', rows: 2 },
      { why: 'prospects (no application to a job yet)', rows: 4 },
    ]);
    expect(file('application.csv').readAs).toBe('applications (Greenhouse warehouse)');
    expect(file('job_application.csv').readAs).toBe('joined into applications (Greenhouse warehouse)');
    expect(file('candidate.csv').skipped).toBe(
      'a table about people (Greenhouse warehouse table candidate): never read',
    );
    expect(file('job_post.csv').skipped).toBe('not needed (Greenhouse warehouse table job_post)');
    // A table a dump always holds and the dashboard does not use is listed, not warned about; one about people is.
    const log = memoryLogger();
    await ingest(join(dir, 'greenhouse'), config, log);
    expect(log.lines).toContain('job_post.csv: skipped — not needed (Greenhouse warehouse table job_post)');
    expect(log.lines).toContain(
      'warning: candidate.csv: skipped — a table about people (Greenhouse warehouse table candidate): never read',
    );
    expect(file('job.csv').skippedRows).toEqual([
      { why: 'deleted in the ATS (_fivetran_deleted)', rows: 1 },
      { why: 'drafts without openings (status draft): no seat yet', rows: 1 },
    ]);
    // `user` and `users` are the same table under two names: read once.
    expect(file('user.csv').skipped).toBe('the same table as users.csv: read once');
    expect(file('scheduled_interviewer.csv').skippedRows).toEqual([
      { why: 'of interviews deleted in the ATS or not in scheduled_interview', rows: 1 },
    ]);
    const history = generateHistory(17, 2000);
    const deletedForms = history.applications
      .flatMap((a) => a.interviews.flatMap((i) => i.slots))
      .filter((s) => s.feedback === 'deleted').length;
    expect(file('scorecard.csv').skippedRows).toEqual([
      { why: 'deleted in the ATS (_fivetran_deleted)', rows: deletedForms },
    ]);
  });

  it.each(['greenhouse', 'greenhouse-newer', 'lever'])(
    "%s: the rows each file gave add up to its table's (the data-quality page's rows per file)",
    async (vendor) => {
      const { quality } = await read(vendor);
      for (const e of quality.entities) {
        const files = quality.files.filter((f) => f.entity === e.entity);
        expect(files.length, e.entity).toBeGreaterThan(0);
        expect(
          files.reduce((sum, f) => sum + f.used!, 0),
          e.entity,
        ).toBe(e.used);
      }
      // A link table is joined, not read as a table: it has no rows used of its own.
      expect(quality.files.find((f) => f.readAs?.startsWith('joined into'))?.used).toBeUndefined();
    },
  );

  it('in Lever: leads, cancelled interviews, deleted forms and never-published postings', async () => {
    const { quality } = await read('lever');
    const skippedRows = (path: string) => quality.files.find((f) => f.path === path)!.skippedRows;
    expect(skippedRows('opportunity.csv')).toEqual([{ why: 'leads (no application to a posting)', rows: 3 }]);
    expect(skippedRows('interviewer_user.csv')).toEqual([
      { why: 'of cancelled interviews (canceled_at): no feedback slot', rows: 5 },
    ]);
    expect(skippedRows('posting.csv')).toEqual([
      { why: 'postings never published (draft, pending, rejected): no seat', rows: 1 },
    ]);
    expect(skippedRows('requisition.csv')).toEqual([
      { why: 'deleted in the ATS (_fivetran_deleted)', rows: 1 },
      { why: 'drafts (status draft): no seat yet', rows: 1 },
    ]);
  });
});

describe('reading a dump', () => {
  it('names the vendor file, line and column of a row that is quarantined', async () => {
    const small = await mkdtemp(join(tmpdir(), 'warehouse-bad-'));
    try {
      await writeGreenhouse(small, generateHistory(3, 40));
      const path = join(small, 'application.csv');
      const lines = (await readFile(path, 'utf8')).split('\n');
      // Line 6 of the file is the 5th application: its applied_at (4th column) becomes unreadable.
      const cells = lines[5]!.split(',');
      cells[lines[0]!.split(',').indexOf('applied_at')] = 'soon';
      lines[5] = cells.join(',');
      // Line 8 loses its last field: a ragged row is quarantined too, not joined with its cells shifted.
      lines[7] = lines[7]!.slice(0, lines[7]!.lastIndexOf(','));
      await writeFile(path, lines.join('\n'));
      // In a table that is only joined, such a row is counted on its file.
      await writeFile(
        join(small, 'job_application.csv'),
        `${await readFile(join(small, 'job_application.csv'), 'utf8')}x\n`,
      );
      const result = await ingest(small, config, memoryLogger());
      const entries = result.quality.ledger.filter((e) => e.entity === 'applications' && e.action === 'quarantined');
      expect(entries).toMatchObject([
        { file: 'application.csv', line: 6, column: 'applied_at' },
        { file: 'application.csv', line: 8, column: '', problem: expect.stringMatching(/^ragged row/) },
      ]);
      expect(result.quality.files.find((f) => f.path === 'job_application.csv')!.skippedRows).toEqual([
        { why: 'rows with broken quotes or the wrong number of fields', rows: 1 },
      ]);
    } finally {
      await rm(small, { recursive: true, force: true });
    }
  });

  it('does not count the openings of a job the dump lacks (deleted in the ATS) as seats without a title', async () => {
    const small = await mkdtemp(join(tmpdir(), 'warehouse-no-job-'));
    try {
      await writeGreenhouse(small, generateHistory(3, 40));
      const rows = async (file: string) => (await readFile(join(small, file), 'utf8')).trimEnd().split('\n');
      const openings = await rows('job_opening.csv');
      const jobColumn = openings[0]!.split(',').indexOf('job_id');
      const gone = openings[1]!.split(',')[jobColumn]!;
      const seats = openings.slice(1).filter((line) => line.split(',')[jobColumn] === gone).length;
      const jobs = await rows('job.csv');
      const idColumn = jobs[0]!.split(',').indexOf('id');
      await writeFile(
        join(small, 'job.csv'),
        jobs.filter((line) => line.split(',')[idColumn] !== gone).join('\n') + '\n',
      );
      const result = await ingest(small, config, memoryLogger());
      expect(result.quality.files.find((f) => f.path === 'job_opening.csv')!.skippedRows).toContainEqual({
        why: 'of jobs deleted in the ATS or not in job',
        rows: seats,
      });
      expect(result.quality.ledger.filter((e) => e.column === 'job.name')).toEqual([]);
      expect(result.tables.requisitions.some((r) => r.jobId === gone)).toBe(false);
    } finally {
      await rm(small, { recursive: true, force: true });
    }
  });

  it('reads a dump beside template exports of the same rows: each row is used once, the others merged', async () => {
    const small = await mkdtemp(join(tmpdir(), 'warehouse-beside-'));
    try {
      const history = generateHistory(3, 40);
      await writeGreenhouse(join(small, 'dump'), history);
      await writeCanonical(join(small, 'template'), history, 'greenhouse');
      const result = await ingest(small, config, memoryLogger());
      const applications = result.quality.entities.find((e) => e.entity === 'applications')!;
      // 40 from the template, 40 from the dump, every one the same: 40 used, 40 identical duplicates.
      expect(applications).toMatchObject({ read: 80, used: 40, duplicatesIdentical: 40, duplicatesConflicting: 0 });
      expect(result.quality.files.find((f) => f.path === 'template/applications.csv')!.readAs).toBe(
        'applications (canonical template)',
      );
      expect(result.quality.files.find((f) => f.path === 'dump/application.csv')!.readAs).toBe(
        'applications (Greenhouse warehouse)',
      );
    } finally {
      await rm(small, { recursive: true, force: true });
    }
  });

  it('skips a dump that lacks a table it needs, saying which, and still reads the exports beside it', async () => {
    const small = await mkdtemp(join(tmpdir(), 'warehouse-missing-'));
    try {
      const history = generateHistory(3, 40);
      await writeLever(join(small, 'lever'), history);
      await rm(join(small, 'lever', 'application.csv'));
      // The classic Greenhouse application has no job column: without job_application nothing can be joined.
      await writeGreenhouse(join(small, 'greenhouse'), history);
      await rm(join(small, 'greenhouse', 'job_application.csv'));
      await writeCanonical(join(small, 'template'), history, 'greenhouse');
      const log = memoryLogger();
      const result = await ingest(small, config, log);
      // Only the template's 40 applications: neither dump is joined, and the build does not stop on them.
      expect(result.quality.entities.find((e) => e.entity === 'applications')).toMatchObject({ read: 40, used: 40 });
      const skipped = (path: string) => result.quality.files.find((f) => f.path === path)!.skipped;
      expect(skipped('lever/opportunity.csv')).toMatch(/^not read: the Lever warehouse tables here lack application;/);
      expect(skipped('greenhouse/application.csv')).toMatch(
        /^not read: the Greenhouse warehouse tables here lack job_application;/,
      );
      expect(log.lines.join('\n')).toMatch(
        /Lever warehouse tables found .*, but application \(the posting \(job\) of each opportunity; hires against a requisition\) is missing/,
      );
    } finally {
      await rm(small, { recursive: true, force: true });
    }
  });
});

describe("Lever's stage and archive_reason, which have the same columns", () => {
  it('are told apart by which tables refer to their ids, not by their file names', { timeout: 60_000 }, async () => {
    const small = await mkdtemp(join(tmpdir(), 'warehouse-twins-'));
    try {
      const history = generateHistory(5, 120);
      await writeLever(join(small, 'named'), history);
      await writeLever(join(small, 'renamed'), history);
      // Swapped: the stages under the archive reasons' name, the reasons under a name that says nothing.
      const renamed = join(small, 'renamed');
      await rename(join(renamed, 'stage.csv'), join(renamed, 'pipeline.csv'));
      await rename(join(renamed, 'archive_reason.csv'), join(renamed, 'stage.csv'));
      await rename(join(renamed, 'pipeline.csv'), join(renamed, 'archive_reason.csv'));
      await rename(join(renamed, 'stage.csv'), join(renamed, 'lever-reasons-export.csv'));
      const named = await ingest(join(small, 'named'), config, memoryLogger());
      const result = await ingest(renamed, config, memoryLogger());
      expect(tablesOf(result)).toEqual(tablesOf(named));
      // The comparison compares something: stage names and archive reasons are read.
      expect(result.tables.applications.some((a) => a.rejectionReason !== null)).toBe(true);
      expect(result.tables.stageEvents.length).toBeGreaterThan(0);
      const file = (path: string) => result.quality.files.find((f) => f.path === path)!;
      expect(file('archive_reason.csv').readAs).toBe(
        'joined into applications, stage events, interviews (Lever warehouse)',
      );
      expect(file('lever-reasons-export.csv').readAs).toBe('joined into applications (Lever warehouse)');
    } finally {
      await rm(small, { recursive: true, force: true });
    }
  });
});

describe('recognising a warehouse table', () => {
  const vendors = VENDORS;
  const named = (header: string[], file = 'export.csv') => {
    const found = recogniseTable(header, file, vendors);
    return found ? `${found.vendor.id} ${found.table.name}` : null;
  };

  it('goes by the header in any order, with columns missing or added, not by the file name', () => {
    expect(named(['status', 'prospect', 'id', 'applied_at', 'candidate_id', 'rejected_reason_id'], 'jobs.csv')).toBe(
      'greenhouse application',
    );
    expect(named(['application_id', 'job_id', '_fivetran_synced', 'custom_field'])).toBe('greenhouse job_application');
    expect(named(['id', 'contact', 'created_at', 'origin', 'stage_id', 'name', 'archived_at'])).toBe(
      'lever opportunity',
    );
    // The newer Greenhouse connector's shapes, as its seeds have them.
    expect(named(['id', '_fivetran_deleted', '_fivetran_synced', 'name', 'type_id', 'type_name', 'created_at'])).toBe(
      'greenhouse source',
    );
    const office = ['id', 'external_id', 'location', 'name', 'parent_id', 'primary_in_house_contact_user_id'];
    expect(named([...office, '_fivetran_synced'])).toBe('greenhouse office');
    expect(named(['id', 'application_id', 'job_interview_id', 'starts_at', 'ends_at', 'status'], 'interview.csv')).toBe(
      'greenhouse scheduled_interview',
    );
    // A link table's two columns are Greenhouse's only beside Fivetran's columns or Greenhouse's other tables.
    expect(named(['application_id', 'job_id'])).toBeNull();
    const greenhouse = new Set(VENDORS.filter((v) => v.id === 'greenhouse'));
    expect(recogniseTable(['job_id', 'application_id'], 'x.csv', VENDORS, greenhouse)?.table.name).toBe(
      'job_application',
    );
    // A hand-made export sharing a few column names is not a vendor table.
    expect(named(['id', 'name', 'department', 'opened_at', 'hiring_manager'])).toBeNull();
    // `id, name` is a tag only beside Fivetran's own columns.
    expect(named(['id', 'name'])).toBeNull();
    expect(named(['id', 'name', '_fivetran_synced'])).toBe('greenhouse tag');
  });

  it("knows every table of the public seeds: the newer Greenhouse connector, Lever's panels", () => {
    const fivetran = ['_fivetran_deleted', '_fivetran_synced'];
    const seeds: Record<string, string[]> = {
      // The columns of a stage (id, job_id, name, active, sort_order) and one of its own: never a stage.
      job_candidate_attribute: ['id', 'job_id', 'candidate_attribute_type_id', 'active', 'name', 'sort_order'],
      interview_kit: ['id', 'job_id', 'job_interview_id', 'anonymize_candidate', 'anonymize_resumes', 'exercises'],
      job_post_location: ['id', 'job_post_id', 'office_id', 'custom_location_id', 'plain_text_location', 'type'],
      prospect_detail: ['id', 'application_id', 'department_id', 'office_id', 'pool_id', 'pool_stage_id'],
      scorecard_candidate_attribute: ['id', 'scorecard_id', 'job_candidate_attribute_id', 'note'],
      scorecard_question: ['id', 'interview_kit_id', 'active', 'answer_type', 'question', 'required'],
      scorecard_question_answer: ['id', 'scorecard_question_id', 'scorecard_id', 'answer', 'boolean_value', 'value'],
      candidate_tag_link: ['candidate_id', 'index', 'tag_name'],
      note: ['id', 'candidate_id', 'application_id', 'user_id', 'body', 'email_from', 'email_to', 'subject'],
      referrer: ['id', 'name', 'user_id', 'created_at', 'updated_at'],
      // The classic connector's (fivetran/dbt_greenhouse_source's test data).
      application_qna: ['application_id', 'index', 'answer', 'question'],
    };
    for (const [name, header] of Object.entries(seeds)) {
      expect(named([...header, ...fivetran, 'created_at']), name).toBe(`greenhouse ${name}`);
    }
    const use = (name: string) => VENDORS.find((v) => v.id === 'greenhouse')!.tables.find((t) => t.name === name)!.use;
    expect(['candidate_tag_link', 'note', 'referrer', 'application_qna'].map(use)).toEqual([
      'people',
      'people',
      'people',
      'people',
    ]);
    // Lever's older connector: interview panels, not needed (interviews carry their opportunity and times).
    expect(named(['id', 'canceled_at', 'created_at', 'end', 'feedback_reminder', 'note', 'stage_id', 'start'])).toBe(
      'lever panel',
    );
    expect(named(['application_id', 'panel_id', '_fivetran_synced'])).toBe('lever panel_application');
    expect(named(['interview_id', 'panel_id', '_fivetran_synced'])).toBe('lever panel_interview');
    // The stage table itself is still the stage table.
    expect(named(['id', 'job_id', 'name', 'active', 'sort_order', ...fivetran])).toBe('greenhouse job_stage');
  });

  it('uses the file name only between tables with the same columns', () => {
    const contact = ['candidate_id', 'index', 'type', 'value', '_fivetran_synced'];
    expect(named(contact, 'phone_number.csv')).toBe('greenhouse phone_number');
    expect(named(contact, 'email_address.csv')).toBe('greenhouse email_address');
    expect(named(contact, 'website_address.csv')).toBe('greenhouse website_address');
  });
});

describe('who ended it, from a Lever archive reason', () => {
  it.each([
    ['Withdrew', 'candidate'],
    ['Offer declined', 'candidate'],
    ["Wasn't interested", 'candidate'],
    ['Accepted another offer', 'candidate'],
    ['Underqualified', 'company'],
    ['Culture Fit', 'company'],
    ['Preferred another candidate', 'company'],
    ['Position filled', 'company'],
    ['Timing', ''],
  ])('%s → %s', (reason, by) => {
    expect(endedBy(reason)).toBe(by);
  });
});

describe('the exports guide', () => {
  it('names every table a warehouse dump is read from, under "Warehouse dumps"', async () => {
    const guide = await readFile(join(import.meta.dirname, '../docs/exports.md'), 'utf8');
    const start = guide.indexOf('## Warehouse dumps');
    expect(start).toBeGreaterThan(-1);
    const end = guide.indexOf('\n## ', start + 1);
    const section = guide.slice(start, end === -1 ? undefined : end);
    for (const vendor of VENDORS) {
      expect(section).toContain(`**${vendor.name}**`);
      for (const table of vendor.tables.filter((t) => t.use === 'joined')) {
        expect(section, `${vendor.name} ${table.name}`).toContain(`\`${table.name}\``);
      }
    }
  });
});

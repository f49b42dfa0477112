/**
 * Vendor dialects and the user's own mapping: each fixture is an export as the vendor's documented field names
 * spell it (the vendors' public API and warehouse field names), recognised from its header alone.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../scripts/log.ts';
import { loadConfig, parseConfig } from '../scripts/read/config.ts';
import { ingest, type IngestResult } from '../scripts/read/ingest.ts';
import { recognise } from '../scripts/read/recognise.ts';
import type { Entity } from '../scripts/schema/canonical.ts';
import type { Config } from '../scripts/schema/config.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures/ingest');
const at = (iso: string) => Date.parse(iso);

async function run(fixture: string, config?: Config): Promise<IngestResult> {
  const dir = join(FIXTURES, fixture);
  return ingest(dir, config ?? (await loadConfig(dir)), memoryLogger());
}

function counts(result: IngestResult, entity: Entity): [number, number, number] {
  const e = result.quality.entities.find((x) => x.entity === entity)!;
  expect(e.read).toBe(e.used + e.duplicatesIdentical + e.duplicatesConflicting + e.quarantined);
  return [e.read, e.used, e.quarantined];
}

const files = (result: IngestResult) => result.quality.files.map((f) => [f.path, f.entity, f.dialect]);

describe('recognition', () => {
  const defaults = parseConfig('{}');
  const entityOf = (header: string[]) => {
    const r = recognise(header, 'x.csv', defaults);
    return 'match' in r ? `${r.match.entity} (${r.match.dialect.id})` : 'none';
  };

  it('template column names are case- and space-insensitive', () => {
    expect(entityOf(['Application ID', 'Job Id', 'Applied At', 'STATUS'])).toBe('applications (canonical)');
    expect(entityOf(['application-id', 'jobId', 'appliedAt', 'status'])).toBe('applications (canonical)');
  });

  it('the header decides, not the file name, and the best match wins', () => {
    expect(entityOf(['id', 'candidate_id', 'applied_at', 'status', 'jobs.id', 'current_stage.name'])).toBe(
      'applications (greenhouse)',
    );
    expect(entityOf(['id', 'contact', 'createdAt', 'stage', 'archived.archivedAt', 'archived.reason', 'posting'])).toBe(
      'applications (lever)',
    );
    expect(
      entityOf(['id', 'createdAt', 'status', 'job.id', 'currentInterviewStage.title', 'archiveReason.reasonType']),
    ).toBe('applications (ashby)');
    expect(entityOf(['id', 'job.shortcode', 'stage', 'disqualified', 'created_at'])).toBe('applications (workable)');
    // Workable's jobs: keyed by the shortcode their candidates name, not by `id`.
    expect(entityOf(['id', 'title', 'shortcode', 'code', 'state', 'department', 'created_at'])).toBe(
      'requisitions (workable)',
    );
    expect(entityOf(['application_id', 'stage', 'entered_at'])).toBe('stage_events (canonical)');
    expect(entityOf(['Name', 'Email'])).toBe('none');
  });
});

describe('Greenhouse', () => {
  it('applications, scorecards and jobs with openings are read with their vendor values', async () => {
    const result = await run('greenhouse');
    expect(files(result)).toEqual([
      ['applications.csv', 'applications', 'greenhouse'],
      ['jobs.csv', 'requisitions', 'greenhouse'],
      ['scorecards.csv', 'interviews', 'greenhouse'],
    ]);
    // 1006 is a prospect "converted" into another application: not an application of its own.
    expect(counts(result, 'applications')).toEqual([6, 5, 1]);
    expect(result.quality.ledger).toEqual([
      {
        file: 'applications.csv',
        line: 7,
        entity: 'applications',
        column: 'status',
        problem: 'status "converted": prospect converted into another application (counted there)',
        action: 'quarantined',
      },
    ]);
    const apps = Object.fromEntries(result.tables.applications.map((a) => [a.applicationId, a]));
    expect(apps['1001']).toMatchObject({
      jobId: '2001',
      appliedAt: at('2016-02-03T16:38:46.985Z'),
      source: 'LinkedIn',
      currentStage: 'Phone Screen',
      status: 'active',
      department: 'Engineering', // from the job's opening
    });
    // rejection_reason.type.name says who: We rejected them / They rejected us / None specified.
    expect(apps['1002']).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Lacking skill(s)/qualification(s)',
      rejectedBy: 'company',
    });
    expect(apps['1003']).toMatchObject({ rejectedBy: 'candidate', rejectedAt: at('2016-02-12T09:00:00Z') });
    expect(apps['1004']).toMatchObject({ rejectionReason: 'None specified', rejectedBy: null });
    expect(apps['1005']).toMatchObject({ status: 'hired', currentStage: null });
    // Dropped: free text and candidate details.
    expect(result.quality.files[0]!.droppedColumns).toEqual([
      'prospect',
      'last_activity_at',
      'rejection_details',
      'candidate.first_name',
      'candidate.email_addresses',
    ]);
  });

  it('scorecards are feedback slots: definitely_not is strong_no', async () => {
    const result = await run('greenhouse');
    expect(counts(result, 'interviews')).toEqual([4, 4, 0]);
    expect(
      result.tables.interviews.rows().map((i) => [i.interviewId, i.stage, i.interviewer, i.recommendation]),
    ).toEqual([
      ['7001', 'Phone Screen', 'Hana Okafor', 'yes'],
      ['7002', 'Onsite', 'Ravi Mehta', 'strong_no'],
      ['7003', 'Onsite', 'Mira Sato', 'strong_yes'],
      ['7004', 'Phone Screen', 'Ada Quinn', 'no_decision'],
    ]);
    expect(result.tables.interviews.row(1)).toMatchObject({
      interviewAt: at('2016-02-08T15:00:00Z'),
      feedbackSubmittedAt: at('2016-02-09T10:00:00Z'),
    });
  });

  it('an opening is a seat: filled when it names the hired application or closes as "Hired"', async () => {
    const result = await run('greenhouse');
    expect(counts(result, 'requisitions')).toEqual([3, 3, 0]);
    expect(result.tables.requisitions).toEqual([
      {
        requisitionId: '2001-1',
        jobId: '2001',
        jobTitle: 'Backend Engineer',
        department: 'Engineering',
        location: 'Berlin',
        hiringManager: 'Hana Okafor',
        recruiter: 'Ravi Mehta',
        openedAt: at('2016-01-04T00:00:00Z'),
        filledAt: at('2016-03-01T00:00:00Z'),
        closedAt: at('2016-03-01T00:00:00Z'),
        status: 'filled',
      },
      expect.objectContaining({ requisitionId: '2001-2', status: 'open', filledAt: null, closedAt: null }),
      // Closed with "Order cancelled": closed, not filled.
      expect.objectContaining({
        requisitionId: '2002-1',
        status: 'closed',
        filledAt: null,
        closedAt: at('2016-02-20T00:00:00Z'),
      }),
    ]);
  });
});

describe('Lever', () => {
  it('opportunities with epoch-millisecond times: archived "Hired" is a hire, any other archive a rejection', async () => {
    const result = await run('lever');
    expect(counts(result, 'applications')).toEqual([5, 5, 0]);
    const apps = Object.fromEntries(result.tables.applications.map((a) => [a.applicationId, a]));
    expect(apps.o1).toMatchObject({
      status: 'active',
      appliedAt: 1407460071043,
      jobId: 'p1',
      source: 'applied',
      currentStage: 'Phone screen',
    });
    expect(apps.o2).toMatchObject({
      status: 'rejected',
      rejectedAt: 1408000000000,
      rejectionReason: 'Underqualified',
      rejectedBy: 'company',
    });
    expect(apps.o3).toMatchObject({ status: 'hired', hiredAt: 1409000000000, rejectedAt: null, rejectionReason: null });
    expect(apps.o4).toMatchObject({ status: 'rejected', rejectionReason: 'Withdrew', rejectedBy: 'candidate' });
    // A reason nobody mapped: rejected by an unknown side.
    expect(apps.o5).toMatchObject({ status: 'rejected', rejectionReason: 'Moved to another team', rejectedBy: null });
    expect(result.quality.files.find((f) => f.path === 'opportunities.csv')!.droppedColumns).toEqual([
      'name',
      'emails',
      'phones',
      'tags',
    ]);
  });

  it('feedback forms are feedback slots; the score labels map onto recommendations', async () => {
    const result = await run('lever');
    expect(counts(result, 'interviews')).toEqual([4, 4, 0]);
    expect(
      result.tables.interviews
        .rows()
        .map((i) => [i.interviewId, i.interviewer, i.recommendation, i.feedbackSubmittedAt]),
    ).toEqual([
      ['iv1', 'Hana Okafor', 'yes', 1407710000000],
      ['iv2', 'Ravi Mehta', null, null],
      ['iv2', 'Mira Sato', 'strong_no', 1407900000000],
      ['iv3', 'Hana Okafor', 'strong_yes', 1407950000000],
    ]);
    // The interview ends `duration` minutes after it starts: 60 min.
    expect(result.tables.interviews.row(0)).toMatchObject({
      interviewAt: 1407700000000,
      interviewEndAt: 1407700000000 + 60 * 60_000,
    });
  });

  it('requisitions: the time-to-fill clock, and onHold', async () => {
    const result = await run('lever-requisitions');
    expect(counts(result, 'requisitions')).toEqual([3, 3, 0]);
    expect(result.tables.requisitions.map((r) => [r.requisitionId, r.status, r.openedAt, r.filledAt])).toEqual([
      ['ENG-1', 'closed', 1406000000000, 1408000000000],
      ['ENG-2', 'on_hold', 1406000000000, null],
      // No timeToFillStartAt: the next column the dialect names (createdAt) is used for this row.
      ['DATA-1', 'open', 1406500000000, null],
    ]);
  });
});

describe('Ashby', () => {
  it('status Archived is a rejection, and reasonType says by whom; a Lead is active', async () => {
    const result = await run('ashby');
    expect(files(result)).toEqual([
      ['applications.csv', 'applications', 'ashby'],
      ['feedback.csv', 'interviews', 'ashby'],
      ['history.csv', 'stage_events', 'ashby'],
      ['openings.csv', 'requisitions', 'ashby'],
    ]);
    expect(counts(result, 'applications')).toEqual([6, 6, 0]);
    expect(result.tables.applications.map((a) => [a.applicationId, a.status, a.rejectedBy, a.currentStage])).toEqual([
      ['ash-1', 'active', null, 'Technical Interview'],
      ['ash-2', 'rejected', 'company', 'Archived'],
      ['ash-3', 'rejected', 'candidate', 'Archived'],
      ['ash-4', 'hired', null, 'Hired'],
      ['ash-5', 'active', null, 'Lead'],
      ['ash-6', 'rejected', null, 'Archived'],
    ]);
    expect(result.tables.applications[1]).toMatchObject({
      appliedAt: at('2025-03-05T09:00:00Z'),
      rejectedAt: at('2025-03-12T09:00:00Z'),
      rejectionReason: 'Not a fit',
      jobTitle: 'Product Designer',
      department: 'Design', // from the opening of job-1
    });
  });

  it('openings are seats (Filled = filled when closed); feedback and stage history are read [unverified names]', async () => {
    const result = await run('ashby');
    expect(result.tables.requisitions.map((r) => [r.requisitionId, r.jobId, r.status, r.filledAt])).toEqual([
      ['op-1', 'job-1', 'filled', at('2025-03-20T00:00:00Z')],
      ['op-2', 'job-2', 'open', null],
    ]);
    // Score 1–4 like Lever's scale: 3 = yes, 1 = strong no; fb-3 not submitted.
    expect(
      result.tables.interviews.rows().map((i) => [i.interviewId, i.stage, i.interviewer, i.recommendation]),
    ).toEqual([
      ['ev-1', 'Technical Interview', 'Hana Okafor', 'yes'],
      ['ev-2', 'Portfolio Review', 'Ravi Mehta', 'strong_no'],
      ['ev-3', 'Final Interview', 'Mira Sato', null],
    ]);
    expect(result.tables.interviews.row(0)).toMatchObject({
      interviewAt: at('2025-03-06T10:00:00Z'),
      interviewEndAt: at('2025-03-06T11:00:00Z'),
      feedbackSubmittedAt: at('2025-03-06T15:00:00Z'),
    });
    expect(result.tables.stageEvents.rows().map((e) => [e.applicationId, e.stage, e.exitedAt])).toEqual([
      ['ash-1', 'Application Review', at('2025-03-05T09:00:00Z')],
      ['ash-1', 'Technical Interview', null],
      ['ash-2', 'Application Review', at('2025-03-12T09:00:00Z')],
    ]);
    // The free-text form values are dropped.
    expect(JSON.stringify(result)).not.toContain('portfolio,');
    expect(result.quality.files[1]!.droppedColumns).toEqual(['submittedValues']);
  });
});

describe('Workable', () => {
  it('disqualified is a rejection, a hire date a hire; a value that is not true/false is quarantined', async () => {
    const result = await run('workable');
    // w5's disqualified is "maybe".
    expect(counts(result, 'applications')).toEqual([5, 4, 1]);
    expect(result.quality.ledger.map((e) => [e.line, e.column, e.problem])).toEqual([
      [6, 'disqualified', 'not a true/false value'],
    ]);
    expect(result.tables.applications.map((a) => [a.applicationId, a.status, a.rejectedBy, a.hiredAt])).toEqual([
      ['w1', 'active', null, null],
      ['w2', 'rejected', 'company', null], // "Doesn't have required experience"
      ['w3', 'rejected', 'candidate', null], // "Rejected offer"
      ['w4', 'hired', null, at('2025-03-01T00:00:00Z')],
    ]);
    // Without a disqualification date, a rejection has no date…
    expect(result.tables.applications[1]!.rejectedAt).toBeNull();
  });

  it('…unless the config maps rejected_at to a column that has one: the config applies before the dialect', async () => {
    const config = parseConfig('{"columns": {"applications": {"rejected_at": "updated_at"}}}');
    const result = await run('workable', config);
    expect(result.quality.files[0]).toMatchObject({ dialect: 'workable+config' });
    expect(result.tables.applications[1]!.rejectedAt).toBe(at('2025-02-10T09:00:00Z'));
    // updated_at is used now, so it is no longer dropped.
    expect(result.quality.files[0]!.droppedColumns).toEqual(['name', 'email', 'phone', 'sourced']);
  });
});

describe('an ATS nobody anticipated', () => {
  it('a team gets correct tables by writing dashboard.config.json alone', async () => {
    const result = await run('custom-ats');
    expect(files(result)).toEqual([
      ['applications.csv', 'applications', 'canonical+config'],
      ['interviews.csv', 'interviews', 'canonical+config'],
      ['positions.csv', 'requisitions', 'canonical+config'],
    ]);
    expect(counts(result, 'requisitions')).toEqual([2, 2, 0]);
    expect(counts(result, 'applications')).toEqual([5, 5, 0]);
    expect(counts(result, 'interviews')).toEqual([3, 3, 0]);
    expect(result.quality.ledger).toEqual([]);
    expect(result.quality.unmapped).toEqual([]);

    // Day-first dates (dateOrder DMY), in Europe/London (GMT in winter).
    expect(result.tables.requisitions[0]).toMatchObject({
      requisitionId: 'POS-1',
      jobId: 'POS-1',
      jobTitle: 'Backend Engineer',
      department: 'Engineering',
      hiringManager: 'Hana Okafor',
      openedAt: at('2025-01-02T00:00:00Z'),
      filledAt: at('2025-02-20T00:00:00Z'),
    });
    expect(result.tables.applications.map((a) => [a.applicationId, a.status, a.rejectedBy, a.department])).toEqual([
      ['R-001', 'active', null, 'Engineering'],
      ['R-002', 'rejected', 'company', 'Engineering'], // "Disqualified", decided by "Us"
      ['R-003', 'hired', null, 'Design'], // "Offer Accepted"
      ['R-004', 'withdrawn', 'candidate', 'Design'],
      ['R-005', 'rejected', 'candidate', 'Engineering'], // reason "Salary" → candidate, from "reasons"
    ]);
    expect(result.tables.applications[1]).toMatchObject({
      appliedAt: at('2025-02-01T00:00:00Z'), // 01/02/2025 is 1 February
      rejectedAt: at('2025-02-14T00:00:00Z'),
      rejectionReason: 'Skills gap',
    });
    expect(result.tables.applications[2]!.hiredAt).toBe(at('2025-02-28T00:00:00Z'));
    expect(result.tables.interviews.row(0)).toMatchObject({
      interviewId: 'IV-1',
      applicationId: 'R-001',
      stage: 'Screen',
      interviewAt: at('2025-02-03T10:00:00Z'),
      feedbackSubmittedAt: at('2025-02-03T15:30:00Z'),
      recommendation: 'yes', // "Thumbs up"
    });
    expect(result.quality.files[0]!.droppedColumns).toEqual(['Candidate Name', 'Candidate E-mail']);
  });
});

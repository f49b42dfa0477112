/**
 * Outcomes kept only as stage events, fill dates only as hires, exits only as the next entry: derived after
 * reading, counted and said (scripts/read/derive.ts). The export is `tests/fixtures/derive/handmade.ts`; every
 * expected figure below is worked out from the layout described there.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../scripts/log.ts';
import { loadConfig } from '../scripts/read/config.ts';
import { ingest, type IngestResult } from '../scripts/read/ingest.ts';
import { computeAggregates } from '../scripts/metrics/index.ts';
import type { Aggregates } from '../scripts/schema/aggregates.ts';
import { APPLIED, writeHandmadeExport } from './fixtures/derive/handmade.ts';

const DAY = 86_400_000;
let tmp: string;
let result: IngestResult;
let log: string[];
let a: Aggregates;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'derive-'));
  await writeHandmadeExport(tmp, { seed: 17 });
  // Groups of one shown: the counts below are the point, not their privacy.
  await writeFile(join(tmp, 'dashboard.config.json'), JSON.stringify({ privacy: { minGroupSize: 1 } }));
  const logger = memoryLogger();
  const config = await loadConfig(tmp);
  result = await ingest(tmp, config, logger);
  log = logger.lines;
  a = computeAggregates({ tables: result.tables, quality: result.quality, config, sample: false });
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const app = (id: string) => result.tables.applications.find((x) => x.applicationId === id)!;
const derivedRows = (column: string) =>
  (result.quality.derived ?? []).filter((d) => d.column === column).map((d) => d.rows);

describe('outcomes kept only as stage events', () => {
  it('counts the rejections, the withdrawal and the hires the events hold', () => {
    const status = (s: string) => result.tables.applications.filter((x) => x.status === s).length;
    // Rejected: 1, 2, 5, 6, 7; withdrawn: 3; hired: 4, 8, 9, 10; still active: 11, 12.
    expect([status('rejected'), status('withdrawn'), status('hired'), status('active')]).toEqual([5, 1, 4, 2]);
    // Rejected at the entry into "Rejected", 5 days after applying.
    expect(app('APP-001').rejectedAt).toBe(APPLIED(1) + 5 * DAY);
    // "Offer accepted" then "Joined": hired when the offer was accepted (the first of the trailing hire events).
    expect(app('APP-004').hiredAt).toBe(APPLIED(4) + 14 * DAY);
    expect(app('APP-003').rejectedBy).toBe('candidate');
  });

  it('takes the drop reason and the stage the candidate was in', () => {
    expect(app('APP-002').rejectionReason).toBe('Not enough experience');
    expect(app('APP-003').rejectionReason).toBe('Took another offer');
    expect(app('APP-007').rejectionReason).toBeNull();
    expect(app('APP-005').currentStage).toBe('Screen');
  });

  it('says what it derived, with counts, in the log and in the artifact', () => {
    // status, rejected_at: 5 rejections and 1 withdrawal; status, hired_at: 4 hires; reasons: 1, 2, 3, 5, 6.
    expect(derivedRows('status, rejected_at')).toEqual([5, 1]);
    expect(derivedRows('status, hired_at')).toEqual([4]);
    expect(derivedRows('rejection_reason')).toEqual([5]);
    expect(derivedRows('current_stage')).toEqual([6]);
    expect(
      log.some((line) =>
        /^derived status, rejected_at of 5 applications: rejections, from their latest stage event "Rejected"$/.test(
          line,
        ),
      ),
    ).toBe(true);
    expect(log.some((line) => /^derived status, hired_at of 4 applications: hires/.test(line))).toBe(true);
    expect(a.quality.derived).toEqual(result.quality.derived);
  });

  it('counts them in the rejections and leaves the outcome events out of the funnel', () => {
    const january = a.headlines.find((s) => s.metric === 'rejections' && s.scope.kind === 'all')!;
    expect(january.months.find((m) => m.month === '2025-01')!.current.value).toBe(6);
    // 5 "Rejected" + 1 "Withdrawn" events are outcomes, not stages.
    expect(derivedRows('outcome')).toEqual([6]);
    expect(a.stages).not.toContain('Rejected');
    expect(a.stages).not.toContain('Withdrawn');
  });

  it('without a rejected_by column, a rejected application is the company’s decision', () => {
    // 1, 2, 5, 6 ("Not enough experience": the company), 7 (no reason, no rejected_by column: the company);
    // 3 withdrew (the candidate).
    const by = (key: string) =>
      a.rejections.byRejectedBy.find((r) => r.month === '2025-01' && r.department === 'All' && r.key === key)
        ?.rejections ?? 0;
    expect([by('company'), by('candidate'), by('unknown')]).toEqual([5, 1, 0]);
  });
});

describe('fill dates from hires', () => {
  it('gives each seat of a job a hire: the n-th hire the n-th seat, the last seat the last hire', () => {
    const filled = (id: string) => result.tables.requisitions.find((r) => r.requisitionId === id)!.filledAt;
    expect(filled('REQ-A')).toBe(APPLIED(4) + 14 * DAY); // JOB-A's only hire
    expect(filled('REQ-B1')).toBe(APPLIED(8) + 14 * DAY); // JOB-B's first hire (8, 9, 10)
    expect(filled('REQ-B2')).toBe(APPLIED(10) + 14 * DAY); // JOB-B's last seat: its last hire
    expect(derivedRows('filled_at')).toEqual([3]);
  });
});

describe('exits from the next event', () => {
  it('ends a stage when the next one is entered', () => {
    // Exits per application (events − 1): 1, 2, 3, 5, 6, 7: 2 each; 4: 4; 8, 9, 10: 3 each; 11, 12: 1 each.
    expect(derivedRows('exited_at')).toEqual([12 + 4 + 9 + 2]);
    // Read before the outcome events left: APP-001's Screen ends when it entered "Rejected".
    const events = result.tables.stageEvents.rows().filter((e) => e.applicationId === 'APP-001');
    expect(events.map((e) => [e.stage, e.exitedAt])).toEqual([
      ['Applied', events[1]!.enteredAt],
      ['Screen', APPLIED(1) + 5 * DAY],
    ]);
  });
});

describe('absent is not zero', () => {
  it('records the template columns each table had', () => {
    const columns = Object.fromEntries((a.quality.columns ?? []).map((c) => [c.entity, c.columns]));
    expect(columns['interviews']).toEqual([
      'interview_id',
      'application_id',
      'interviewer',
      'interview_at',
      'interview_end_at',
    ]);
    expect(columns['stage_events']).toEqual(['application_id', 'stage', 'entered_at', 'reason']);
  });

  it('gives no feedback rate without feedback_submitted_at, and says which column it needs', () => {
    expect(a.absent).toContainEqual({
      figure: 'feedbackSubmissionRate',
      entity: 'interviews',
      needs: 'feedback_submitted_at',
    });
    const rate = (metric: string) =>
      a.headlines.find((s) => s.metric === metric && s.scope.kind === 'all')!.months.find((m) => m.month === '2025-01')!
        .current;
    expect(rate('feedbackSubmissionRate').value).toBeNull();
    expect(rate('feedbackOnTimeRate').value).toBeNull();
    expect(rate('medianHoursToFeedback').value).toBeNull();
    // The slots themselves are in the export: 12 interviews in January.
    expect(rate('feedbackSlots').value).toBe(12);
    const all = a.feedback.byMonth.find((r) => r.month === '2025-01' && r.department === 'All' && r.stage === 'All')!;
    expect([all.slots, all.submitted, all.submission_rate, all.on_time_rate]).toEqual([12, null, null, null]);
    expect(a.feedback.outstanding).toEqual([]);
  });

  it('keeps the reasons present when the stage events carry them', () => {
    expect((a.absent ?? []).map((x) => x.figure)).not.toContain('unspecifiedReasonShare');
  });
});

describe('the order of the rows and the config', () => {
  const ingestOf = async (options: { shuffleEvents?: boolean; config?: object }) => {
    const dir = await mkdtemp(join(tmpdir(), 'derive-'));
    try {
      await writeHandmadeExport(dir, { seed: 23, shuffleEvents: options.shuffleEvents });
      if (options.config) await writeFile(join(dir, 'dashboard.config.json'), JSON.stringify(options.config));
      return await ingest(dir, await loadConfig(dir), memoryLogger());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  it('derives the same from stage events listed in any order', async () => {
    const shuffled = await ingestOf({ shuffleEvents: true });
    // As above: 27 exits, 5 rejections and 1 withdrawal, 4 hires, 3 seats filled.
    expect(shuffled.quality.derived!.map((d) => [d.column, d.rows])).toEqual(
      result.quality.derived!.map((d) => [d.column, d.rows]),
    );
    const hired = shuffled.tables.applications.find((x) => x.applicationId === 'APP-004')!;
    expect(hired.hiredAt).toBe(APPLIED(4) + 14 * DAY);
  });

  it('takes outcome stage names from the config, which can also say a name is not an outcome', async () => {
    const configured = await ingestOf({ config: { outcomeStages: { 'offer  ACCEPTED': null, Screen: 'rejected' } } });
    const status = (id: string) => configured.tables.applications.find((x) => x.applicationId === id)!;
    // "Offer accepted" is a step now: 4 is hired at "Joined" (+30 d); 8, 9, 10 (last event "Offer accepted")
    // stay active; 11 and 12, whose last event is "Screen", are rejected when they entered it.
    expect(status('APP-004').hiredAt).toBe(APPLIED(4) + 30 * DAY);
    expect(status('APP-008').status).toBe('active');
    expect(status('APP-011').status).toBe('rejected');
    expect(configured.tables.applications.filter((x) => x.status === 'hired').length).toBe(1);
  });
});

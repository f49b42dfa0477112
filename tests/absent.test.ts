/**
 * Absent is not zero, at the metrics: the tables say which template columns their files had
 * (`CanonicalTables.columns`), and a figure whose input column is missing is blanked and listed, never 0.
 */
import { describe, expect, it } from 'vitest';
import { computeAggregates } from '../scripts/metrics/index.ts';
import { aggregatesSchema } from '../scripts/schema/aggregates.ts';
import { canonicalTables, TEMPLATE, type CanonicalRows, type Entity } from '../scripts/schema/canonical.ts';
import { app, config, emptyQuality, interview, req, tables } from './metrics/helpers.ts';

/** Every template column, less `without` (`table.column`). */
const columnsWithout = (...without: string[]) =>
  Object.fromEntries(
    (Object.keys(TEMPLATE) as Entity[]).map((entity) => [
      entity,
      TEMPLATE[entity].map((f) => f.column).filter((c) => !without.includes(`${entity}.${c}`)),
    ]),
  ) as Record<Entity, string[]>;

const aggregate = (rows: Partial<CanonicalRows>, columns: Record<Entity, string[]>) =>
  aggregatesSchema.parse(
    computeAggregates({
      tables: { ...canonicalTables(tables(rows)), columns },
      quality: emptyQuality(),
      config: config({ privacy: { minGroupSize: 1 }, asOf: '2025-02-10' }),
      sample: false,
    }),
  );

// Four rejections in January: no reason, no rejected_by; one withdrawn.
const rejections = {
  requisitions: [req({ id: 'R1', opened: '2025-01-01' })],
  applications: [
    app({ id: 'A1', applied: '2025-01-02', status: 'rejected', rejected: '2025-01-10' }),
    app({ id: 'A2', applied: '2025-01-02', status: 'rejected', rejected: '2025-01-11' }),
    app({ id: 'A3', applied: '2025-01-02', status: 'rejected', rejected: '2025-01-12' }),
    app({ id: 'A4', applied: '2025-01-02', status: 'withdrawn', rejected: '2025-01-13' }),
  ],
};
const by = (a: ReturnType<typeof aggregate>, key: string) =>
  a.rejections.byRejectedBy.find((r) => r.month === '2025-01' && r.department === 'All' && r.key === key)?.rejections ??
  0;

describe('rejected by, without a rejected_by column', () => {
  it('a rejected application counts as the company’s decision, a withdrawn one as the candidate’s', () => {
    const a = aggregate(rejections, columnsWithout('applications.rejected_by'));
    // A1–A3 rejected with no reason: company; A4 withdrawn: candidate.
    expect([by(a, 'company'), by(a, 'candidate'), by(a, 'unknown')]).toEqual([3, 1, 0]);
  });

  it('with the column present but empty, who ended it stays unknown', () => {
    const a = aggregate(rejections, columnsWithout());
    expect([by(a, 'company'), by(a, 'candidate'), by(a, 'unknown')]).toEqual([0, 1, 3]);
  });
});

describe('feedback without feedback_submitted_at', () => {
  // Three slots in January, none with a submission time: the column is missing, or present and empty.
  const feedback = {
    ...rejections,
    interviews: ['I1', 'I2', 'I3'].map((id) =>
      // Interviewed by the requisition's hiring manager: their own feedback, which the retrospective follows.
      interview({ id, app: 'A1', interviewer: 'Hana Moreau', at: '2025-01-05T10:00:00Z', end: '2025-01-05T11:00:00Z' }),
    ),
  };
  const january = (a: ReturnType<typeof aggregate>, metric: string) =>
    a.headlines.find((s) => s.metric === metric && s.scope.kind === 'all')!.months.find((m) => m.month === '2025-01')!
      .current;

  it('is not in the export: the rates are empty and listed as absent, the slots still counted', () => {
    const a = aggregate(feedback, columnsWithout('interviews.feedback_submitted_at'));
    expect(january(a, 'feedbackSubmissionRate')).toEqual({ value: null, n: null, suppressed: false });
    expect(january(a, 'feedbackOnTimeRate').value).toBeNull();
    expect(january(a, 'feedbackSlots').value).toBe(3);
    expect((a.absent ?? []).filter((x) => x.needs === 'feedback_submitted_at').map((x) => x.figure)).toContain(
      'outstandingFeedback',
    );
    expect(a.feedback.outstanding).toEqual([]);
    // Nor does the retrospective say who owes feedback, or how often a hiring manager gave it on time.
    expect(a.owners.owedFeedback).toEqual([]);
    expect(a.owners.partnerships.length).toBeGreaterThan(0);
    for (const p of a.owners.partnerships) expect(p.feedbackOnTime.value).toBeNull();
  });

  it('is in the export but empty: nothing submitted is 0 %, and the three slots are outstanding', () => {
    const a = aggregate(feedback, columnsWithout());
    expect(january(a, 'feedbackSubmissionRate').value).toBe(0);
    expect(a.absent).toEqual([]);
    const all = a.feedback.outstanding.filter((r) => r.department === 'All');
    expect(all.reduce((n, r) => n + (r.slots ?? 0), 0)).toBe(3);
    expect(a.owners.owedFeedback.map((o) => [o.hiringManager, o.slots])).toEqual([['Hana Moreau', 3]]);
  });
});

describe('seats filled without filled_at', () => {
  // Two seats of Hana Moreau's with Rui Costa, neither with a fill date: the column is missing, or present and
  // empty (no hire to derive one from either).
  const seats = {
    requisitions: [req({ id: 'R1', opened: '2024-12-01' }), req({ id: 'R2', opened: '2025-01-03' })],
    applications: [app({ id: 'A1', applied: '2025-01-05' })],
  };

  it('is not in the export: the partnership card and every month of the partnership say null, not 0', () => {
    const a = aggregate(seats, columnsWithout('requisitions.filled_at'));
    expect((a.absent ?? []).find((x) => x.figure === 'requisitionsFilled')?.needs).toBe('filled_at');
    expect(a.partnerships.map((p) => [p.hiringManager, p.requisitionsOpen, p.requisitionsFilled])).toEqual([
      ['Hana Moreau', 2, null],
    ]);
    // January and February, the months of the data: both seats open, counted; filled not known.
    expect(a.owners.partnerships.map((p) => [p.month, p.seatsOpen, p.seatsFilled])).toEqual([
      ['2025-01', 2, null],
      ['2025-02', 2, null],
    ]);
  });

  it('is in the export but empty: none filled is 0', () => {
    const a = aggregate(seats, columnsWithout());
    expect(a.absent).toEqual([]);
    expect(a.partnerships.map((p) => p.requisitionsFilled)).toEqual([0]);
    expect(a.owners.partnerships.map((p) => p.seatsFilled)).toEqual([0, 0]);
  });
});

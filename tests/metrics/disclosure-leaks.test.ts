/**
 * The leaks issue #19 found in the published figures, each on the smallest export that shows it. Every case
 * asserts the figure that gave the hidden count away is no longer published, and that the audit (the attacker
 * of `scripts/metrics/audit.ts`, over every published cell) pins no hidden count.
 */
import { describe, expect, it } from 'vitest';
import { auditDisclosure } from '../../scripts/metrics/audit.ts';
import type { ConfigInput } from '../../scripts/schema/config.ts';
import type { CanonicalRows } from '../../scripts/schema/canonical.ts';
import { aggregate, app, headline, interview, req } from './helpers.ts';

/** The published artifact, and the audit of it against the same export with suppression off. */
function publishedAndAudit(t: Partial<CanonicalRows>, c: ConfigInput = {}) {
  const published = aggregate(t, { ...c, privacy: { minGroupSize: 5 } });
  const truth = aggregate(t, { ...c, privacy: { minGroupSize: 1 } });
  return { published, audit: auditDisclosure(published, truth, 5) };
}

/** `n` rejections in `month` on requisition `job`, numbered from `from`. */
const rejections = (month: string, n: number, job = 'R1', from = 0, rejectedBy: 'company' | 'candidate' = 'company') =>
  Array.from({ length: n }, (_, k) =>
    app({
      id: `${job}-${month}-${rejectedBy}-${from + k}`,
      job,
      applied: '2024-12-01T00:00:00Z',
      rejected: `${month}-10T12:00:00Z`,
      reason: 'Lacking skills',
      rejectedBy,
      stage: 'Onsite',
    }),
  );

const pinned = (audit: ReturnType<typeof auditDisclosure>) => audit.unprotected.map((u) => `${u.id} = ${u.lo}`);

describe('the leaks of issue #19', () => {
  it('a trailing-3 figure is hidden whenever one of its months is: overlapping windows gave February back', () => {
    // Rejections: Jan 6, Feb 3, Mar 2, Apr 3 (Feb–Apr hidden, < 5). Before, a window was shown when its hidden
    // months together made 5 or more: trailing(Apr) = Jan + Feb + Mar = 11 and trailing(May) = Feb + Mar + Apr
    // = 8, so Apr − Jan = 8 − 11 and Apr = 8 − 11 + 6 = 3, and Feb, Mar followed.
    const applications = [
      ...rejections('2025-01', 6),
      ...rejections('2025-02', 3),
      ...rejections('2025-03', 2),
      ...rejections('2025-04', 3),
      ...rejections('2025-05', 7),
    ];
    const { published, audit } = publishedAndAudit({
      requisitions: [req({ id: 'R1', opened: '2024-12-01T00:00:00Z' })],
      applications,
    });
    for (const month of ['2025-04', '2025-05'])
      expect(headline(published, 'rejections', month)!.trailing3).toMatchObject({ n: null, suppressed: true });
    expect(headline(published, 'rejections', '2025-05')!.current).toMatchObject({ n: 7, suppressed: false });
    expect(pinned(audit)).toEqual([]);
  });

  it("a share is not shown beside a hidden month's total: count ÷ share gave the total back", () => {
    // Sales, March: 36 ended by the company, 1 by the candidate (hidden), total 37. Engineering: 3 (hidden).
    // Company-wide 40 is shown, so one of the departments' totals is hidden beside Engineering's; the share
    // of 36 (0.973) beside a hidden total would give 37 back, and 37 − 36 = 1.
    const { published, audit } = publishedAndAudit({
      requisitions: [
        req({ id: 'R1', opened: '2024-12-01T00:00:00Z', department: 'Sales' }),
        req({ id: 'R2', opened: '2024-12-01T00:00:00Z', department: 'Engineering' }),
      ],
      applications: [
        ...rejections('2025-03', 36, 'R1'),
        ...rejections('2025-03', 1, 'R1', 0, 'candidate'),
        ...rejections('2025-03', 3, 'R2'),
      ],
    });
    const hiddenTotal = (department: string) =>
      headline(
        published,
        'rejections',
        '2025-03',
        department === 'All' ? { kind: 'all' } : { kind: 'department', department },
      )!.current.suppressed;
    for (const t of ['byCategory', 'byRejectedBy', 'byStage'] as const)
      for (const row of published.rejections[t])
        if (row.share !== null) expect(hiddenTotal(row.department), `${t} ${row.department} ${row.key}`).toBe(false);
    expect(pinned(audit)).toEqual([]);
  });

  it('outstanding feedback is protected against the pending slots of every month (due − submitted)', () => {
    // Data, as of 2025-06-30: 10 slots pending 1–3 days, 2 pending 7–30 days (hidden), 8 submitted. The June
    // row shows due 20 and submitted 8: 12 pending in all, so the hidden bucket was 12 − 10 = 2.
    const slot = (id: string, at: string, submitted: string | null) =>
      interview({ id, app: 'A1', at, end: at, submitted, stage: 'Onsite' });
    const interviews = [
      ...Array.from({ length: 10 }, (_, k) => slot(`P${k}`, '2025-06-29T10:00:00Z', null)),
      ...Array.from({ length: 2 }, (_, k) => slot(`L${k}`, '2025-06-10T10:00:00Z', null)),
      ...Array.from({ length: 8 }, (_, k) => slot(`S${k}`, '2025-06-05T10:00:00Z', '2025-06-05T12:00:00Z')),
    ];
    const { published, audit } = publishedAndAudit(
      {
        requisitions: [req({ id: 'R1', opened: '2025-05-01T00:00:00Z', department: 'Data' })],
        applications: [app({ id: 'A1', applied: '2025-05-02T00:00:00Z' })],
        interviews,
      },
      { asOf: '2025-06-30' },
    );
    const bucket = (b: string) =>
      published.feedback.outstanding.find((r) => r.department === 'Data' && r.bucket === b)!;
    expect(bucket('7–30 d')).toMatchObject({ slots: null, suppressed: true });
    // The other bucket is hidden beside it (outstanding feedback repeats the months' pending slots by age,
    // so it goes before a month's feedback row): 10 + x = 12 no longer pins x.
    expect(bucket('1–3 d')).toMatchObject({ slots: null, suppressed: true, complementary: true });
    expect(pinned(audit)).toEqual([]);
  });

  it("hiring managers' figures that add up to the company's are protected: All minus the others gave one back", () => {
    // March: Ana's seats 3 rejections (hidden), Ben's 20; the company's 23 is shown (one department).
    const { published, audit } = publishedAndAudit({
      requisitions: [
        req({ id: 'R1', opened: '2024-12-01T00:00:00Z', hiringManager: 'Ana ZQXHM1' }),
        req({ id: 'R2', opened: '2024-12-01T00:00:00Z', hiringManager: 'Ben ZQXHM2' }),
      ],
      applications: [...rejections('2025-03', 3, 'R1'), ...rejections('2025-03', 20, 'R2')],
    });
    const manager = (hiringManager: string) =>
      headline(published, 'rejections', '2025-03', { kind: 'hiringManager', hiringManager })!.current;
    expect(headline(published, 'rejections', '2025-03')!.current).toMatchObject({ n: 23, suppressed: false });
    expect(manager('Ana ZQXHM1')).toMatchObject({ n: null, suppressed: true });
    expect(manager('Ben ZQXHM2')).toMatchObject({ n: null, suppressed: true, complementary: true });
    expect(pinned(audit)).toEqual([]);
  });

  it('median hours over fewer than 5 submitted slots are hidden in the feedback table as in the headline', () => {
    // Finance, October: 10 slots, 4 submitted. The row is shown (10 slots); the median of 4 is not.
    const interviews = Array.from({ length: 10 }, (_, k) =>
      interview({
        id: `I${k}`,
        at: '2025-10-06T10:00:00Z',
        end: '2025-10-06T11:00:00Z',
        submitted: k < 4 ? `2025-10-0${7 + (k % 2)}T11:00:00Z` : null,
      }),
    );
    const { published, audit } = publishedAndAudit({
      requisitions: [req({ id: 'R1', opened: '2025-09-01T00:00:00Z', department: 'Finance' })],
      applications: [app({ id: 'A1', applied: '2025-09-02T00:00:00Z' })],
      interviews,
    });
    const row = published.feedback.byMonth.find(
      (r) => r.month === '2025-10' && r.department === 'Finance' && r.stage === 'All',
    )!;
    expect(row).toMatchObject({ slots: 10, submitted: 4, median_hours: null, p90_hours: null, suppressed: false });
    expect(row.hidden).toEqual(['median_hours', 'p90_hours']);
    expect(headline(published, 'medianHoursToFeedback', '2025-10')!.current).toMatchObject({
      value: null,
      suppressed: true,
    });
    expect(audit.inconsistent).toEqual([]);
  });

  it('the largest part of a whole is never the one hidden beside a small part', () => {
    // August: the company ended 46, candidates 4 (hidden), unknown 0. The second cell hidden is not the
    // company's 46 (the bar would be nearly empty) but the month's total.
    const { published } = publishedAndAudit({
      requisitions: [req({ id: 'R1', opened: '2024-12-01T00:00:00Z' })],
      applications: [...rejections('2025-08', 46), ...rejections('2025-08', 4, 'R1', 0, 'candidate')],
    });
    const row = (key: string) =>
      published.rejections.byRejectedBy.find((r) => r.month === '2025-08' && r.department === 'All' && r.key === key)!;
    expect(row('company')).toMatchObject({ rejections: 46, suppressed: false });
    expect(row('candidate')).toMatchObject({ rejections: null, suppressed: true });
  });
});

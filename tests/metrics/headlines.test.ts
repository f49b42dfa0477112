import { describe, expect, it } from 'vitest';
import { METRIC_IDS } from '../../scripts/schema/aggregates.ts';
import { aggregate, app, headline, req } from './helpers.ts';

const DAY = 86_400_000;
/** A requisition filled at noon UTC on `filled`, opened `days` calendar days before. */
const fill = (id: string, filled: string, days: number, department = 'Engineering') => {
  const filledAt = Date.parse(`${filled}T12:00:00Z`);
  return req({
    id,
    department,
    opened: new Date(filledAt - days * DAY).toISOString(),
    filled: new Date(filledAt).toISOString(),
  });
};

// Fills: January 10 days · February 20, 22, 24 · March 100 (opened 2024-12-21) · April 5 (Sales).
// One more seat opened 2025-02-15 and never filled.
const requisitions = [
  fill('J1', '2025-01-15', 10),
  fill('F1', '2025-02-21', 20),
  fill('F2', '2025-02-23', 22),
  fill('F3', '2025-02-25', 24),
  fill('M1', '2025-03-31', 100),
  fill('A1', '2025-04-10', 5, 'Sales'),
  req({ id: 'OPEN', opened: '2025-02-15T12:00:00Z' }),
];
const rejections = ['X1', 'X2', 'X3'].map((id) =>
  app({ id, job: 'OPEN', applied: '2025-03-01T00:00:00Z', rejected: '2025-04-02T00:00:00Z', reason: 'Lacking skills' }),
);

describe('period comparison', () => {
  const a = aggregate({ requisitions, applications: rejections }, { asOf: '2025-04-30' });
  const open = aggregate(
    { requisitions, applications: rejections },
    { asOf: '2025-04-30', privacy: { minGroupSize: 1 } },
  );

  it('has a series for every metric and scope (all, each department, each hiring manager), every month', () => {
    expect(a.months).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
    // 11 metrics × (all + Engineering + Sales + Hana Moreau).
    expect(a.headlines).toHaveLength(METRIC_IDS.length * 4);
    expect(a.headlines.every((s) => s.months.map((m) => m.month).join() === a.months.join())).toBe(true);
  });

  it('pools the three months before from their rows, not from their monthly medians', () => {
    // April: current 5 (n 1), previous March 100 (n 1); trailing = January–March pooled:
    // 10, 20, 22, 24, 100 → median 22 (the mean of the monthly medians would be (10 + 22 + 100) / 3 = 44).
    expect(headline(a, 'medianDaysToFill', '2025-04')).toMatchObject({
      current: { value: 5, n: 1, suppressed: false },
      previous: { value: 100, n: 1, suppressed: false },
      trailing3: { value: 22, n: 5, suppressed: false },
    });
  });

  it('shows no change for medians and rates when either side rests on fewer than minGroupSize rows', () => {
    // minGroupSize 5: the current month rests on 1 fill.
    expect(headline(a, 'medianDaysToFill', '2025-04')).toMatchObject({
      changeVsPrevious: null,
      changeVsTrailing3: null,
    });
    // minGroupSize 1: 5 − 100 = −95 and 5 − 22 = −17.
    expect(headline(open, 'medianDaysToFill', '2025-04')).toMatchObject({
      changeVsPrevious: -95,
      changeVsTrailing3: -17,
    });
  });

  it('compares counts with the monthly average of the three months before', () => {
    // Fills: April 1, March 1; January–March 1 + 3 + 1 = 5 → 5 / 3 = 1.7 a month.
    expect(headline(a, 'requisitionsFilled', '2025-04')).toEqual({
      month: '2025-04',
      current: { value: 1, n: 1, suppressed: false },
      previous: { value: 1, n: 1, suppressed: false },
      trailing3: { value: 1.7, n: 5, suppressed: false },
      changeVsPrevious: 0,
      changeVsTrailing3: -0.7,
    });
  });

  it('counts open requisitions at the end of each month, and at the as-of date in the as-of month', () => {
    // End of January: M1 (opened 2024-12-21). End of February: M1 + OPEN. End of March: M1 was filled that
    // day, so OPEN only. 30 April (as-of): OPEN.
    const series = a.headlines.find((s) => s.metric === 'openRequisitions' && s.scope.kind === 'all')!;
    expect(series.months.map((m) => m.current.value)).toEqual([1, 2, 1, 1]);
    // April's trailing three: (1 + 2 + 1) / 3 = 1.3.
    expect(series.months[3]!.trailing3).toEqual({ value: 1.3, n: 4, suppressed: false });
  });

  it('has no previous or trailing value before the first month with data', () => {
    expect(headline(a, 'requisitionsFilled', '2025-01')).toMatchObject({
      previous: { value: null, n: null, suppressed: false },
      trailing3: { value: null, n: null, suppressed: false },
      changeVsPrevious: null,
      changeVsTrailing3: null,
    });
    expect(headline(a, 'requisitionsFilled', '2025-03')!.trailing3.value).toBeNull();
  });

  it('scopes figures to a department and to a hiring manager', () => {
    expect(headline(a, 'medianDaysToFill', '2025-04', { kind: 'department', department: 'Sales' })!.current).toEqual({
      value: 5,
      n: 1,
      suppressed: false,
    });
    expect(
      headline(a, 'medianDaysToFill', '2025-04', { kind: 'department', department: 'Engineering' })!.current,
    ).toEqual({
      value: null,
      n: 0,
      suppressed: false,
    });
    expect(
      headline(a, 'requisitionsFilled', '2025-02', { kind: 'hiringManager', hiringManager: 'Hana Moreau' })!.current
        .value,
    ).toBe(3);
  });

  it('suppresses a small candidate figure, and shows no change against it', () => {
    // Three rejections in April: below 5.
    expect(headline(a, 'rejections', '2025-04')).toMatchObject({
      current: { value: null, n: null, suppressed: true },
      changeVsPrevious: null,
    });
    expect(headline(open, 'rejections', '2025-04')).toMatchObject({
      current: { value: 3, n: 3, suppressed: false },
      previous: { value: 0, n: 0, suppressed: false },
      changeVsPrevious: 3,
    });
  });
});

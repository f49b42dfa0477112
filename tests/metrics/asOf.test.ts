import { describe, expect, it } from 'vitest';
import { latestCompleteMonth } from '../../scripts/metrics/asOf.ts';
import { aggregatesSchema } from '../../scripts/schema/aggregates.ts';
import { dayNumberOfDate } from '../../scripts/time.ts';
import { aggregate, app, interview, req } from './helpers.ts';

const asOfAt = (date: string) => ({
  date,
  day: dayNumberOfDate(date),
  end: 0,
  month: date.slice(0, 7),
  source: 'config' as const,
});

describe('as-of date', () => {
  it('is the date of the latest timestamp in the data, in the configured timezone', () => {
    // 2025-02-01T03:00Z is 31 January, 22:00 in New York.
    const t = {
      requisitions: [req({ id: 'R1', opened: '2025-01-10T00:00:00Z', filled: '2025-02-01T03:00:00Z' })],
    };
    const ny = aggregate(t, { timezone: 'America/New_York' });
    expect([ny.asOf, ny.asOfSource, ny.latestCompleteMonth]).toEqual(['2025-01-31', 'data', '2025-01']);
    const utc = aggregate(t);
    expect([utc.asOf, utc.latestCompleteMonth]).toEqual(['2025-02-01', '2025-01']);
  });

  it('is not moved to the far future by one mistyped date', () => {
    // The latest application is 2025-03-01; an interview typed as 2099-01-05 lies more than 730 days after it,
    // so the latest timestamp taken is the rejection on 2025-03-20, and the interview is after the as-of date.
    const a = aggregate({
      requisitions: [req({ id: 'R1', opened: '2025-01-10T00:00:00Z' })],
      applications: [app({ id: 'A1', applied: '2025-03-01T00:00:00Z', rejected: '2025-03-20T00:00:00Z' })],
      interviews: [interview({ id: 'I1', app: 'A1', at: '2099-01-05T10:00:00Z' })],
    });
    expect([a.asOf, a.months.at(-1)]).toEqual(['2025-03-20', '2025-03']);
    expect(a.coverage.find((c) => c.section === 'feedback')?.excluded).toEqual([
      { reason: 'interview after the as-of date', rows: 1 },
    ]);
  });

  it('is the configured asOf when set, and nothing after it has happened yet', () => {
    const a = aggregate(
      {
        requisitions: [req({ id: 'R1', opened: '2025-01-10T00:00:00Z', filled: '2025-03-20T00:00:00Z' })],
        applications: [app({ id: 'A1', applied: '2025-01-12T00:00:00Z', rejected: '2025-03-01T00:00:00Z' })],
      },
      { asOf: '2025-02-28' },
    );
    expect([a.asOf, a.asOfSource, a.latestCompleteMonth]).toEqual(['2025-02-28', 'config', '2025-02']);
    expect(a.months).toEqual(['2025-01', '2025-02']);
    expect(a.timeToFill.fills).toEqual([]);
    expect(a.timeToFill.open.map((r) => [r.requisition_id, r.days_open])).toEqual([['R1', 49]]);
    expect(a.rejections.byMonth).toEqual([]);
  });

  it('always reaches back to the latest complete month, even when it holds no activity', () => {
    const a = aggregate({
      requisitions: [req({ id: 'R1', opened: '2025-03-01T00:00:00Z', filled: '2025-03-10T00:00:00Z' })],
    });
    expect([a.asOf, a.months, a.latestCompleteMonth]).toEqual(['2025-03-10', ['2025-02', '2025-03'], '2025-02']);
  });

  it('survives empty tables: no months, no figures, a valid artifact, and no clock', () => {
    const a = aggregate({});
    expect([a.asOf, a.asOfSource, a.months, a.latestCompleteMonth, a.headlines]).toEqual([
      '1970-01-01',
      'empty',
      [],
      null,
      [],
    ]);
    expect(aggregatesSchema.safeParse(a).success).toBe(true);
  });
});

describe('latest complete month', () => {
  it.each([
    ['2025-03-15', '2025-02'],
    ['2025-03-31', '2025-03'],
    ['2025-03-01', '2025-02'],
    ['2024-02-29', '2024-02'],
    ['2025-02-28', '2025-02'],
    ['2025-01-15', '2024-12'],
  ])('as of %s is %s', (date, month) => {
    expect(latestCompleteMonth(asOfAt(date))).toBe(month);
  });
});

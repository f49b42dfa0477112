import { describe, expect, it } from 'vitest';
import { aggregate, app, req } from './helpers.ts';

const byMonth = (a: ReturnType<typeof aggregate>, month: string, department = 'All') =>
  a.timeToFill.byMonth.find((r) => r.month === month && r.department === department);

describe('days to fill', () => {
  it('days to fill counts calendar days between the opening and the fill date', () => {
    // Opened Mon 3 March 17:00, filled Wed 5 March 09:00: 40 elapsed hours, but 2 calendar days.
    const a = aggregate({
      requisitions: [req({ id: 'R1', opened: '2025-03-03T17:00:00Z', filled: '2025-03-05T09:00:00Z' })],
    });
    expect(a.timeToFill.fills).toEqual([
      {
        requisition_id: 'R1',
        job_title: 'Job R1',
        department: 'Engineering',
        hiring_manager: 'Hana Moreau',
        recruiter: 'Rui Costa',
        opened_on: '2025-03-03',
        filled_on: '2025-03-05',
        days_to_fill: 2,
      },
    ]);
  });

  it('a seat filled on its opening day took 0 days', () => {
    const a = aggregate({
      requisitions: [req({ id: 'R1', opened: '2025-03-03T08:00:00Z', filled: '2025-03-03T18:00:00Z' })],
    });
    expect(a.timeToFill.fills[0]!.days_to_fill).toBe(0);
    // 0 is a real value here (one fill of 0 days), not "no value".
    expect(byMonth(a, '2025-03')).toMatchObject({ filled: 1, median_days: 0, p75_days: 0, p90_days: 0 });
  });

  it('counts the leap day: 2024-02-28 → 2024-03-01 is 2 days', () => {
    const a = aggregate({
      requisitions: [req({ id: 'R1', opened: '2024-02-28T12:00:00Z', filled: '2024-03-01T08:00:00Z' })],
    });
    expect(a.timeToFill.fills[0]!.days_to_fill).toBe(2);
  });

  it('takes dates and months in the configured timezone (a fill at 23:30 New York on 31 January is January)', () => {
    // 2025-01-31T23:30-05:00 is 2025-02-01T04:30Z: February in UTC, January in New York.
    const requisitions = [req({ id: 'R1', opened: '2025-01-02T10:00:00-05:00', filled: '2025-01-31T23:30:00-05:00' })];
    const ny = aggregate({ requisitions }, { timezone: 'America/New_York' });
    expect(ny.timeToFill.fills[0]).toMatchObject({ filled_on: '2025-01-31', days_to_fill: 29 });
    expect(byMonth(ny, '2025-01')!.filled).toBe(1);

    const utc = aggregate({ requisitions });
    expect(utc.timeToFill.fills[0]).toMatchObject({ filled_on: '2025-02-01', days_to_fill: 30 });
    expect(byMonth(utc, '2025-01')!.filled).toBe(0);
    expect(byMonth(utc, '2025-02')!.filled).toBe(1);
  });

  it('leaves out a fill dated before its opening, and says so in the coverage', () => {
    const a = aggregate({
      requisitions: [
        req({ id: 'R1', opened: '2025-03-10T00:00:00Z', filled: '2025-03-01T00:00:00Z' }),
        req({ id: 'R2', opened: '2025-03-01T00:00:00Z', filled: '2025-03-04T00:00:00Z' }),
      ],
    });
    expect(a.timeToFill.fills.map((f) => f.requisition_id)).toEqual(['R2']);
    expect(a.coverage.find((c) => c.section === 'timeToFill')).toEqual({
      section: 'timeToFill',
      included: 1,
      excluded: [{ reason: 'fill dated before the opening', rows: 1 }],
    });
  });
});

describe('time to fill by month', () => {
  it('gives median, p75 and p90 by linear interpolation, for an even count too', () => {
    // Days 8, 2, 6, 4 → sorted 2, 4, 6, 8.
    // median: position 0.5·3 = 1.5 → 4 + 0.5·(6−4) = 5
    // p75:    position 0.75·3 = 2.25 → 6 + 0.25·(8−6) = 6.5
    // p90:    position 0.9·3 = 2.7 → 6 + 0.7·(8−6) = 7.4
    const a = aggregate({
      requisitions: [
        req({ id: 'R1', opened: '2025-03-01T00:00:00Z', filled: '2025-03-09T00:00:00Z' }),
        req({ id: 'R2', opened: '2025-03-01T00:00:00Z', filled: '2025-03-03T00:00:00Z' }),
        req({ id: 'R3', opened: '2025-03-01T00:00:00Z', filled: '2025-03-07T00:00:00Z' }),
        req({ id: 'R4', opened: '2025-03-01T00:00:00Z', filled: '2025-03-05T00:00:00Z' }),
      ],
    });
    expect(byMonth(a, '2025-03')).toEqual({
      month: '2025-03',
      department: 'All',
      filled: 4,
      median_days: 5,
      p75_days: 6.5,
      p90_days: 7.4,
    });
  });

  it('a single fill is its own median, p75 and p90', () => {
    const a = aggregate({
      requisitions: [req({ id: 'R1', opened: '2025-03-01T00:00:00Z', filled: '2025-03-12T00:00:00Z' })],
    });
    expect(byMonth(a, '2025-03')).toMatchObject({ filled: 1, median_days: 11, p75_days: 11, p90_days: 11 });
  });

  it('a month without fills has no value, never 0', () => {
    const a = aggregate({
      requisitions: [
        req({ id: 'R1', opened: '2025-01-01T00:00:00Z', filled: '2025-01-11T00:00:00Z' }),
        req({ id: 'R2', opened: '2025-01-01T00:00:00Z', filled: '2025-03-02T00:00:00Z' }),
      ],
    });
    expect(a.months).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(byMonth(a, '2025-02')).toEqual({
      month: '2025-02',
      department: 'All',
      filled: 0,
      median_days: null,
      p75_days: null,
      p90_days: null,
    });
  });

  it('counts a fill on the last day of a month in that month, and one a day later in the next', () => {
    const a = aggregate({
      requisitions: [
        req({ id: 'R1', opened: '2025-03-01T00:00:00Z', filled: '2025-03-31T23:59:00Z' }),
        req({ id: 'R2', opened: '2025-03-01T00:00:00Z', filled: '2025-04-01T00:00:00Z' }),
      ],
    });
    expect(byMonth(a, '2025-03')).toMatchObject({ filled: 1, median_days: 30 });
    expect(byMonth(a, '2025-04')).toMatchObject({ filled: 1, median_days: 31 });
  });

  it("has a row per department and an 'All' rollup computed from the rows, not from department medians", () => {
    // Engineering 2, 4, 30 (median 4); Sales 10 (median 10). All, from the rows: 2, 4, 10, 30 → median 7,
    // p90 at position 2.7 = 10 + 0.7·(30−10) = 24 (the department p90s, 24.8 and 10, could not give it).
    const a = aggregate({
      requisitions: [
        req({ id: 'E1', opened: '2025-03-01T00:00:00Z', filled: '2025-03-03T00:00:00Z' }),
        req({ id: 'E2', opened: '2025-03-01T00:00:00Z', filled: '2025-03-05T00:00:00Z' }),
        req({ id: 'E3', opened: '2025-03-01T00:00:00Z', filled: '2025-03-31T00:00:00Z' }),
        req({ id: 'S1', opened: '2025-03-01T00:00:00Z', filled: '2025-03-11T00:00:00Z', department: 'Sales' }),
      ],
    });
    expect(byMonth(a, '2025-03', 'Engineering')).toMatchObject({ filled: 3, median_days: 4 });
    expect(byMonth(a, '2025-03', 'Sales')).toMatchObject({ filled: 1, median_days: 10 });
    expect(byMonth(a, '2025-03', 'All')).toMatchObject({ filled: 4, median_days: 7, p90_days: 24 });
    expect(a.timeToFill.byMonth.map((r) => r.department)).toEqual(['All', 'Engineering', 'Sales']);
  });

  it('is not suppressed: requisition figures describe seats, not people', () => {
    const a = aggregate(
      { requisitions: [req({ id: 'R1', opened: '2025-03-01T00:00:00Z', filled: '2025-03-04T00:00:00Z' })] },
      { privacy: { minGroupSize: 5 } },
    );
    expect(byMonth(a, '2025-03')).toMatchObject({ filled: 1, median_days: 3 });
  });

  it("shows a missing department, hiring manager or recruiter as '(none)'", () => {
    const a = aggregate({
      requisitions: [
        req({
          id: 'R1',
          opened: '2025-03-01T00:00:00Z',
          filled: '2025-03-04T00:00:00Z',
          department: null,
          hiringManager: null,
          recruiter: '  ',
        }),
      ],
    });
    expect(a.timeToFill.fills[0]).toMatchObject({
      department: '(none)',
      hiring_manager: '(none)',
      recruiter: '(none)',
    });
    expect(a.departments).toEqual([]);
    expect(a.hiringManagers).toEqual([]);
  });
});

describe('time to fill by person', () => {
  it('gives each hiring manager and recruiter their fills, open seats and median days', () => {
    // Hana: fills of 3 and 5 days (median 4) and one open seat; Rui recruits all three.
    const a = aggregate(
      {
        requisitions: [
          req({ id: 'R1', opened: '2025-03-01T00:00:00Z', filled: '2025-03-04T00:00:00Z' }),
          req({ id: 'R2', opened: '2025-03-01T00:00:00Z', filled: '2025-03-06T00:00:00Z' }),
          req({ id: 'R3', opened: '2025-03-01T00:00:00Z' }),
        ],
      },
      { asOf: '2025-03-31' },
    );
    expect(a.timeToFill.byPerson).toEqual([
      {
        person: 'Hana Moreau',
        role: 'hiringManager',
        filled: 2,
        open: 1,
        median_days: 4,
        p75_days: 4.5,
        p90_days: 4.8,
      },
      { person: 'Rui Costa', role: 'recruiter', filled: 2, open: 1, median_days: 4, p75_days: 4.5, p90_days: 4.8 },
    ]);
  });
});

describe('open requisitions', () => {
  const requisitions = [
    req({ id: 'OPEN', opened: '2025-01-01T09:00:00Z' }),
    req({ id: 'HOLD', opened: '2025-03-20T09:00:00Z', status: 'on_hold' }),
    req({ id: 'CLOSED', opened: '2025-01-01T09:00:00Z', closed: '2025-02-01T09:00:00Z', status: 'closed' }),
    req({ id: 'CANCELLED', opened: '2025-01-01T09:00:00Z', status: 'cancelled' }),
    req({ id: 'FILLED', opened: '2025-01-01T09:00:00Z', filled: '2025-02-01T09:00:00Z' }),
    // Filled after the as-of date: at the as-of date it was still open.
    req({ id: 'LATER', opened: '2024-09-01T09:00:00Z', filled: '2025-04-10T09:00:00Z' }),
    // Opened after the as-of date: does not exist yet.
    req({ id: 'FUTURE', opened: '2025-04-02T09:00:00Z' }),
  ];
  const a = aggregate({ requisitions }, { asOf: '2025-03-31' });

  it('lists seats neither filled nor closed at the as-of date, on-hold ones included and flagged', () => {
    // Days open to 2025-03-31: OPEN from 2025-01-01 = 89; HOLD from 2025-03-20 = 11; LATER from 2024-09-01 = 211.
    expect(a.timeToFill.open.map((r) => [r.requisition_id, r.days_open, r.on_hold])).toEqual([
      ['LATER', 211, false],
      ['OPEN', 89, false],
      ['HOLD', 11, true],
    ]);
  });

  it('counts a fill after the as-of date as not having happened', () => {
    expect(a.timeToFill.fills.map((f) => f.requisition_id)).toEqual(['FILLED']);
  });

  it('sorts open seats into aging buckets, per department and All', () => {
    const all = a.timeToFill.aging.filter((b) => b.department === 'All');
    expect(all).toEqual([
      { bucket: '0–30', department: 'All', open: 1 },
      { bucket: '31–60', department: 'All', open: 0 },
      { bucket: '61–90', department: 'All', open: 1 },
      { bucket: '91–180', department: 'All', open: 0 },
      { bucket: '181+', department: 'All', open: 1 },
    ]);
  });

  it('reports a seat closed without a date as never open', () => {
    expect(a.coverage.find((c) => c.section === 'openRequisitions')).toEqual({
      section: 'openRequisitions',
      included: 3,
      excluded: [
        { reason: 'status filled, closed or cancelled without a date: not counted as open', rows: 1 },
        { reason: 'opened after the as-of date', rows: 1 },
      ],
    });
  });
});

describe('time to hire', () => {
  it('counts calendar days from applied to hired, in the month of the hire (leap day included)', () => {
    const a = aggregate(
      {
        requisitions: [req({ id: 'R1', opened: '2024-01-01T00:00:00Z' })],
        applications: [app({ id: 'A1', applied: '2024-02-28T15:00:00Z', hired: '2024-03-01T09:00:00Z' })],
      },
      { privacy: { minGroupSize: 1 } },
    );
    expect(a.timeToFill.timeToHireByMonth.find((r) => r.month === '2024-03' && r.department === 'All')).toEqual({
      month: '2024-03',
      department: 'All',
      hires: 1,
      median_days: 2,
      p90_days: 2,
      suppressed: false,
    });
  });

  // Its count is published however small (a hire fills a seat the requisition lists show); the days of fewer
  // than minGroupSize hires are theirs, hidden.
  it('shows the hires however few, and hides the days below the minimum group size', () => {
    const hires = [1, 2, 3, 4, 5].map((k) =>
      app({ id: `A${k}`, applied: '2025-03-01T00:00:00Z', hired: `2025-03-${String(10 + k)}T00:00:00Z` }),
    );
    const requisitions = [req({ id: 'R1', opened: '2025-01-01T00:00:00Z' })];
    const four = aggregate({ requisitions, applications: hires.slice(0, 4) });
    expect(four.timeToFill.timeToHireByMonth.find((r) => r.month === '2025-03' && r.department === 'All')).toEqual({
      month: '2025-03',
      department: 'All',
      hires: 4,
      median_days: null,
      p90_days: null,
      suppressed: false,
      hidden: ['median_days', 'p90_days'],
    });
    // Five hires of 10..14 days: median 12, p90 = 13 + 0.6 = 13.6.
    const five = aggregate({ requisitions, applications: hires });
    expect(five.timeToFill.timeToHireByMonth.find((r) => r.month === '2025-03' && r.department === 'All')).toEqual({
      month: '2025-03',
      department: 'All',
      hires: 5,
      median_days: 12,
      p90_days: 13.6,
      suppressed: false,
    });
  });
});

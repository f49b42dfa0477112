import { describe, expect, it } from 'vitest';
import { EXPORTS, toCsv } from '../../scripts/export/csv.ts';
import { FEEDBACK_FIGURES, feedbackRowSchema } from '../../scripts/schema/aggregates.ts';
import {
  complementaryHide,
  isSmallGroup,
  suppressFigure,
  suppressRow,
  type Relation,
} from '../../scripts/metrics/suppression.ts';
import { aggregate, app, headline, interview, req, shuffled } from './helpers.ts';

describe('small-group suppression', () => {
  it('covers every figure of a feedback row: FEEDBACK_FIGURES is every field but the grain and the flags', () => {
    const notFigures = new Set(['month', 'department', 'stage', 'suppressed', 'complementary', 'hidden']);
    const figures = Object.keys(feedbackRowSchema.shape).filter((field) => !notFigures.has(field));
    expect([...FEEDBACK_FIGURES]).toEqual(figures);
  });

  it('hides 0 < n < minGroupSize, and neither n = 0 nor n ≥ minGroupSize', () => {
    expect([0, 1, 4, 5, 6].map((n) => isSmallGroup(n, 5))).toEqual([false, true, true, false, false]);
    expect(isSmallGroup(null, 5)).toBe(false);
    expect([1, 2].map((n) => isSmallGroup(n, 1))).toEqual([false, false]);
  });

  it('nulls the counts and values of a figure or row and marks it suppressed', () => {
    expect(suppressFigure({ value: 0.5, n: 4, suppressed: false }, 5)).toEqual({
      value: null,
      n: null,
      suppressed: true,
    });
    expect(suppressFigure({ value: 0.5, n: 5, suppressed: false }, 5)).toEqual({ value: 0.5, n: 5, suppressed: false });
    expect(
      suppressRow({ key: 'x', rejections: 2, share: 0.1, suppressed: false }, 2, ['rejections', 'share'], 5),
    ).toEqual({
      key: 'x',
      rejections: null,
      share: null,
      suppressed: true,
    });
  });

  const requisitions = [req({ id: 'R1', opened: '2025-01-01T00:00:00Z' })];
  const rejections = (n: number) =>
    Array.from({ length: n }, (_, k) =>
      app({
        id: `A${k}`,
        applied: '2025-02-01T00:00:00Z',
        rejected: '2025-03-05T00:00:00Z',
        reason: 'Lacking skills',
        stage: 'Onsite',
      }),
    );

  it.each([
    [4, 5, true],
    [5, 5, false],
    [2, 3, true],
    [3, 3, false],
    [1, 1, false],
  ])('%i rejections with minGroupSize %i: suppressed = %s, everywhere the figure appears', (n, min, hidden) => {
    const a = aggregate({ requisitions, applications: rejections(n) }, { privacy: { minGroupSize: min } });
    const shown = hidden ? null : n;
    // One grain row and its three rollups (department All, stage All, both), each resting on the same n.
    expect(a.rejections.byMonth.map((r) => [r.department, r.stage, r.rejections, r.suppressed])).toEqual([
      ['All', 'All', shown, hidden],
      ['All', 'Onsite', shown, hidden],
      ['Engineering', 'All', shown, hidden],
      ['Engineering', 'Onsite', shown, hidden],
    ]);
    expect(a.rejections.byCategory.map((r) => [r.department, r.rejections, r.share, r.suppressed])).toEqual([
      ['All', shown, hidden ? null : 1, hidden],
      ['Engineering', shown, hidden ? null : 1, hidden],
    ]);
    expect(headline(a, 'rejections', '2025-03')!.current).toEqual({ value: shown, n: shown, suppressed: hidden });
    expect(headline(a, 'withdrawalShare', '2025-03')!.current).toEqual({
      value: hidden ? null : 0,
      n: shown,
      suppressed: hidden,
    });
  });

  it('never suppresses requisition figures', () => {
    const a = aggregate(
      { requisitions: [req({ id: 'R1', opened: '2025-03-01T00:00:00Z', filled: '2025-03-03T00:00:00Z' })] },
      { privacy: { minGroupSize: 100 } },
    );
    expect(headline(a, 'requisitionsFilled', '2025-03')!.current).toEqual({ value: 1, n: 1, suppressed: false });
    expect(headline(a, 'medianDaysToFill', '2025-03')!.current).toEqual({ value: 2, n: 1, suppressed: false });
  });
});

describe('complementary suppression', () => {
  const hide = (ns: number[], relations: Relation[], m = 5) => {
    const hidden = ns.map((n) => isSmallGroup(n, m));
    const complement = complementaryHide(ns, hidden, relations, m);
    return { hidden, complement };
  };

  it('hides the next-smallest cell beside a single small one: 3, 7, 12 (total 22 shown) → 3 and 7 hidden', () => {
    // 3 < 5 is hidden; 22 − 7 − 12 would give it back, so the next-smallest, 7, is hidden too. 12 stays:
    // 22 − 12 = 10 = 3 + 7 says nothing about either.
    expect(hide([3, 7, 12], [{ total: null, parts: [0, 1, 2] }])).toEqual({
      hidden: [true, true, false],
      complement: [false, true, false],
    });
  });

  it('keeps hiding while the hidden cells together are a small group: 1, 2, 9, 20 → 1, 2 and 9', () => {
    // 1 + 2 = 3 < 5 would be given back by 32 − 9 − 20; with 9 hidden too they make 12.
    expect(hide([1, 2, 9, 20], [{ total: null, parts: [0, 1, 2, 3] }]).hidden).toEqual([true, true, true, false]);
  });

  it('does nothing when two hidden cells make at least minGroupSize, or nothing is hidden', () => {
    expect(hide([3, 4, 12], [{ total: null, parts: [0, 1, 2] }]).complement).toEqual([false, false, false]);
    expect(hide([5, 7, 12], [{ total: null, parts: [0, 1, 2] }]).hidden).toEqual([false, false, false]);
  });

  it('never picks a cell of none as the complement: 3, 0, 12 → 3 and 12', () => {
    expect(hide([3, 0, 12], [{ total: null, parts: [0, 1, 2] }]).hidden).toEqual([true, false, true]);
  });

  it('breaks ties between equal cells in row order', () => {
    expect(hide([3, 7, 7], [{ total: null, parts: [0, 1, 2] }]).hidden).toEqual([true, true, false]);
  });

  it('hides a total that equals its one remaining part, and a part of a hidden total whose parts all show', () => {
    // Cells: 0 = total 3 (hidden, small), 1 = its only part 3 (hidden, small): nothing to add.
    // Cells: 2 = total 12 (shown), 3 = its only part 12, hidden elsewhere → the total gives it back: hide the total.
    const ns = [3, 3, 12, 12];
    const hidden = [true, true, false, true];
    complementaryHide(ns, hidden, [{ total: 2, parts: [3] }], 5);
    expect(hidden).toEqual([true, true, true, true]);
    // A hidden total (12) whose parts (5, 7) are all shown is their sum: its smallest part is hidden.
    const h2 = [true, false, false];
    complementaryHide([12, 5, 7], h2, [{ total: 0, parts: [1, 2] }], 5);
    expect(h2).toEqual([true, true, false]);
  });

  it('follows the hiding across linked sums until nothing changes (stages × departments with margins)', () => {
    // Engineering: Onsite 3, Screen 20 (total 23); Sales: Onsite 15, Screen 30 (total 45).
    // Rows: Engineering hides Screen beside Onsite; the Onsite column hides Sales Onsite; the Screen column
    // then has one hidden cell (Engineering's 20) and hides Sales Screen: all four, every margin still shown.
    const ns = [3, 20, 15, 30];
    const { hidden, complement } = hide(ns, [
      { total: null, parts: [0, 1] },
      { total: null, parts: [2, 3] },
      { total: null, parts: [0, 2] },
      { total: null, parts: [1, 3] },
    ]);
    expect(hidden).toEqual([true, true, true, true]);
    expect(complement).toEqual([false, true, true, true]);
  });

  it('feedback: a stage hidden for its few slots takes the next-smallest stage with it, marked as a complement', () => {
    const requisitions = [req({ id: 'R1', opened: '2025-01-01T00:00:00Z' })];
    const applications = [app({ id: 'A1', applied: '2025-02-01T00:00:00Z' })];
    const slots = (stage: string, n: number) =>
      Array.from({ length: n }, (_, k) =>
        interview({ id: `${stage}${k}`, stage, at: '2025-03-03T10:00:00Z', submitted: '2025-03-03T12:00:00Z' }),
      );
    // March, Engineering: Screen 3, Onsite 7, Debrief 12 slots; the department's total 22 is shown.
    const a = aggregate(
      {
        requisitions,
        applications,
        interviews: [...slots('Screen', 3), ...slots('Onsite', 7), ...slots('Debrief', 12)],
      },
      { privacy: { minGroupSize: 5 } },
    );
    const row = (department: string, stage: string) =>
      a.feedback.byMonth.find((r) => r.month === '2025-03' && r.department === department && r.stage === stage)!;
    expect(row('Engineering', 'All')).toMatchObject({ slots: 22, suppressed: false });
    expect(row('Engineering', 'Screen')).toMatchObject({ slots: null, suppressed: true });
    expect(row('Engineering', 'Screen').complementary).toBeUndefined();
    expect(row('Engineering', 'Onsite')).toMatchObject({
      slots: null,
      yes: null,
      suppressed: true,
      complementary: true,
    });
    expect(row('Engineering', 'Debrief')).toMatchObject({ slots: 12, suppressed: false });
    // Department All is the same table (one department): its stage rows are hidden alike.
    expect(row('All', 'Onsite')).toMatchObject({ suppressed: true, complementary: true });
    // The CSV writes both as empty with suppressed = true.
    const csv = EXPORTS.find((e) => e.name === 'feedback-by-month.csv')!;
    expect(toCsv(csv.columns, csv.rows(a))).toContain('2025-03,Engineering,Onsite,,,,,,,,,,,true');
  });

  it('is deterministic: the same tables in another order give the same artifact', () => {
    const requisitions = [req({ id: 'R1', opened: '2025-01-01T00:00:00Z' })];
    const reasons = ['Lacking skills', 'Not enough experience', 'Not a cultural fit', 'Other'];
    const applications = Array.from({ length: 40 }, (_, k) =>
      app({
        id: `A${k}`,
        applied: '2025-02-01T00:00:00Z',
        rejected: `2025-0${3 + (k % 2)}-05T00:00:00Z`,
        reason: reasons[(k * 7) % 4]!,
        stage: k % 3 ? 'Onsite' : 'Screen',
      }),
    );
    const one = aggregate({ requisitions, applications });
    const two = aggregate({ requisitions, applications: shuffled(applications) });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(one.rejections.byMonth.some((r) => r.complementary)).toBe(true);
  });
});

describe('feedback by person: the on-time rate and its n', () => {
  // Hana owns R1 and interviews on it six times: five submitted 3 h after the interview, one never (due in
  // March, long past its SLA at the as-of date): 6 settled, 5 on time. Sam owns R2 and interviews twice.
  const requisitions = [
    req({ id: 'R1', opened: '2025-01-01T00:00:00Z' }),
    req({ id: 'R2', opened: '2025-01-01T00:00:00Z', department: 'Sales', hiringManager: 'Sam Okafor' }),
  ];
  const applications = [
    app({ id: 'A1', job: 'R1', applied: '2025-01-02T00:00:00Z' }),
    app({ id: 'A2', job: 'R2', applied: '2025-01-02T00:00:00Z' }),
  ];
  const interviews = [
    ...Array.from({ length: 6 }, (_, k) =>
      interview({
        id: `H${k}`,
        app: 'A1',
        interviewer: 'Hana Moreau',
        at: `2025-03-0${k + 2}T10:00:00Z`,
        submitted: k < 5 ? `2025-03-0${k + 2}T13:00:00Z` : undefined,
      }),
    ),
    ...Array.from({ length: 2 }, (_, k) =>
      interview({
        id: `S${k}`,
        app: 'A2',
        interviewer: 'Sam Okafor',
        at: '2025-03-03T10:00:00Z',
        submitted: '2025-03-03T12:00:00Z',
      }),
    ),
  ];
  const a = aggregate({ requisitions, applications, interviews }, { asOf: '2025-04-30' });

  it('is shown beside the rate, and hidden with it', () => {
    const row = (person: string) => a.feedback.byPerson.find((r) => r.person === person)!;
    expect(row('Hana Moreau')).toMatchObject({ slots: 6, sla_settled: 6, on_time_rate: 0.8333, suppressed: false });
    // Two slots: the row, its rate and the rate's n are hidden together.
    expect(row('Sam Okafor')).toMatchObject({ slots: null, sla_settled: null, on_time_rate: null, suppressed: true });
    const csv = EXPORTS.find((e) => e.name === 'feedback-by-person.csv')!;
    expect(csv.rows(a).map((r) => [r.person, r.on_time_rate, r.sla_settled])).toEqual([
      ['Hana Moreau', 0.8333, 6],
      ['Sam Okafor', null, null],
    ]);
  });
});

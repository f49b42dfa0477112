import { describe, expect, it } from 'vitest';
import { MINIMUM_RATE_N, scoreOf } from '../../scripts/metrics/movements.ts';
import type { Aggregates } from '../../scripts/schema/aggregates.ts';
import { aggregate, app, interview, req } from './helpers.ts';

/**
 * Feedback slots, January and February 2025, in two departments of two hiring managers each:
 *   Engineering: January 40 slots, 36 on time → February 40 slots, 20 on time (90% → 50%)
 *   Sales:       January 40 slots, 36 on time → February 40 slots, 36 on time (90% → 90%)
 *   Design:      January  6 slots,  6 on time → February  6 slots,  0 on time (under the evidence minimum)
 *   company:     78 / 86 = 90.7% → 56 / 86 = 65.1%: −25.58 pp. The shares stay (40, 40, 6 of 86), so the mix
 *     part is 0 and the rate parts are each department's change × its share: Engineering −0.4 × 40/86 =
 *     −18.60 pp, Sales 0, Design −1 × 6/86 = −6.98 pp.
 * On time = submitted within 24 h of the interview's end; late ones are submitted 3 days later.
 */
function slots(department: string, hm: string, month: string, n: number, onTime: number) {
  const requisitionId = `${department}-${hm}`;
  const out = { applications: [] as ReturnType<typeof app>[], interviews: [] as ReturnType<typeof interview>[] };
  for (let i = 0; i < n; i++) {
    const id = `${requisitionId}-${month}-${i}`;
    const day = String(1 + (i % 20)).padStart(2, '0');
    const start = `${month}-${day}T10:00:00Z`;
    out.applications.push(app({ id, job: requisitionId, applied: `${month}-01T00:00:00Z` }));
    out.interviews.push(
      interview({
        id: `I-${id}`,
        app: id,
        at: start,
        end: `${month}-${day}T11:00:00Z`,
        submitted:
          i < onTime ? `${month}-${day}T15:00:00Z` : `${month}-${String(4 + (i % 20)).padStart(2, '0')}T15:00:00Z`,
      }),
    );
  }
  return out;
}

const managers = {
  Engineering: ['Eva ZQXHM1', 'Eli ZQXHM2'],
  Sales: ['Sol ZQXHM3', 'Sia ZQXHM4'],
  Design: ['Dee ZQXHM5'],
} as const;
const requisitions = Object.entries(managers).flatMap(([department, hms]) =>
  hms.map((hm) => req({ id: `${department}-${hm}`, department, hiringManager: hm, opened: '2024-12-01T00:00:00Z' })),
);
const parts = [
  // Engineering: each hiring manager 20 slots a month; on time 18+18 in January, 10+10 in February.
  ...managers.Engineering.flatMap((hm) => [
    slots('Engineering', hm, '2025-01', 20, 18),
    slots('Engineering', hm, '2025-02', 20, 10),
  ]),
  ...managers.Sales.flatMap((hm) => [slots('Sales', hm, '2025-01', 20, 18), slots('Sales', hm, '2025-02', 20, 18)]),
  slots('Design', managers.Design[0], '2025-01', 6, 6),
  slots('Design', managers.Design[0], '2025-02', 6, 0),
];
const a: Aggregates = aggregate(
  {
    requisitions,
    applications: parts.flatMap((p) => p.applications),
    interviews: parts.flatMap((p) => p.interviews),
  },
  { asOf: '2025-02-28', targets: { feedbackOnTimeRate: { value: 0.8 } } },
);
const february = a.movements.items.filter((m) => m.month === '2025-02');
const onTime = february.filter((m) => m.metric === 'feedbackOnTimeRate');

describe('movements (data step)', () => {
  it("reports the company's fall once, with Engineering folded in as its driver", () => {
    expect(onTime).toHaveLength(1);
    const [m] = onTime;
    expect(m!.scope).toEqual({ kind: 'all' });
    expect(m!.before).toBeCloseTo(78 / 86, 4);
    expect(m!.after).toBeCloseTo(56 / 86, 4);
    expect(m!.drivenBy.map((d) => d.scope)).toEqual([{ kind: 'department', department: 'Engineering' }]);
    expect(m!.drivenBy[0]!.contribution).toBeCloseTo((-0.4 * 40) / 86, 4);
    expect(m!.sentence).toContain('driven by Engineering (−18.6 of the −25.6 pp)');
  });

  it('explains it by department (one stage explains nothing): all rate, no mix, parts adding up', () => {
    const e = onTime[0]!.explanation!;
    expect(e.dimension).toBe('department');
    expect(e.rateEffect).toBeCloseTo(56 / 86 - 78 / 86, 4);
    expect(e.mixEffect).toBeCloseTo(0, 4);
    expect(e.rateEffect + e.mixEffect).toBeCloseTo(onTime[0]!.after - onTime[0]!.before, 4);
    const byGroup = new Map(e.groups.map((g) => [g.group, g]));
    expect([byGroup.get('Engineering')!.rateBefore, byGroup.get('Engineering')!.rateAfter]).toEqual([0.9, 0.5]);
    expect(byGroup.get('Engineering')!.rateEffect).toBeCloseTo((-0.4 * 40) / 86, 4);
    expect(byGroup.get('Sales')!.rateEffect).toBeCloseTo(0, 4);
    expect(byGroup.get('Design')!.rateEffect).toBeCloseTo(-6 / 86, 4);
    expect(e.sentence).toContain('−25.6 pp, of which −25.6 pp because the departments themselves changed');
  });

  it('pins the fall on no hiring manager: 2 of 4 fell (not most), each on 20 slots, under the evidence minimum', () => {
    expect(onTime[0]!.sharedBy).toBeNull();
    expect(onTime.filter((m) => m.scope.kind === 'hiringManager')).toEqual([]);
  });

  it('says the target: 90.7% met it, 65.1% misses it', () => {
    expect(onTime[0]!.target).toEqual({ value: 0.8, side: 'atLeast', metBefore: true, metAfter: false });
    expect(onTime[0]!.sentence).toContain('now misses the target (≥ 80%)');
  });

  it('needs the minimum evidence: Design (6 slots, 100% → 0%) is never an item', () => {
    expect(a.movements.minimumRateN).toBe(MINIMUM_RATE_N);
    expect(a.movements.items.some((m) => m.scope.kind === 'department' && m.scope.department === 'Design')).toBe(false);
  });
});

describe('the ranking score', () => {
  const figure = (value: number, n: number) => ({ value, n, suppressed: false });
  const comparison = (previous: [number, number], current: [number, number]) => ({
    month: '2026-08',
    current: figure(...current),
    previous: figure(...previous),
    trailing3: figure(previous[0], previous[1] * 3),
    changeVsPrevious: current[0] - previous[0],
    changeVsTrailing3: null,
  });
  it('ranks a change by how far it stands out from chance: 2.4% → 7.5% of ~1,000 outranks 1.3% → 13.9% of 65', () => {
    // z = 0.051 / √(0.046·0.954·(1/1318 + 1/1002)) ≈ 5.8; z = 0.126 / √(0.072·0.928·(1/75 + 1/65)) ≈ 2.9.
    expect(scoreOf(comparison([0.024, 1318], [0.075, 1002]), 'rate')).toBeCloseTo(5.8, 1);
    expect(scoreOf(comparison([0.013, 75], [0.139, 65]), 'rate')).toBeCloseTo(2.9, 1);
    // A median: relative change × √(smaller n): 40 → 30 days on 16 fills = 0.25 × 4 = 1.
    expect(scoreOf(comparison([40, 20], [30, 16]), 'days')).toBeCloseTo(1, 10);
  });
});

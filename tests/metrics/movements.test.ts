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

/**
 * A second company, where the change the movement states (from the published rates) is not the counts' own,
 * and the department that drove the fall did it through the mix:
 *   Ops:     January 40 slots, 38 on time → February 40, 28 (95% → 70%)
 *   Support: January 80 slots, 80 on time → February 40, 34 (100% → 85%)
 *   Legal:   January 36 slots,  2 on time → February 36,  2 (5.6%, unchanged; too few on time to show)
 *   company: 120 / 156 = 76.92% → 64 / 116 = 55.17%. Published, each rounded to 0.01 pp: 0.7692 → 0.5517, a
 *     change of −21.75 pp, written −21.8 (half away from zero); the counts' own change is −21.7507 pp.
 *   Rate parts (Δr × mean share): Ops −0.25 × (40/156 + 40/116)/2 = −7.52 pp, Support −0.15 × (80/156 +
 *     40/116)/2 = −6.43 pp. Mix parts, R̄ = (76.92 + 55.17)/2 = 66.05%: Ops (40/116 − 40/156) × (82.5% − R̄) =
 *     +1.45 pp, Support (40/116 − 80/156) × (92.5% − R̄) = −4.44 pp. Whole parts: Support −10.88 pp, Ops −6.06 pp:
 *     Support drove more of it, though Ops's own rate fell further.
 */
const second = (() => {
  const hms = { Ops: 'Oda ZQXHM6', Support: 'Sue ZQXHM7', Legal: 'Lee ZQXHM8' } as const;
  const parts = [
    slots('Ops', hms.Ops, '2025-01', 40, 38),
    slots('Ops', hms.Ops, '2025-02', 40, 28),
    slots('Support', hms.Support, '2025-01', 80, 80),
    slots('Support', hms.Support, '2025-02', 40, 34),
    slots('Legal', hms.Legal, '2025-01', 36, 2),
    slots('Legal', hms.Legal, '2025-02', 36, 2),
  ];
  const a2 = aggregate(
    {
      requisitions: Object.entries(hms).map(([department, hm]) =>
        req({ id: `${department}-${hm}`, department, hiringManager: hm, opened: '2024-12-01T00:00:00Z' }),
      ),
      applications: parts.flatMap((p) => p.applications),
      interviews: parts.flatMap((p) => p.interviews),
    },
    { asOf: '2025-02-28' },
  );
  return a2.movements.items.find(
    (m) => m.month === '2025-02' && m.metric === 'feedbackOnTimeRate' && m.scope.kind === 'all',
  )!;
})();

describe('a movement and its explanation give one change', () => {
  it('takes the total from the published rates and scales the parts to it', () => {
    expect(second.change).toBe(-0.2175);
    const e = second.explanation!;
    expect(e.change).toBe(second.change);
    expect(e.rateEffect + e.mixEffect).toBeCloseTo(-0.2175, 10);
    // −21.75 pp is −21.8 pp everywhere (it used to be −21.7 in the movement, −21.8 in its explanation).
    expect(second.sentence).toContain('(−21.8 pp)');
    // Rate parts −7.52 − 6.43 = −13.95 pp (to 0.01 pp, as kept), written −14; the mix is the rest: −7.8.
    expect(e.sentence).toContain('Feedback on-time rate: −21.8 pp, of which −14 pp');
    expect(e.sentence).toContain('and −7.8 pp because the volume moved');
  });

  it('names first the department with the largest whole part, rate and mix: Support, not Ops', () => {
    const byName = new Map(second.drivenBy.map((d) => [(d.scope as { department: string }).department, d]));
    expect(byName.get('Support')!.contribution).toBeCloseTo(-0.1088, 3);
    expect(byName.get('Ops')!.contribution).toBeCloseTo(-0.0606, 3);
    expect(second.sentence).toContain('driven by Support (−10.9 of the −21.8 pp) and Ops (−6.1 of the −21.8 pp)');
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

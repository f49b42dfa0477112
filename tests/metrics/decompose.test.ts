import { describe, expect, it } from 'vitest';
import { contribution, decompose, type GroupCounts } from '../../scripts/metrics/decompose.ts';

const g = (group: string, before: [number, number], after: [number, number]): GroupCounts => ({
  group,
  before: { numerator: before[0], denominator: before[1] },
  after: { numerator: after[0], denominator: after[1] },
});
const effect = (d: ReturnType<typeof decompose>, group: string) => d!.groups.find((x) => x.group === group)!;

describe('rate vs mix decomposition', () => {
  it('a pure mix change: both groups keep their rates, volume moves to the slower one', () => {
    // Engineering 80% both months, Sales 100% both months; Engineering's share goes 50% → 75%.
    // Company: (40 + 50) / 100 = 90% → (120 + 50) / 200 = 85%: −5 pp, all of it mix.
    const d = decompose([g('Engineering', [40, 50], [120, 150]), g('Sales', [50, 50], [50, 50])]);
    expect(d!.change).toBeCloseTo(-0.05, 12);
    expect(d!.rateEffect).toBeCloseTo(0, 12);
    expect(d!.mixEffect).toBeCloseTo(-0.05, 12);
    // Against the mean company rate (90% + 85%) / 2 = 87.5%: Engineering +25 pp of share × (80 − 87.5) =
    // −1.875 pp (slower and growing); Sales −25 pp × (100 − 87.5) = −3.125 pp (faster and shrinking).
    expect(effect(d, 'Engineering').mixEffect).toBeCloseTo(-0.01875, 12);
    expect(effect(d, 'Sales').mixEffect).toBeCloseTo(-0.03125, 12);
  });

  it('a pure rate change: shares stay, one group gets worse', () => {
    // Shares 50/50 both months; Engineering 80% → 60%, Sales 90% both. Company 85% → 75%: −10 pp, all rate.
    const d = decompose([g('Engineering', [40, 50], [30, 50]), g('Sales', [45, 50], [45, 50])]);
    expect(d!.change).toBeCloseTo(-0.1, 12);
    expect(d!.mixEffect).toBeCloseTo(0, 12);
    expect(d!.rateEffect).toBeCloseTo(-0.1, 12);
    expect(effect(d, 'Engineering').rateEffect).toBeCloseTo(-0.1, 12);
    expect(effect(d, 'Sales').rateEffect).toBeCloseTo(0, 12);
  });

  it('both at once: the worked example (Engineering slows and grows, Sales steady)', () => {
    // 80/100 → 140/200 and 45/50 → 45/50; company 83.33% → 74.0%.
    const d = decompose([g('Engineering', [80, 100], [140, 200]), g('Sales', [45, 50], [45, 50])]);
    expect(d!.rateBefore).toBeCloseTo(125 / 150, 12);
    expect(d!.rateAfter).toBeCloseTo(0.74, 12);
    // Engineering: rate (0.70 − 0.80) × (2/3 + 0.8)/2 = −7.333 pp;
    // mix (0.8 − 2/3) × ((0.8 + 0.7)/2 − (0.8333 + 0.74)/2) = 0.1333 × −0.03667 = −0.489 pp.
    expect(effect(d, 'Engineering').rateEffect).toBeCloseTo((-0.1 * (2 / 3 + 0.8)) / 2, 12);
    expect(effect(d, 'Engineering').mixEffect).toBeCloseTo(-0.004889, 6);
    // Sales: rate 0; mix (0.2 − 1/3) × (0.9 − 0.78667) = −1.511 pp (the faster department lost volume).
    expect(effect(d, 'Sales').rateEffect).toBeCloseTo(0, 12);
    expect(effect(d, 'Sales').mixEffect).toBeCloseTo(-0.015111, 6);
    expect(d!.rateEffect).toBeCloseTo(-0.073333333, 8);
    expect(d!.mixEffect).toBeCloseTo(-0.02, 12);
  });

  it('a group absent in one month: its whole effect is mix, and the parts still add up', () => {
    const d = decompose([g('Engineering', [8, 10], [8, 10]), g('Data', [0, 0], [2, 10])]);
    // Company 80% → 50%. Data (20%) appears with half the volume: rate part 0.
    expect(effect(d, 'Data').rateBefore).toBeNull();
    expect(effect(d, 'Data').rateEffect).toBe(0);
    expect(d!.rateEffect + d!.mixEffect).toBeCloseTo(-0.3, 12);
  });

  it('the parts add up to the total change, for any counts', () => {
    let seed = 17;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let run = 0; run < 200; run++) {
      const groups = Array.from({ length: 1 + next(6) }, (_, i) => {
        const d0 = next(60);
        const d1 = next(60);
        return g(`G${i}`, [next(d0 + 1), d0], [next(d1 + 1), d1]);
      });
      const d = decompose(groups);
      if (d === null) continue;
      const sum = d.groups.reduce((s, x) => s + contribution(x), 0);
      expect(d.rateEffect + d.mixEffect).toBeCloseTo(d.change, 12);
      expect(sum).toBeCloseTo(d.change, 12);
    }
  });

  it('no denominator in a month: nothing to explain', () => {
    expect(decompose([g('Engineering', [0, 0], [3, 4])])).toBeNull();
  });
});

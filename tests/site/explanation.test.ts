/** The decomposition table under a movement: every group, the pooled ones last, adding up to the change. */
import { describe, expect, it } from 'vitest';
import type { Explanation } from '../../scripts/schema/aggregates.ts';
import { apportion, explanationBars, explanationTotals } from '../../src/lib/retro.ts';

const group = (group: string, rateEffect: number, mixEffect: number) => ({
  group,
  rateBefore: 0.8,
  rateAfter: 0.7,
  shareBefore: 0.2,
  shareAfter: 0.2,
  rateEffect,
  mixEffect,
});

// Six named departments and the pool, as October's on-time movement has: the table used to stop at four.
const explanation: Explanation = {
  dimension: 'department',
  change: -0.1623,
  rateEffect: -0.153,
  mixEffect: -0.0093,
  groups: [
    group('Engineering', -0.0746, -0.0037),
    group('Customer Success', -0.027, 0.0009),
    group('Sales', -0.0236, 0.0007),
    group('Product', -0.0128, -0.0009),
    group('other groups', -0.0089, 0.0011),
    group('Design', -0.0042, -0.0033),
    group('Data', -0.0019, -0.0041),
  ],
  sentence: '',
};

describe('explanation rows', () => {
  it('lists every group, the pool last as "other departments", and the rows add up to the change', () => {
    const bars = explanationBars(explanation);
    expect(bars.map((b) => b.group)).toEqual([
      'Engineering',
      'Customer Success',
      'Sales',
      'Product',
      'Design',
      'Data',
      'other departments',
    ]);
    const sum = bars.reduce((s, b) => s + b.rate + b.mix, 0);
    expect(sum).toBeCloseTo(-16.23, 6);
    expect(bars.reduce((s, b) => s + b.rate, 0)).toBeCloseTo(-15.3, 6);
  });

  it('writes rows that add up to the total row, which adds up to the change, each within a tenth of its part', () => {
    const bars = explanationBars(explanation);
    // −16.23 pp is −16.2; the rate parts, −15.3; the mix, the rest: −0.9 (−0.93 rounded alone).
    expect(explanationTotals(explanation)).toEqual({ change: -162, rate: -153, mix: -9 });
    expect(bars.reduce((s, b) => s + b.rateTenths, 0)).toBe(-153);
    expect(bars.reduce((s, b) => s + b.mixTenths, 0)).toBe(-9);
    for (const b of bars) {
      expect(Math.abs(b.rateTenths - b.rate * 10)).toBeLessThan(1);
      expect(Math.abs(b.mixTenths - b.mix * 10)).toBeLessThan(1);
    }
    // Rounded alone the rates add up to −15.4 (−7.5, −2.7, −2.4, −1.3, −0.4, −0.2, −0.9); the tenth goes to the
    // first of those rounded furthest down, by 0.04 pp: Engineering (−7.46) → −7.4.
    expect(bars.map((b) => b.rateTenths)).toEqual([-74, -27, -24, -13, -4, -2, -9]);
  });

  it('apportions by the largest remainder: 3 × 0.33 is 0.3 + 0.3 + 0.4 for a total of 1', () => {
    expect(apportion([3.3, 3.3, 3.4], 10)).toEqual([3, 3, 4]);
    expect(apportion([-3.3, -3.3, -3.4], -10)).toEqual([-3, -3, -4]);
    expect(apportion([0.6, 0.6, -0.2], 0)).toEqual([0, 0, 0]);
    expect(apportion([0.6, 0.7, -0.3], 1)).toEqual([0, 1, 0]);
  });

  it('names the pool of stages "other stages"', () => {
    const bars = explanationBars({ ...explanation, dimension: 'stage' });
    expect(bars.at(-1)!.group).toBe('other stages');
  });
});

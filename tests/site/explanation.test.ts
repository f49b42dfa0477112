/** The decomposition table under a movement: every group, the pooled ones last, adding up to the change. */
import { describe, expect, it } from 'vitest';
import type { Explanation } from '../../scripts/schema/aggregates.ts';
import { explanationBars } from '../../src/lib/retro.ts';

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

  it('names the pool of stages "other stages"', () => {
    const bars = explanationBars({ ...explanation, dimension: 'stage' });
    expect(bars.at(-1)!.group).toBe('other stages');
  });
});

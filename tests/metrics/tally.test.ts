import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantiles } from '../../scripts/metrics/stats.ts';
import { medianOfTallies, quantilesOfTallies, Tally } from '../../scripts/metrics/tally.ts';

const tallyOf = (values: readonly number[]) => {
  const tally = new Tally();
  for (const v of values) tally.add(v);
  return tally;
};

describe('tallies', () => {
  it('give the quantiles of the values listed one by one', () => {
    // Mostly small integers (counted), now and then a value kept aside: a fraction, a negative, a large one.
    const value = fc.oneof(
      { weight: 8, arbitrary: fc.nat({ max: 40 }) },
      { weight: 1, arbitrary: fc.constantFrom(0.5, -3, 2500, 1023, 1024, 7.25) },
    );
    fc.assert(
      fc.property(fc.array(fc.array(value, { maxLength: 30 }), { minLength: 1, maxLength: 4 }), (lists) => {
        const tallies = lists.map(tallyOf);
        const all = lists.flat();
        expect(quantilesOfTallies(tallies)).toEqual(quantiles(all));
        expect(medianOfTallies(tallies)).toEqual(quantiles(all).median);
        expect(tallies.reduce((n, t) => n + t.size, 0)).toBe(all.length);
      }),
      { numRuns: 400, seed: 21 },
    );
  });

  it('sum in arrival order, like a list', () => {
    const values = [0.1, 0.2, 3, 0.3];
    expect(tallyOf(values).sum).toBe(values.reduce((s, v) => s + v, 0));
  });

  it('have no value when empty', () => {
    expect(medianOfTallies([new Tally(), new Tally()])).toBeNull();
    expect(quantilesOfTallies([])).toEqual(quantiles([]));
  });
});

import { quantileSorted } from 'd3-array';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { medianOfSortedParts, quantiles, quantilesOfSortedParts, valueAtRank } from '../../scripts/metrics/stats.ts';

/** What the order statistics stand in for: the parts merged by sorting their concatenation. */
const merged = (parts: readonly Float64Array[]) => Float64Array.from(parts.flatMap((p) => [...p])).sort();
const sortedPart = (values: number[]) => Float64Array.from(values).sort();

// Few distinct values, so ties across and within parts are the rule.
const partsArb = fc.array(
  fc.array(
    fc.integer({ min: 0, max: 12 }).map((v) => v / 4),
    { maxLength: 40 },
  ),
  {
    minLength: 1,
    maxLength: 9,
  },
);

describe('order statistics over sorted parts', () => {
  it('valueAtRank is the element at that rank of the merge', () => {
    fc.assert(
      fc.property(partsArb, (lists) => {
        const parts = lists.map(sortedPart);
        const all = merged(parts);
        for (let k = 0; k < all.length; k++) expect(valueAtRank(parts, k)).toBe(all[k]);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('quantilesOfSortedParts and medianOfSortedParts are the quantiles of the merge', () => {
    fc.assert(
      fc.property(partsArb, (lists) => {
        const parts = lists.map(sortedPart);
        const all = [...merged(parts)];
        expect(quantilesOfSortedParts(parts)).toEqual(quantiles(all));
        expect(medianOfSortedParts(parts)).toEqual(quantiles(all).median);
      }),
      { numRuns: 300, seed: 12 },
    );
  });

  it('reads large parts by rank, and agrees with d3 on them', () => {
    const part = (n: number, seed: number) =>
      sortedPart(Array.from({ length: n }, (_, i) => ((i * 7919 + seed * 104729) % 5003) / 60));
    const parts = [part(5000, 1), part(4999, 2), part(0, 3), part(6001, 4)];
    const all = merged(parts);
    for (const p of [0.5, 0.75, 0.9]) {
      const expected = Math.round(quantileSorted(all as unknown as number[], p)! * 10) / 10;
      expect(quantilesOfSortedParts(parts)[p === 0.5 ? 'median' : p === 0.75 ? 'p75' : 'p90']).toBe(expected);
    }
    for (const k of [0, 1, 7000, all.length - 2, all.length - 1]) expect(valueAtRank(parts, k)).toBe(all[k]);
  });

  it('has no value for no values, and sorts parts holding NaN like a typed array would', () => {
    expect(quantilesOfSortedParts([new Float64Array(0), new Float64Array(0)])).toEqual(quantiles([]));
    expect(medianOfSortedParts([])).toBeNull();
    const parts = [sortedPart([1, 2, NaN]), sortedPart([3, 4, 5, 6, 7, 8, 9, 10])];
    expect(quantilesOfSortedParts(parts)).toEqual(quantiles([...merged(parts)]));
  });
});

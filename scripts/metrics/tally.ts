/**
 * Tallies: the multiset of values a group collects, kept as counts per value when the values are small
 * non-negative integers (days to hire, days in a stage, positions in a journey), so that its quantiles come
 * from walking the counts instead of sorting a list. At a million applications the lists of days, and sorting
 * them, cost more than everything else the funnel and the time-to-hire figures do.
 *
 * The quantiles are exactly those of the values listed one by one (`quantiles` in stats.ts): the counts give
 * back the same order statistics, and d3 interpolates between them. A value the counts cannot hold (a
 * fraction, a negative, NaN, or one of COUNTED or more) is kept aside; a tally holding one is sorted like a list.
 */
import { quantileByRank, quantilesOfSorted, sortInPlace, type Quantiles } from './stats.ts';

/** Values below this bound (~3 years of days) are counted; each tally's counts grow as far as its largest. */
const COUNTED = 1024;

export class Tally {
  /** How many values were added. */
  size = 0;
  /** Their sum, added in arrival order (as a list's would be). */
  sum = 0;
  /** `counts[v]`: how many times the integer v was added (a plain array: see `sortInPlace` in stats.ts). */
  readonly counts: number[] = [];
  /** The values the counts cannot hold, in arrival order. */
  readonly others: number[] = [];

  add(value: number): void {
    this.size++;
    this.sum += value;
    if (!(Number.isInteger(value) && value >= 0 && value < COUNTED)) {
      this.others.push(value);
      return;
    }
    while (this.counts.length <= value) this.counts.push(0);
    this.counts[value]!++;
  }
}

/** Median, p75 and p90 of tallies taken together, as `quantiles` of all their values. */
export function quantilesOfTallies(tallies: readonly Tally[]): Quantiles {
  const n = tallies.reduce((total, t) => total + t.size, 0);
  if (n === 0) return { n: 0, median: null, p75: null, p90: null };
  if (tallies.some((t) => t.others.length > 0)) return quantilesOfSorted(sortedValues(tallies));
  const q = (p: number) => quantileByRank(n, p, (rank) => valueAtRank(tallies, rank));
  return { n, median: q(0.5), p75: q(0.75), p90: q(0.9) };
}

/** The median of tallies taken together, as `quantiles(…).median` of all their values; null when empty. */
export function medianOfTallies(tallies: readonly Tally[]): number | null {
  const n = tallies.reduce((total, t) => total + t.size, 0);
  if (n === 0) return null;
  if (tallies.some((t) => t.others.length > 0)) return quantilesOfSorted(sortedValues(tallies)).median;
  return quantileByRank(n, 0.5, (rank) => valueAtRank(tallies, rank));
}

/** The value at 0-based `rank` of counted values: the smallest v with more than `rank` values at or below it. */
function valueAtRank(tallies: readonly Tally[], rank: number): number {
  let seen = 0;
  for (let v = 0; ; v++) {
    for (const t of tallies) if (v < t.counts.length) seen += t.counts[v]!;
    if (rank < seen) return v;
  }
}

/** Every value of the tallies, ascending (as a typed array sorts: NaN last). */
function sortedValues(tallies: readonly Tally[]): number[] {
  const values: number[] = [];
  for (const t of tallies) {
    for (let v = 0; v < t.counts.length; v++) for (let c = t.counts[v]!; c > 0; c--) values.push(v);
    for (const value of t.others) values.push(value);
  }
  return sortInPlace(values);
}

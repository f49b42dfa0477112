/**
 * Quantiles, rounding and ordering: the few numeric habits every metric module shares.
 *
 * Quantiles are d3's (linear interpolation between order statistics, numpy's default, SQL quantile_cont).
 * Values reach here as numbers only (never `''`, which d3 would read as 0: `d3.quantile` coerces with `+`).
 */
import { quantileSorted } from 'd3-array';

/** Ascending copy of `values` (numeric order, not string order). */
export function sortNumbers(values: readonly number[]): number[] {
  return Array.from(Float64Array.from(values).sort());
}

/**
 * Round to `decimals` places, halves away from zero (so −3.25 → −3.3 like 3.25 → 3.3); never returns -0
 * (it would print as "-0.0" in a CSV).
 */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
  return rounded === 0 ? 0 : rounded;
}

/** Days and hours keep one decimal. */
export const round1 = (value: number): number => roundTo(value, 1);
/** Rates are fractions with four decimals. */
export const round4 = (value: number): number => roundTo(value, 4);

export interface Quantiles {
  n: number;
  median: number | null;
  p75: number | null;
  p90: number | null;
}

/** Median, p75 and p90 rounded to one decimal; all null for empty input (never 0). */
export function quantiles(values: readonly number[]): Quantiles {
  if (values.length === 0) return { n: 0, median: null, p75: null, p90: null };
  return quantilesOfSorted(sortInPlace(values.slice()));
}

/** `quantiles` of values already in ascending order. */
export function quantilesOfSorted(sorted: ArrayLike<number>): Quantiles {
  if (sorted.length === 0) return { n: 0, median: null, p75: null, p90: null };
  const q = (p: number) => round1(quantileSorted(sorted as number[], p)!);
  return { n: sorted.length, median: q(0.5), p75: q(0.75), p90: q(0.9) };
}

/** The median of values already in ascending order, rounded like `quantiles`; null when empty. */
export function medianOfSorted(sorted: ArrayLike<number>): number | null {
  return sorted.length === 0 ? null : round1(quantileSorted(sorted as number[], 0.5)!);
}

/**
 * Sort `values` in place, in a typed array's order (numeric, -0 before 0, NaN last), and return them.
 *
 * The sort runs in one typed buffer kept from call to call (grown as needed), not in a new typed array per
 * list: V8 counts typed arrays' memory outside its heap, and at a million applications allocating them
 * repeatedly started full collections of the whole heap ("external memory pressure"), each costing more than
 * the sorts. A plain array of numbers lives in the heap and costs no such collection.
 */
export function sortInPlace(values: number[]): number[] {
  const n = values.length;
  if (n > scratch.length) scratch = new Float64Array(Math.max(n, 2 * scratch.length));
  const buffer = scratch.subarray(0, n);
  for (let i = 0; i < n; i++) buffer[i] = values[i]!;
  buffer.sort();
  for (let i = 0; i < n; i++) values[i] = buffer[i]!;
  return values;
}
let scratch = new Float64Array(1024);

// ---- order statistics over parts: the quantiles of several sorted lists taken together ---------------------

/**
 * The value at 0-based rank `k` of ascending arrays taken together: the element at `k` of their merge, found
 * without merging. Pooled months (headlines) and rollups over departments or stages (feedback) are each the
 * union of lists sorted already; merging or re-sorting them cost more than the rest of those sections.
 *
 * Elimination: with L parts still holding elements, take t = max(1, ⌊(k + 1) / L⌋) and, in the part whose
 * t-th remaining element is smallest (ties: the first part; a shorter part offers its last), drop its first t:
 * each has fewer than k elements before it, so the one at rank k is still ahead and now at rank k − t. Each
 * step drops about k / L, so O(L² log k) comparisons in all. NaN has no order by comparison: the caller keeps
 * it away (see `hasNaN`).
 */
export function valueAtRank(parts: readonly ArrayLike<number>[], k: number): number {
  const offset = new Array<number>(parts.length).fill(0);
  for (;;) {
    let live = 0;
    let only = -1;
    for (let p = 0; p < parts.length; p++) {
      if (offset[p]! < parts[p]!.length) {
        live++;
        only = p;
      }
    }
    if (live === 0) throw new RangeError(`rank ${k} is outside the parts`);
    if (live === 1) {
      const value = parts[only]![offset[only]! + k];
      if (value === undefined) throw new RangeError(`rank ${k} is outside the parts`);
      return value;
    }
    if (k === 0) {
      let min = Infinity;
      for (let p = 0; p < parts.length; p++)
        if (offset[p]! < parts[p]!.length) min = Math.min(min, parts[p]![offset[p]!]!);
      return min;
    }
    const t = Math.max(1, Math.floor((k + 1) / live));
    let best = -1;
    let bestValue = 0;
    let bestTake = 0;
    for (let p = 0; p < parts.length; p++) {
      const left = parts[p]!.length - offset[p]!;
      if (left <= 0) continue;
      const take = Math.min(t, left);
      const value = parts[p]![offset[p]! + take - 1]!;
      if (best < 0 || value < bestValue) {
        best = p;
        bestValue = value;
        bestTake = take;
      }
    }
    offset[best]! += bestTake;
    k -= bestTake;
  }
}

/**
 * `quantilesOfSorted` of ascending arrays taken together: the same figures as over their merge. d3's
 * interpolation reads the order statistics it needs by rank.
 */
export function quantilesOfSortedParts(parts: readonly ArrayLike<number>[]): Quantiles {
  const n = parts.reduce((total, part) => total + part.length, 0);
  if (n === 0) return { n: 0, median: null, p75: null, p90: null };
  // Many small parts: sorting them together is cheaper than ranking (and NaN sorts last, unranked).
  if (parts.length * parts.length > n || parts.some(hasNaN)) return quantilesOfSorted(concatSorted(parts));
  const q = (p: number) => quantileByRank(n, p, (rank) => valueAtRank(parts, rank));
  return { n, median: q(0.5), p75: q(0.75), p90: q(0.9) };
}

/** The median of ascending arrays taken together, rounded like `quantiles`; null when all are empty. */
export function medianOfSortedParts(parts: readonly ArrayLike<number>[]): number | null {
  if (parts.length === 1) return medianOfSorted(parts[0]!);
  const n = parts.reduce((total, part) => total + part.length, 0);
  if (n === 0) return null;
  if (parts.length * parts.length > n || parts.some(hasNaN)) return medianOfSorted(concatSorted(parts));
  return quantileByRank(n, 0.5, (rank) => valueAtRank(parts, rank));
}

/**
 * d3's quantile `p` (its interpolation exactly) of `n` ascending values read by rank through `valueAt`, rounded
 * like `quantiles`: d3 reads only the length of the array it is given, and each element through the accessor.
 */
export function quantileByRank(n: number, p: number, valueAt: (rank: number) => number): number {
  const byRank = { length: n } as unknown as unknown[];
  return round1(quantileSorted(byRank, p, (_, rank) => valueAt(rank))!);
}

/** NaN sorts last in a typed array: an ascending array holds NaN when its last element is. */
const hasNaN = (sorted: ArrayLike<number>): boolean => sorted.length > 0 && Number.isNaN(sorted[sorted.length - 1]!);

function concatSorted(parts: readonly ArrayLike<number>[]): number[] {
  const all: number[] = [];
  for (const part of parts) for (let i = 0; i < part.length; i++) all.push(part[i]!);
  return sortInPlace(all);
}

export function median(values: readonly number[]): number | null {
  return quantiles(values).median;
}

/** numerator / denominator as a rounded fraction; null when the denominator is 0. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? round4(numerator / denominator) : null;
}

/** Code-unit string order: locale-independent, so every machine sorts alike. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sort rows in place by string/number keys, in order (each key computed once per row). Stable, and
 * locale-independent like compareStrings.
 */
export function sortBy<T>(rows: T[], ...keys: ((row: T) => string | number)[]): T[] {
  const columns = keys.map((key) => ranked(rows.map(key)));
  const order = rows.map((_, index) => index);
  order.sort((a, b) => {
    for (const column of columns) {
      const x = column[a]!;
      const y = column[b]!;
      if (x === y) continue;
      if (typeof x === 'number' && typeof y === 'number') return x - y;
      return compareStrings(String(x), String(y));
    }
    return a - b;
  });
  const sorted = order.map((index) => rows[index]!);
  sorted.forEach((row, i) => (rows[i] = row));
  return rows;
}

/**
 * A column of strings as their ranks in code-unit order (equal strings, equal ranks), so that sorting compares
 * numbers: comparing the strings themselves dominated sorting tens of thousands of rows. Other columns as
 * they are.
 */
function ranked(values: (string | number)[]): (string | number)[] {
  if (!values.every((v) => typeof v === 'string')) return values;
  const rank = new Map(distinctSorted(values as string[]).map((v, i) => [v, i]));
  return values.map((v) => rank.get(v as string)!);
}

/** Distinct values, sorted. */
export function distinctSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareStrings);
}

/** Sort key that puts the 'All' rollup before every named value (and keeps their order among themselves). */
export const allFirst = (value: string): string => (value === 'All' ? '' : `~${value}`);

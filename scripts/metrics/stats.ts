/**
 * Quantiles, rounding and ordering: the few numeric habits every metric module shares.
 *
 * Quantiles are d3's (linear interpolation between order statistics, numpy's default, SQL quantile_cont).
 * Values reach here as numbers only (never `''`, which d3 would read as 0: see docs/stack-notes.md).
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
  return quantilesOfSorted(Float64Array.from(values).sort());
}

/** `quantiles` of values already in ascending order (d3 reads the typed array in place: no copy). */
export function quantilesOfSorted(sorted: Float64Array): Quantiles {
  if (sorted.length === 0) return { n: 0, median: null, p75: null, p90: null };
  const q = (p: number) => round1(quantileSorted(sorted as unknown as number[], p)!);
  return { n: sorted.length, median: q(0.5), p75: q(0.75), p90: q(0.9) };
}

/** The median of values already in ascending order, rounded like `quantiles`; null when empty. */
export function medianOfSorted(sorted: Float64Array): number | null {
  return sorted.length === 0 ? null : round1(quantileSorted(sorted as unknown as number[], 0.5)!);
}

/** Ascending merge of ascending arrays (the same order as sorting their concatenation). */
export function mergeSorted(parts: readonly Float64Array[]): Float64Array {
  // NaN sorts last in a typed array and defeats a comparison merge: fall back to sorting (never in practice).
  for (const p of parts) {
    if (p.length > 0 && Number.isNaN(p[p.length - 1]!)) {
      const all = new Float64Array(parts.reduce((n, q) => n + q.length, 0));
      let offset = 0;
      for (const q of parts) {
        all.set(q, offset);
        offset += q.length;
      }
      return all.sort();
    }
  }
  let merged = parts.length > 0 ? parts[0]! : new Float64Array(0);
  for (let k = 1; k < parts.length; k++) {
    const b = parts[k]!;
    if (b.length === 0) continue;
    const next = new Float64Array(merged.length + b.length);
    let i = 0;
    let j = 0;
    let o = 0;
    while (i < merged.length && j < b.length) next[o++] = b[j]! < merged[i]! ? b[j++]! : merged[i++]!;
    while (i < merged.length) next[o++] = merged[i++]!;
    while (j < b.length) next[o++] = b[j++]!;
    merged = next;
  }
  return merged;
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
  const decorated = rows.map((row, index) => ({ row, index, values: keys.map((key) => key(row)) }));
  decorated.sort((a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const x = a.values[k]!;
      const y = b.values[k]!;
      if (x === y) continue;
      if (typeof x === 'number' && typeof y === 'number') return x - y;
      return compareStrings(String(x), String(y));
    }
    return a.index - b.index;
  });
  decorated.forEach((d, i) => (rows[i] = d.row));
  return rows;
}

/** Distinct values, sorted. */
export function distinctSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareStrings);
}

/** Sort key that puts the 'All' rollup before every named value (and keeps their order among themselves). */
export const allFirst = (value: string): string => (value === 'All' ? '' : `~${value}`);

/**
 * A map keyed by a tuple of strings, stored as nested Maps. Faster than joining the parts into one string
 * key: V8 must flatten and hash a concatenated string on every lookup, which dominated the metrics' time
 * on large exports.
 */
export class TupleMap<V> {
  private readonly root = new Map<string, unknown>();
  readonly values: V[] = [];

  /** The value at `keys`, created by `make` the first time. */
  get(keys: readonly string[], make: () => V): V {
    let level = this.root;
    for (let i = 0; i < keys.length - 1; i++) {
      let next = level.get(keys[i]!) as Map<string, unknown> | undefined;
      if (!next) level.set(keys[i]!, (next = new Map()));
      level = next;
    }
    const last = keys[keys.length - 1]!;
    let value = level.get(last) as V | undefined;
    if (value === undefined) {
      value = make();
      level.set(last, value);
      this.values.push(value);
    }
    return value;
  }

  /** The value at `keys`, if any. */
  find(keys: readonly string[]): V | undefined {
    let level: Map<string, unknown> | undefined = this.root;
    for (let i = 0; i < keys.length - 1 && level; i++) level = level.get(keys[i]!) as Map<string, unknown> | undefined;
    return level?.get(keys[keys.length - 1]!) as V | undefined;
  }
}

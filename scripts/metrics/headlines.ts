/**
 * Period comparison: every headline metric, for every scope (all, each department, each hiring manager) and
 * every month: the month itself, the month before, and the three months before it pooled.
 *
 * Pooled means computed from the rows of those three months together (the median of all their fills, the
 * submitted slots of all three over their due slots), never an average of monthly figures. Counts are the
 * exception that keeps the comparison fair: their trailing value is the monthly average (total / 3), with the
 * total as its n. A previous or trailing period that reaches before the first month with data has no value.
 *
 * Changes (current − previous, current − trailing 3) are computed after suppression, in `withChanges`.
 */
import type { Aggregates, Comparison, Figure, HeadlineSeries, MetricId, Scope } from '../schema/aggregates.ts';
import { METRIC_IDS } from '../schema/aggregates.ts';
import { addMonths } from '../time.ts';
import { lastDayOfMonth } from './asOf.ts';
import { NONE, type Context } from './context.ts';
import type { SlotFact } from './feedback.ts';
import type { RejectionFact } from './rejections.ts';
import { medianOfSorted, mergeSorted, rate, roundTo, TupleMap } from './stats.ts';
import { isOpenAtEndOf, type HireFact, type RequisitionFact } from './timeToFill.ts';

type Unit = 'count' | 'days' | 'hours' | 'rate';
type Kind = 'count' | 'median' | 'rate' | 'snapshot';

export interface MetricMeta {
  unit: Unit;
  kind: Kind;
  betterWhen: 'higher' | 'lower' | 'neutral';
  /** A figure about candidates (or slots): suppressed below minGroupSize. */
  candidate: boolean;
}

export const METRICS: Record<MetricId, MetricMeta> = {
  requisitionsFilled: { unit: 'count', kind: 'count', betterWhen: 'neutral', candidate: false },
  medianDaysToFill: { unit: 'days', kind: 'median', betterWhen: 'lower', candidate: false },
  openRequisitions: { unit: 'count', kind: 'snapshot', betterWhen: 'neutral', candidate: false },
  medianDaysToHire: { unit: 'days', kind: 'median', betterWhen: 'lower', candidate: true },
  feedbackSlots: { unit: 'count', kind: 'count', betterWhen: 'neutral', candidate: true },
  feedbackSubmissionRate: { unit: 'rate', kind: 'rate', betterWhen: 'higher', candidate: true },
  feedbackOnTimeRate: { unit: 'rate', kind: 'rate', betterWhen: 'higher', candidate: true },
  medianHoursToFeedback: { unit: 'hours', kind: 'median', betterWhen: 'lower', candidate: true },
  rejections: { unit: 'count', kind: 'count', betterWhen: 'neutral', candidate: true },
  withdrawalShare: { unit: 'rate', kind: 'rate', betterWhen: 'lower', candidate: true },
  unspecifiedReasonShare: { unit: 'rate', kind: 'rate', betterWhen: 'lower', candidate: true },
};

const DECIMALS: Record<Unit, number> = { count: 1, days: 1, hours: 1, rate: 4 };

/** Everything one scope did in one month. */
interface MonthRows {
  fills: number[];
  open: number;
  hires: number[];
  slots: number;
  due: number;
  slaSettled: number;
  submitted: number;
  onTime: number;
  hours: number[];
  rejections: number;
  byCandidate: number;
  unspecified: number;
}

const emptyMonth = (): MonthRows => ({
  fills: [],
  open: 0,
  hires: [],
  slots: 0,
  due: 0,
  slaSettled: 0,
  submitted: 0,
  onTime: 0,
  hours: [],
  rejections: 0,
  byCandidate: 0,
  unspecified: 0,
});

/**
 * The counts of `rows` pooled; the value lists stay in the parts (see `Pooled`): each month's list is sorted
 * once and the pooled medians come from merging those sorted lists, never from re-sorting a concatenation.
 */
function pool(rows: readonly MonthRows[]): Pooled {
  const out = emptyMonth();
  for (const r of rows) {
    out.open += r.open;
    out.slots += r.slots;
    out.due += r.due;
    out.slaSettled += r.slaSettled;
    out.submitted += r.submitted;
    out.onTime += r.onTime;
    for (const v of r.hours) out.hours.push(v);
    out.rejections += r.rejections;
    out.byCandidate += r.byCandidate;
    out.unspecified += r.unspecified;
  }
  return { counts: out, parts: rows };
}

/** Pooled months: the counts summed, the value lists (fills, hires, hours) left in their months. */
interface Pooled {
  counts: MonthRows;
  parts: readonly MonthRows[];
}

type ValueList = 'fills' | 'hires' | 'hours';

/** Each month's value list sorted once (used for the month, as the next month's previous, and pooled). */
const sortedLists = new WeakMap<number[], Float64Array>();
function sortedList(values: number[]): Float64Array {
  let sorted = sortedLists.get(values);
  if (sorted === undefined) sortedLists.set(values, (sorted = Float64Array.from(values).sort()));
  return sorted;
}

/** The figure of a median metric: over one month's list, or over the pooled parts' lists merged. */
function medianFigure(r: MonthRows | Pooled, list: ValueList): Figure {
  if ('parts' in r) {
    const sorted = mergeSorted(r.parts.map((p) => sortedList(p[list])));
    return { value: medianOfSorted(sorted), n: sorted.length, suppressed: false };
  }
  const values = r[list];
  return {
    value: values.length === 0 ? null : medianOfSorted(sortedList(values)),
    n: values.length,
    suppressed: false,
  };
}

const NO_VALUE: Figure = { value: null, n: null, suppressed: false };

/** The figure of `metric` over pooled rows of `months` months (1 for a single month). */
function figureOf(metric: MetricId, rows: MonthRows | Pooled, months: number): Figure {
  const r = 'parts' in rows ? rows.counts : rows;
  const count = (n: number): Figure => ({ value: months === 1 ? n : roundTo(n / months, 1), n, suppressed: false });
  const med = (list: ValueList): Figure => medianFigure(rows, list);
  const length = (list: ValueList): number =>
    'parts' in rows ? rows.parts.reduce((n, p) => n + p[list].length, 0) : rows[list].length;
  const share = (num: number, den: number): Figure => ({ value: rate(num, den), n: den, suppressed: false });
  switch (metric) {
    case 'requisitionsFilled':
      return count(length('fills'));
    case 'medianDaysToFill':
      return med('fills');
    case 'openRequisitions':
      return count(r.open);
    case 'medianDaysToHire':
      return med('hires');
    case 'feedbackSlots':
      return count(r.slots);
    case 'feedbackSubmissionRate':
      return share(r.submitted, r.due);
    case 'feedbackOnTimeRate':
      return share(r.onTime, r.slaSettled);
    case 'medianHoursToFeedback':
      return med('hours');
    case 'rejections':
      return count(r.rejections);
    case 'withdrawalShare':
      return share(r.byCandidate, r.rejections);
    case 'unspecifiedReasonShare':
      return share(r.unspecified, r.rejections);
  }
}

export interface HeadlineInput {
  months: readonly string[];
  departments: readonly string[];
  hiringManagers: readonly string[];
  requisitions: readonly RequisitionFact[];
  hires: readonly HireFact[];
  slots: readonly SlotFact[];
  rejections: readonly RejectionFact[];
}

/** The series before suppression, with changes still null. */
export function buildHeadlines(ctx: Context, input: HeadlineInput): HeadlineSeries[] {
  const { months } = input;
  if (months.length === 0) return [];
  const first = months[0]!;
  const scopes: { key: readonly [string, string]; scope: Scope }[] = [
    { key: ['all', ''], scope: { kind: 'all' } },
    ...input.departments.map((department) => ({
      key: ['department', department] as const,
      scope: { kind: 'department' as const, department },
    })),
    ...input.hiringManagers.map((hiringManager) => ({
      key: ['hiringManager', hiringManager] as const,
      scope: { kind: 'hiringManager' as const, hiringManager },
    })),
  ];
  const table = new TupleMap<Map<string, MonthRows>>();
  for (const { key } of scopes) table.get(key, () => new Map(months.map((m) => [m, emptyMonth()])));
  /** The rows of every scope the fact belongs to, in its month (nothing when the month is outside the range). */
  const rowsOf = (month: string, department: string, hiringManager: string): MonthRows[] => {
    const out: MonthRows[] = [];
    const add = (r: MonthRows | undefined) => r && out.push(r);
    add(table.find(['all', ''])?.get(month));
    if (department !== NONE) add(table.find(['department', department])?.get(month));
    if (hiringManager !== NONE) add(table.find(['hiringManager', hiringManager])?.get(month));
    return out;
  };

  // A month's open seats are counted at its last day, or at the as-of date for the as-of month.
  const countedOn = months.map((month) => (month === ctx.asOf.month ? ctx.asOf.day : lastDayOfMonth(month)));
  for (const f of input.requisitions) {
    if (f.filledMonth !== null)
      for (const r of rowsOf(f.filledMonth, f.department, f.hiringManager)) r.fills.push(f.daysToFill!);
    months.forEach((month, i) => {
      if (isOpenAtEndOf(f, countedOn[i]!)) for (const r of rowsOf(month, f.department, f.hiringManager)) r.open++;
    });
  }
  for (const h of input.hires)
    for (const r of rowsOf(h.month, h.department, h.hiringManager)) r.hires.push(h.daysToHire);
  for (const s of input.slots) {
    for (const r of rowsOf(s.month, s.department, s.hiringManager)) {
      r.slots++;
      if (s.isDue) r.due++;
      if (s.slaSettled) r.slaSettled++;
      if (s.submitted) r.submitted++;
      if (s.onTime) r.onTime++;
      if (s.hours !== null) r.hours.push(s.hours);
    }
  }
  for (const j of input.rejections) {
    for (const r of rowsOf(j.month, j.department, j.hiringManager)) {
      r.rejections++;
      if (j.rejectedBy === 'candidate') r.byCandidate++;
      if (j.category === 'unspecified') r.unspecified++;
    }
  }

  // The three months before each month, pooled once per scope (null when they reach before the data).
  const trailingOf = new TupleMap<(Pooled | null)[]>();
  for (const { key } of scopes) {
    const byMonth = table.find(key)!;
    trailingOf.get(key, () =>
      months.map((month) => {
        const trailing = [1, 2, 3].map((k) => addMonths(month, -k));
        return trailing.every((m) => m >= first) ? pool(trailing.map((m) => byMonth.get(m)!)) : null;
      }),
    );
  }

  const previousOf = months.map((month) => addMonths(month, -1));
  const series: HeadlineSeries[] = [];
  for (const metric of METRIC_IDS) {
    for (const { key, scope } of scopes) {
      const byMonth = table.find(key)!;
      const trailing = trailingOf.find(key)!;
      const comparisons: Comparison[] = months.map((month, i) => {
        const previousMonth = previousOf[i]!;
        const pooled = trailing[i] ?? null;
        return {
          month,
          current: figureOf(metric, byMonth.get(month)!, 1),
          previous: previousMonth >= first ? figureOf(metric, byMonth.get(previousMonth)!, 1) : NO_VALUE,
          trailing3: pooled ? figureOf(metric, pooled, 3) : NO_VALUE,
          changeVsPrevious: null,
          changeVsTrailing3: null,
        };
      });
      series.push({ metric, scope, months: comparisons });
    }
  }
  return series;
}

/**
 * The changes, once figures are final (suppressed): current − other, in the metric's unit, rounded like it.
 * Null when either side has no value or is suppressed, and, for medians and rates, when either side rests on
 * fewer than minGroupSize rows (counts of seats compare at any size; small candidate counts are suppressed).
 */
export function withChanges(series: readonly HeadlineSeries[], minGroupSize: number): HeadlineSeries[] {
  return series.map((s) => {
    const meta = METRICS[s.metric];
    const comparable = (f: Figure) =>
      f.value !== null &&
      !f.suppressed &&
      (meta.kind === 'count' || meta.kind === 'snapshot' || (f.n !== null && f.n >= minGroupSize));
    const change = (a: Figure, b: Figure) =>
      comparable(a) && comparable(b) ? roundTo(a.value! - b.value!, DECIMALS[meta.unit]) : null;
    return {
      ...s,
      months: s.months.map((c) => ({
        ...c,
        changeVsPrevious: change(c.current, c.previous),
        changeVsTrailing3: change(c.current, c.trailing3),
      })),
    };
  });
}

export type Headlines = Aggregates['headlines'];

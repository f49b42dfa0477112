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
import { column } from './columns.ts';
import { NONE, type Context } from './context.ts';
import { SLOT, type Slots } from './feedback.ts';
import type { RejectionFact } from './rejections.ts';
import { medianOfSortedParts, rate, roundTo, sortInPlace } from './stats.ts';
import { medianOfTallies, Tally } from './tally.ts';
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

const COUNTS = [
  'open',
  'slots',
  'due',
  'slaSettled',
  'submitted',
  'onTime',
  'rejections',
  'byCandidate',
  'unspecified',
] as const;
type Count = (typeof COUNTS)[number];
type Days = 'fills' | 'hires';

/**
 * Everything each scope did in each month, column-wise: cell `scope × months + month` of each count and each
 * list of values. Arrays indexed by cell, not a map per scope of objects per month: at millions of facts the
 * lookups and the objects cost more than the counting.
 */
class Grid {
  readonly months: number;
  readonly departments: number;
  readonly counts: Record<Count, Int32Array>;
  /** Days to fill and to hire: whole days, tallied (their medians need no sort). */
  readonly days: Record<Days, Tally[]>;
  /**
   * Hours to feedback, each cell's sorted once (read for the month, as the next month's previous, and
   * pooled). The company's hours are not listed apart: they are its departments' and, in the company's own
   * cells, the hours of slots in no department's series (so the longest lists are never copied or sorted).
   */
  hours: number[][] = [];

  constructor(scopes: number, months: number, departments: number) {
    this.months = months;
    this.departments = departments;
    const cells = scopes * months;
    const counts = {} as Record<Count, Int32Array>;
    for (const count of COUNTS) counts[count] = new Int32Array(cells);
    this.counts = counts;
    const tallies = () => Array.from({ length: cells }, () => new Tally());
    this.days = { fills: tallies(), hires: tallies() };
  }

  /** The sorted lists whose values together are the cell's hours. */
  hoursOf(cell: number): number[][] {
    if (cell >= this.months) return [this.hours[cell]!];
    const parts = [this.hours[cell]!];
    for (let d = 1; d <= this.departments; d++) parts.push(this.hours[d * this.months + cell]!);
    return parts;
  }
}

const NO_VALUE: Figure = { value: null, n: null, suppressed: false };

/**
 * The figure of `metric` over the cells of a period: one month, or three pooled (see the module comment).
 * Pooled medians come from the months' tallies, or their sorted hours read by rank: never from a merge or a
 * re-sort.
 */
function figureOf(metric: MetricId, grid: Grid, cells: readonly number[]): Figure {
  switch (metric) {
    case 'requisitionsFilled':
      return countFigure(
        cells,
        sumOf(cells, (c) => grid.days.fills[c]!.size),
      );
    case 'medianDaysToFill':
      return daysFigure(grid.days.fills, cells);
    case 'openRequisitions':
      return countFigure(cells, sum(grid.counts.open, cells));
    case 'medianDaysToHire':
      return daysFigure(grid.days.hires, cells);
    case 'feedbackSlots':
      return countFigure(cells, sum(grid.counts.slots, cells));
    case 'feedbackSubmissionRate':
      return shareFigure(sum(grid.counts.submitted, cells), sum(grid.counts.due, cells));
    case 'feedbackOnTimeRate':
      return shareFigure(sum(grid.counts.onTime, cells), sum(grid.counts.slaSettled, cells));
    case 'medianHoursToFeedback': {
      const parts = cells.flatMap((c) => grid.hoursOf(c));
      return { value: medianOfSortedParts(parts), n: sumOf(parts, (p) => p.length), suppressed: false };
    }
    case 'rejections':
      return countFigure(cells, sum(grid.counts.rejections, cells));
    case 'withdrawalShare':
      return shareFigure(sum(grid.counts.byCandidate, cells), sum(grid.counts.rejections, cells));
    case 'unspecifiedReasonShare':
      return shareFigure(sum(grid.counts.unspecified, cells), sum(grid.counts.rejections, cells));
  }
}

/** A count over one month, or the monthly average over pooled months (with the total as its n). */
const countFigure = (cells: readonly number[], n: number): Figure => ({
  value: cells.length === 1 ? n : roundTo(n / cells.length, 1),
  n,
  suppressed: false,
});

const shareFigure = (numerator: number, denominator: number): Figure => ({
  value: rate(numerator, denominator),
  n: denominator,
  suppressed: false,
});

function daysFigure(tallies: readonly Tally[], cells: readonly number[]): Figure {
  const parts = cells.map((c) => tallies[c]!);
  return { value: medianOfTallies(parts), n: sumOf(parts, (t) => t.size), suppressed: false };
}

function sum(counts: Int32Array, cells: readonly number[]): number {
  let n = 0;
  for (const c of cells) n += counts[c]!;
  return n;
}

function sumOf<T>(items: readonly T[], value: (item: T) => number): number {
  let n = 0;
  for (const item of items) n += value(item);
  return n;
}

export interface HeadlineInput {
  months: readonly string[];
  departments: readonly string[];
  hiringManagers: readonly string[];
  requisitions: readonly RequisitionFact[];
  hires: readonly HireFact[];
  slots: Slots;
  rejections: readonly RejectionFact[];
}

/** The series before suppression, with changes still null. */
export function buildHeadlines(ctx: Context, input: HeadlineInput): HeadlineSeries[] {
  const { months } = input;
  if (months.length === 0) return [];
  const first = months[0]!;
  const monthCount = months.length;
  const scopes: Scope[] = [
    { kind: 'all' },
    ...input.departments.map((department) => ({ kind: 'department' as const, department })),
    ...input.hiringManagers.map((hiringManager) => ({ kind: 'hiringManager' as const, hiringManager })),
  ];
  const grid = new Grid(scopes.length, monthCount, input.departments.length);
  const monthIndex = new Map(months.map((month, i) => [month, i]));
  const departmentScope = new Map(input.departments.map((department, i) => [department, 1 + i]));
  const managerScope = new Map(
    input.hiringManagers.map((hiringManager, i) => [hiringManager, 1 + input.departments.length + i]),
  );

  // The scopes a fact counts in: the company's, and its department's and hiring manager's when they have a
  // series. Written into `scopeList` (one array for every fact, not an array per fact); returns how many.
  const scopeList = new Int32Array(3);
  const scopesOf = (department: string, hiringManager: string): number => {
    let n = 0;
    scopeList[n++] = 0;
    const d = department === NONE ? undefined : departmentScope.get(department);
    if (d !== undefined) scopeList[n++] = d;
    const h = hiringManager === NONE ? undefined : managerScope.get(hiringManager);
    if (h !== undefined) scopeList[n++] = h;
    return n;
  };
  const { counts, days } = grid;

  // A month's open seats are counted at its last day, or at the as-of date for the as-of month.
  const countedOn = months.map((month) => (month === ctx.asOf.month ? ctx.asOf.day : lastDayOfMonth(month)));
  for (const f of input.requisitions) {
    const n = scopesOf(f.department, f.hiringManager);
    const filled = f.filledMonth === null ? undefined : monthIndex.get(f.filledMonth);
    for (let t = 0; t < n; t++) {
      const base = scopeList[t]! * monthCount;
      if (filled !== undefined) days.fills[base + filled]!.add(f.daysToFill!);
      for (let m = 0; m < monthCount; m++) if (isOpenAtEndOf(f, countedOn[m]!)) counts.open[base + m]!++;
    }
  }
  for (const h of input.hires) {
    const m = monthIndex.get(h.month);
    if (m === undefined) continue;
    const n = scopesOf(h.department, h.hiringManager);
    for (let t = 0; t < n; t++) days.hires[scopeList[t]! * monthCount + m]!.add(h.daysToHire);
  }
  countSlots(grid, input.slots, monthIndex, departmentScope, managerScope);
  for (const j of input.rejections) {
    const m = monthIndex.get(j.month);
    if (m === undefined) continue;
    const n = scopesOf(j.department, j.hiringManager);
    for (let t = 0; t < n; t++) {
      const c = scopeList[t]! * monthCount + m;
      counts.rejections[c]!++;
      if (j.rejectedBy === 'candidate') counts.byCandidate[c]!++;
      if (j.category === 'unspecified') counts.unspecified[c]!++;
    }
  }

  // Each month's previous month, and the three months before it (pooled), as positions in `months`; null when
  // they reach before the first month.
  const previousOf = months.map((month) => {
    const previous = addMonths(month, -1);
    return previous >= first ? monthIndex.get(previous)! : null;
  });
  const trailingOf = months.map((month) => {
    const trailing = [1, 2, 3].map((k) => addMonths(month, -k));
    return trailing.every((m) => m >= first) ? trailing.map((m) => monthIndex.get(m)!) : null;
  });

  const series: HeadlineSeries[] = [];
  for (const metric of METRIC_IDS) {
    scopes.forEach((scope, s) => {
      const base = s * monthCount;
      // A month's figure is its own current and the next month's previous (a copy: no figure is shared).
      const monthly = months.map((_, i) => figureOf(metric, grid, [base + i]));
      const comparisons: Comparison[] = months.map((month, i) => {
        const previous = previousOf[i]!;
        const trailing = trailingOf[i]!;
        return {
          month,
          current: monthly[i]!,
          previous: previous !== null ? { ...monthly[previous]! } : NO_VALUE,
          trailing3:
            trailing !== null
              ? figureOf(
                  metric,
                  grid,
                  trailing.map((m) => base + m),
                )
              : NO_VALUE,
          changeVsPrevious: null,
          changeVsTrailing3: null,
        };
      });
      series.push({ metric, scope, months: comparisons });
    });
  }
  return series;
}

/**
 * The feedback slots into the grid: column-wise like the slots, their codes resolved once per code. Two
 * passes: the counts, then each cell's hours written into a list of the size counted (growing millions of
 * values list by list cost twice as much).
 */
function countSlots(
  grid: Grid,
  slots: Slots,
  monthIndex: ReadonlyMap<string, number>,
  departmentScope: ReadonlyMap<string, number>,
  managerScope: ReadonlyMap<string, number>,
): void {
  const monthCount = grid.months;
  const monthOfCode = slots.months.map((month) => monthIndex.get(month) ?? -1);
  const scopeOfCode = (names: readonly string[], scopes: ReadonlyMap<string, number>) =>
    names.map((name) => (name === NONE ? -1 : (scopes.get(name) ?? -1)));
  const departmentOfCode = scopeOfCode(slots.departments, departmentScope);
  const managerOfCode = scopeOfCode(slots.hiringManagers, managerScope);
  const { counts } = grid;
  const listed = new Int32Array(grid.counts.slots.length);
  const scopes = new Int32Array(3);
  for (let i = 0; i < slots.size; i++) {
    const m = monthOfCode[slots.month[i]!]!;
    if (m < 0) continue;
    let n = 0;
    scopes[n++] = 0;
    const d = departmentOfCode[slots.department[i]!]!;
    if (d >= 0) scopes[n++] = d;
    const h = managerOfCode[slots.hiringManager[i]!]!;
    if (h >= 0) scopes[n++] = h;
    const flags = slots.flags[i]!;
    for (let t = 0; t < n; t++) {
      const c = scopes[t]! * monthCount + m;
      counts.slots[c]!++;
      if (flags & SLOT.due) counts.due[c]!++;
      if (flags & SLOT.slaSettled) counts.slaSettled[c]!++;
      if (flags & SLOT.submitted) counts.submitted[c]!++;
      if (flags & SLOT.onTime) counts.onTime[c]!++;
    }
    if (flags & SLOT.submitted) {
      listed[(d >= 0 ? d : 0) * monthCount + m]!++;
      if (h >= 0) listed[h * monthCount + m]!++;
    }
  }
  const hours = Array.from(listed, (n) => column(n, NaN));
  const written = new Int32Array(listed.length);
  for (let i = 0; i < slots.size; i++) {
    if (!(slots.flags[i]! & SLOT.submitted)) continue;
    const m = monthOfCode[slots.month[i]!]!;
    if (m < 0) continue;
    const d = departmentOfCode[slots.department[i]!]!;
    const h = managerOfCode[slots.hiringManager[i]!]!;
    const value = slots.hours[i]!;
    const c = (d >= 0 ? d : 0) * monthCount + m;
    hours[c]![written[c]!++] = value;
    if (h >= 0) hours[h * monthCount + m]![written[h * monthCount + m]!++] = value;
  }
  for (const list of hours) sortInPlace(list);
  grid.hours = hours;
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

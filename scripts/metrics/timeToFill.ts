/**
 * Time to fill (per filled requisition), open requisitions and their aging, and time to hire (per hire).
 *
 * Requisition figures describe seats, not people, and are never suppressed. Time to hire describes
 * candidates: its rows are suppressed by `suppression.ts` like every other candidate figure.
 */
import { group } from 'd3-array';
import type { Requisition } from '../schema/canonical.ts';
import { AGING_BUCKETS, ALL, type Aggregates } from '../schema/aggregates.ts';
import { dateOfDayNumber } from '../time.ts';
import { Codes } from './columns.ts';
import { label, type Context } from './context.ts';
import { allFirst, distinctSorted, quantiles, sortBy } from './stats.ts';
import { quantilesOfTallies, Tally } from './tally.ts';

type TimeToFill = Aggregates['timeToFill'];

export interface RequisitionFact {
  requisitionId: string;
  jobTitle: string;
  department: string;
  hiringManager: string;
  recruiter: string;
  openedDay: number;
  onHold: boolean;
  /** Local day of the fill, when filled on or before the as-of date and not before the opening. */
  filledDay: number | null;
  filledMonth: string | null;
  daysToFill: number | null;
  /**
   * The first day at whose end the seat is no longer open (its fill or close day). A seat is open at the
   * end of day D when openedDay ≤ D < endDay. -Infinity: closed at an unknown date (never counted open).
   */
  endDay: number;
}

export interface HireFact {
  month: string;
  department: string;
  hiringManager: string;
  daysToHire: number;
}

export interface Excluded {
  reason: string;
  rows: number;
}

const ENDED_WITHOUT_DATE = new Set(['filled', 'closed', 'cancelled']);

export function requisitionFacts(ctx: Context, requisitions: readonly Requisition[]) {
  const { cal } = ctx;
  const facts: RequisitionFact[] = [];
  let fillBeforeOpening = 0;
  let endedWithoutDate = 0;
  let openedLater = 0;
  for (const r of requisitions) {
    if (!ctx.happened(r.openedAt)) {
      openedLater++;
      continue;
    }
    const openedDay = cal.dayNumber(r.openedAt);
    let filledDay: number | null = null;
    let endDay = Infinity;
    if (ctx.happened(r.filledAt)) {
      const day = cal.dayNumber(r.filledAt);
      if (day < openedDay) fillBeforeOpening++;
      else filledDay = day;
      endDay = Math.min(endDay, day);
    }
    if (ctx.happened(r.closedAt)) endDay = Math.min(endDay, cal.dayNumber(r.closedAt));
    else if (r.closedAt === null && r.filledAt === null && r.status !== null && ENDED_WITHOUT_DATE.has(r.status)) {
      endDay = -Infinity;
      endedWithoutDate++;
    }
    facts.push({
      requisitionId: r.requisitionId,
      jobTitle: r.jobTitle,
      department: label(r.department),
      hiringManager: label(r.hiringManager),
      recruiter: label(r.recruiter),
      openedDay,
      onHold: r.status === 'on_hold',
      filledDay,
      filledMonth: filledDay === null ? null : dateOfDayNumber(filledDay).slice(0, 7),
      daysToFill: filledDay === null ? null : filledDay - openedDay,
      endDay,
    });
  }
  sortBy(facts, (f) => f.requisitionId);
  return {
    facts,
    excludedFills: [{ reason: 'fill dated before the opening', rows: fillBeforeOpening }],
    excludedOpen: [
      { reason: 'status filled, closed or cancelled without a date: not counted as open', rows: endedWithoutDate },
      { reason: 'opened after the as-of date', rows: openedLater },
    ],
  };
}

/** Open at the end of local day `day`: opened by then, and neither filled nor closed by then. */
export const isOpenAtEndOf = (fact: RequisitionFact, day: number): boolean =>
  fact.openedDay <= day && day < fact.endDay;

export function agingBucket(daysOpen: number): (typeof AGING_BUCKETS)[number] {
  if (daysOpen <= 30) return '0–30';
  if (daysOpen <= 60) return '31–60';
  if (daysOpen <= 90) return '61–90';
  if (daysOpen <= 180) return '91–180';
  return '181+';
}

/**
 * Whether the application of `row` counts as a hire, the one definition every count of hires shares (time to
 * hire, the headlines, the sources' hires, the offers accepted): applied and hired by the as-of date, the hire
 * not dated before the application. They add up to each other, so the audit can relate them.
 */
export function countsAsHire(ctx: Context, row: number): boolean {
  const a = ctx.applications[row]!;
  const appliedAt = ctx.appliedAt(row);
  return (
    ctx.happened(appliedAt) &&
    ctx.happened(a.hiredAt) &&
    ctx.cal.dayNumber(a.hiredAt) - ctx.cal.dayNumber(appliedAt) >= 0
  );
}

export function hireFacts(ctx: Context) {
  const facts: HireFact[] = [];
  let beforeApplying = 0;
  let withoutDate = 0;
  const { applications } = ctx;
  for (let row = 0; row < applications.length; row++) {
    const a = applications[row]!;
    if (!ctx.happened(a.appliedAt)) continue;
    if (!ctx.happened(a.hiredAt)) {
      if (a.status === 'hired' && a.hiredAt === null) withoutDate++;
      continue;
    }
    const days = ctx.cal.dayNumber(a.hiredAt) - ctx.cal.dayNumber(a.appliedAt);
    if (days < 0) {
      beforeApplying++;
      continue;
    }
    facts.push({
      month: ctx.monthOf(a.hiredAt),
      department: ctx.departmentAt(row),
      hiringManager: ctx.hiringManagerAt(row),
      daysToHire: days,
    });
  }
  return {
    facts,
    excluded: [
      { reason: 'hired without a hire date', rows: withoutDate },
      { reason: 'hire dated before the application', rows: beforeApplying },
    ],
  };
}

export function timeToFillSection(
  ctx: Context,
  months: readonly string[],
  requisitions: readonly RequisitionFact[],
  hires: readonly HireFact[],
): TimeToFill {
  const filled = requisitions.filter((f) => f.filledDay !== null);
  const open = requisitions.filter((f) => isOpenAtEndOf(f, ctx.asOf.day));

  const fills: TimeToFill['fills'] = filled.map((f) => ({
    requisition_id: f.requisitionId,
    job_title: f.jobTitle,
    department: f.department,
    hiring_manager: f.hiringManager,
    recruiter: f.recruiter,
    opened_on: dateOfDayNumber(f.openedDay),
    filled_on: dateOfDayNumber(f.filledDay!),
    days_to_fill: f.daysToFill!,
  }));
  sortBy(
    fills,
    (r) => r.filled_on,
    (r) => r.requisition_id,
  );

  // Fill month × department, plus 'All': every month of the range, so an empty month shows as no value.
  const byMonth: TimeToFill['byMonth'] = [];
  const byDepartment = group(filled, (f) => f.department);
  const departmentRows = [ALL, ...distinctSorted(byDepartment.keys())];
  for (const department of departmentRows) {
    const rows = department === ALL ? filled : (byDepartment.get(department) ?? []);
    const byFillMonth = group(rows, (f) => f.filledMonth!);
    for (const month of months) {
      const q = quantiles((byFillMonth.get(month) ?? []).map((f) => f.daysToFill!));
      byMonth.push({ month, department, filled: q.n, median_days: q.median, p75_days: q.p75, p90_days: q.p90 });
    }
  }
  sortBy(
    byMonth,
    (r) => r.month,
    (r) => allFirst(r.department),
  );

  const byPerson: TimeToFill['byPerson'] = [];
  for (const role of ['hiringManager', 'recruiter'] as const) {
    const people = group(requisitions, (f) => f[role]);
    for (const [person, rows] of people) {
      const personFills = rows.filter((f) => f.filledDay !== null);
      const personOpen = rows.filter((f) => isOpenAtEndOf(f, ctx.asOf.day)).length;
      if (personFills.length === 0 && personOpen === 0) continue;
      const q = quantiles(personFills.map((f) => f.daysToFill!));
      byPerson.push({
        person,
        role,
        filled: q.n,
        open: personOpen,
        median_days: q.median,
        p75_days: q.p75,
        p90_days: q.p90,
      });
    }
  }
  sortBy(
    byPerson,
    (r) => r.role,
    (r) => r.person,
  );

  const openRows: TimeToFill['open'] = open.map((f) => ({
    requisition_id: f.requisitionId,
    job_title: f.jobTitle,
    department: f.department,
    hiring_manager: f.hiringManager,
    recruiter: f.recruiter,
    opened_on: dateOfDayNumber(f.openedDay),
    days_open: ctx.asOf.day - f.openedDay,
    on_hold: f.onHold,
  }));
  sortBy(
    openRows,
    (r) => -r.days_open,
    (r) => r.requisition_id,
  );

  // Every bucket for 'All' and for each department with an open seat (0 is a real count of seats).
  const aging: TimeToFill['aging'] = [];
  const openByDepartment = group(openRows, (r) => r.department);
  for (const department of [ALL, ...distinctSorted(openByDepartment.keys())]) {
    const rows = department === ALL ? openRows : (openByDepartment.get(department) ?? []);
    for (const bucket of AGING_BUCKETS) {
      aging.push({ bucket, department, open: rows.filter((r) => agingBucket(r.days_open) === bucket).length });
    }
  }

  return {
    fills,
    byMonth,
    byPerson,
    open: openRows,
    aging,
    timeToHireByMonth: timeToHireByMonth(months, hires),
  };
}

function timeToHireByMonth(months: readonly string[], hires: readonly HireFact[]): TimeToFill['timeToHireByMonth'] {
  // Days to hire tallied per department and month, and per month for 'All': no lists of hundreds of thousands
  // of hires to sort.
  const monthIndex = new Map(months.map((month, i) => [month, i]));
  const departments = new Codes();
  const byDepartment: Tally[][] = [];
  const all = months.map(() => new Tally());
  for (const h of hires) {
    const m = monthIndex.get(h.month);
    const code = departments.code(h.department);
    const tallies = (byDepartment[code] ??= months.map(() => new Tally()));
    if (m === undefined) continue;
    tallies[m]!.add(h.daysToHire);
    all[m]!.add(h.daysToHire);
  }
  const rows: TimeToFill['timeToHireByMonth'] = [];
  for (const department of [ALL, ...distinctSorted(departments.values)]) {
    // A department itself named 'All' is shown with every hire, like the rollup.
    const tallies = department === ALL ? all : byDepartment[departments.find(department)]!;
    months.forEach((month, m) => {
      const q = quantilesOfTallies([tallies[m]!]);
      rows.push({ month, department, hires: q.n, median_days: q.median, p90_days: q.p90, suppressed: false });
    });
  }
  return sortBy(
    rows,
    (r) => r.month,
    (r) => allFirst(r.department),
  );
}

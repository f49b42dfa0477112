/**
 * The as-of date: the moment the dashboard describes. It is `asOf` from the config, else the calendar date
 * (in the configured timezone) of the latest timestamp present in the data. The build clock is never read,
 * so the same exports always give the same dashboard.
 *
 * Every figure is "as at the end of the as-of date": an event stamped after that instant has not happened
 * yet (a later fill leaves the seat open, a later submission leaves the slot unsubmitted). When the as-of
 * date comes from the data this removes nothing, since no timestamp is later than the latest one.
 */
import type { CanonicalTables, Instant } from '../schema/canonical.ts';
import type { Config } from '../schema/config.ts';
import { addMonths, dateOfDayNumber, dateParts, dayNumberOfDate, type Calendar } from '../time.ts';

export interface AsOf {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Day number (days since 1970-01-01) of the as-of date. */
  day: number;
  /** The instant the as-of date ends (local midnight after it): everything before it has happened. */
  end: Instant;
  /** `YYYY-MM` of the as-of date. */
  month: string;
  source: 'config' | 'data' | 'empty';
}

/** Days after the latest opening or application beyond which a timestamp is taken for a typo. */
export const FAR_FUTURE_DAYS = 730;

/**
 * The latest instant in any table that is not a far-future typo (see the module comment), or null when the
 * tables hold none.
 */
export function latestTimestamp(tables: CanonicalTables): Instant | null {
  let latestStart = -Infinity;
  for (const r of tables.requisitions) if (r.openedAt > latestStart) latestStart = r.openedAt;
  for (const a of tables.applications) if (a.appliedAt > latestStart) latestStart = a.appliedAt;
  const limit = latestStart === -Infinity ? Infinity : latestStart + FAR_FUTURE_DAYS * 86_400_000;
  let latest = -Infinity;
  const see = (t: Instant | null) => {
    if (t !== null && t > latest && t <= limit) latest = t;
  };
  for (const r of tables.requisitions) {
    see(r.openedAt);
    see(r.filledAt);
    see(r.closedAt);
  }
  for (const a of tables.applications) {
    see(a.appliedAt);
    see(a.rejectedAt);
    see(a.hiredAt);
  }
  // Columns of instants, NaN where a row has none (and NaN is never later than anything).
  const { interviews, stageEvents } = tables;
  for (const column of [
    interviews.interviewAt,
    interviews.interviewEndAt,
    interviews.feedbackSubmittedAt,
    stageEvents.enteredAt,
    stageEvents.exitedAt,
  ]) {
    for (let r = 0; r < column.length; r++) {
      const t = column[r]!;
      if (t > latest && t <= limit) latest = t;
    }
  }
  return latest === -Infinity ? null : latest;
}

export function resolveAsOf(tables: CanonicalTables, config: Config, cal: Calendar): AsOf {
  let day: number;
  let source: AsOf['source'];
  if (config.asOf !== undefined) {
    day = dayNumberOfDate(config.asOf);
    source = 'config';
  } else {
    const latest = latestTimestamp(tables);
    // No data at all: a fixed, obviously artificial date rather than the clock.
    day = latest === null ? 0 : cal.dayNumber(latest);
    source = latest === null ? 'empty' : 'data';
  }
  const date = dateOfDayNumber(day);
  const next = dateOfDayNumber(day + 1);
  return { date, day, end: cal.fromLocal(...dateParts(next)), month: date.slice(0, 7), source };
}

/**
 * The last month whose last day is on or before the as-of date: the as-of month itself when the as-of date
 * is its last day, else the month before.
 */
export function latestCompleteMonth(asOf: AsOf): string {
  const lastDayOfMonth = dateOfDayNumber(asOf.day + 1).slice(0, 7) !== asOf.month;
  return lastDayOfMonth ? asOf.month : addMonths(asOf.month, -1);
}

/** Day number of the last day of `YYYY-MM`. */
export function lastDayOfMonth(month: string): number {
  return dayNumberOfDate(`${addMonths(month, 1)}-01`) - 1;
}

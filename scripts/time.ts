/**
 * Calendar arithmetic in the configured timezone.
 *
 * Every metric is defined on calendar dates and months *in the configured timezone* (scripts/metrics/definitions.ts:
 * "Month", "Days to fill"), so one module owns the conversion between instants and local calendar values. Offsets
 * come from Intl (the IANA database that ships with Node) and are cached per UTC hour: DST and other offset
 * changes happen on whole UTC hours in every zone in use, and a million rows must not call Intl a million times.
 */
import type { Instant } from './schema/canonical.ts';

const HOUR = 3_600_000;
export const DAY = 86_400_000;

export interface Calendar {
  readonly timezone: string;
  /** Offset of local time from UTC at this instant, in ms (UTC+2 → +7_200_000). */
  offset(instant: Instant): number;
  /** Days since 1970-01-01 of the instant's local calendar date. Differences are calendar days. */
  dayNumber(instant: Instant): number;
  /** `YYYY-MM-DD` of the instant's local calendar date. */
  dateOf(instant: Instant): string;
  /** `YYYY-MM` of the instant's local calendar date. */
  monthOf(instant: Instant): string;
  /** The instant of a local wall-clock time (month 1–12). A time skipped by DST moves forward by the gap. */
  fromLocal(
    year: number,
    month: number,
    day: number,
    hour?: number,
    minute?: number,
    second?: number,
    ms?: number,
  ): Instant;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD` of a day number (days since 1970-01-01). */
export function dateOfDayNumber(dayNumber: number): string {
  const d = new Date(dayNumber * DAY);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** The quarter of a `YYYY-MM` month: `2026-11` → `2026-Q4`. */
export const quarterOf = (month: string): string => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;

/** Year, month (1–12) and day of a `YYYY-MM-DD` string. */
export function dateParts(date: string): [year: number, month: number, day: number] {
  return date.split('-').map(Number) as [number, number, number];
}

/** Day number of a `YYYY-MM-DD` string. */
export function dayNumberOfDate(date: string): number {
  const [y, m, d] = dateParts(date);
  return Date.UTC(y, m - 1, d) / DAY;
}

/** Month names in the users' language (English), January first. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2025-03` → `March 2025`. */
export function monthLabel(month: string): string {
  const [year, m] = month.split('-');
  return `${MONTH_NAMES[Number(m) - 1] ?? m} ${year}`;
}

/** The month after `YYYY-MM` (delta may be negative). */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}`;
}

/** Every month from `first` to `last`, inclusive. */
export function monthRange(first: string, last: string): string[] {
  const months: string[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) months.push(m);
  return months;
}

export function calendar(timezone: string): Calendar {
  const utc = timezone === 'UTC' || timezone === 'Etc/UTC';
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const cache = new Map<number, number>();

  const offsetUncached = (instant: Instant): number => {
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(new Date(instant))) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
    return wall - (instant - (((instant % 1000) + 1000) % 1000));
  };

  const offset = (instant: Instant): number => {
    if (utc) return 0;
    const hour = Math.floor(instant / HOUR);
    let value = cache.get(hour);
    if (value === undefined) {
      value = offsetUncached(hour * HOUR);
      cache.set(hour, value);
    }
    return value;
  };

  const dayNumber = (instant: Instant) => Math.floor((instant + offset(instant)) / DAY);

  return {
    timezone,
    offset,
    dayNumber,
    dateOf: (instant) => dateOfDayNumber(dayNumber(instant)),
    monthOf: (instant) => dateOfDayNumber(dayNumber(instant)).slice(0, 7),
    fromLocal(year, month, day, hour = 0, minute = 0, second = 0, ms = 0) {
      const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
      // Two passes: the offset at the guess may differ from the offset at the answer near a DST change.
      const first = wall - offset(wall);
      const second_ = wall - offset(first);
      return offset(second_) === offset(first) ? second_ : Math.max(first, second_);
    },
  };
}

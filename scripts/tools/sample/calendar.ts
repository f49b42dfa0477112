/**
 * Time for the sample, in UTC only: instants are epoch milliseconds, whole minutes. The fictional company works
 * 09:00–17:30 UTC, Monday to Friday; candidates apply at any hour.
 */
import type { Dice } from './random.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const WORKDAY_STARTS = 9 * HOUR;
const WORKDAY_ENDS = 17 * HOUR + 30 * MINUTE;

/** `month` is 1–12, as people write it. */
export function utc(year: number, month: number, day: number, hour = 0, minute = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute);
}

export function startOfDay(instant: number): number {
  return Math.floor(instant / DAY) * DAY;
}

export function timeOfDay(instant: number): number {
  return instant - startOfDay(instant);
}

export function isWeekend(instant: number): boolean {
  const weekday = new Date(instant).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** `2025-03-04T14:30:00Z` */
export function isoDateTime(instant: number): string {
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2025-03-04` */
export function isoDate(instant: number): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/** `2025-03` */
export function monthOf(instant: number): string {
  return new Date(instant).toISOString().slice(0, 7);
}

export function roundToMinute(instant: number): number {
  return Math.round(instant / MINUTE) * MINUTE;
}

/** The same day if it is a weekday, else the Monday after. */
export function nextWorkingDay(day: number): number {
  let result = startOfDay(day);
  while (isWeekend(result)) result += DAY;
  return result;
}

/**
 * A decision taken at `instant` lands in working hours: outside them it moves to the next working morning
 * (a recruiter reads the e-mail when they start work). Never earlier than `instant`.
 */
export function nextWorkingMoment(instant: number, dice: Dice): number {
  const day = startOfDay(instant);
  if (!isWeekend(day) && timeOfDay(instant) >= WORKDAY_STARTS && timeOfDay(instant) < WORKDAY_ENDS) {
    return roundToMinute(instant);
  }
  const nextDay = timeOfDay(instant) < WORKDAY_STARTS && !isWeekend(day) ? day : nextWorkingDay(day + DAY);
  return nextDay + WORKDAY_STARTS + dice.int(0, 150) * MINUTE;
}

/** The mirror of `nextWorkingMoment`, for journeys planned backwards from a hire. Never later than `instant`. */
export function previousWorkingMoment(instant: number, dice: Dice): number {
  const day = startOfDay(instant);
  if (!isWeekend(day) && timeOfDay(instant) >= WORKDAY_STARTS && timeOfDay(instant) < WORKDAY_ENDS) {
    return roundToMinute(instant);
  }
  let previousDay = timeOfDay(instant) >= WORKDAY_ENDS && !isWeekend(day) ? day : day - DAY;
  while (isWeekend(previousDay)) previousDay -= DAY;
  return previousDay + WORKDAY_ENDS - dice.int(1, 150) * MINUTE;
}

/** A working-hours time on a given (working) day, on the quarter hour. */
export function workingTimeOn(day: number, dice: Dice): number {
  return startOfDay(day) + WORKDAY_STARTS + dice.int(0, 33) * 15 * MINUTE;
}

/**
 * The start of a block of `length` ms (one interview, or an onsite loop) in working hours, well inside
 * [from, until]: at least an hour after the stage began and half an hour before its decision. When no such
 * slot exists, the first working-hours slot after `from` (the caller then moves its decision later).
 */
export function bookSlot(from: number, until: number, length: number, dice: Dice): number {
  const options = workingSlots(from + HOUR, until - length - 30 * MINUTE, length);
  // Interviews are booked soon after a candidate moves on, so earlier days are likelier.
  const chosen = options[Math.floor(options.length * dice.unit() ** 1.6)];
  if (chosen !== undefined) return dice.int(chosen[0], chosen[1]) * QUARTER;
  const [first] = workingSlots(from + HOUR, from + 8 * DAY, length);
  if (first === undefined) throw new Error(`no working hours in the week after ${isoDateTime(from)}`);
  return first[0] * QUARTER;
}

/** Whether a block of `length` ms fits in working hours well inside [from, until] (see `bookSlot`). */
export function canBook(from: number, until: number, length: number): boolean {
  return workingSlots(from + HOUR, until - length - 30 * MINUTE, length).length > 0;
}

const QUARTER = 15 * MINUTE;

/** Per working day, the first and last quarter-hour (as multiples of 15 min) a block may start at. */
function workingSlots(earliest: number, latest: number, length: number): [number, number][] {
  const options: [number, number][] = [];
  for (let day = startOfDay(earliest); day <= latest; day += DAY) {
    if (isWeekend(day)) continue;
    const first = Math.ceil(Math.max(day + WORKDAY_STARTS, earliest) / QUARTER);
    const last = Math.floor(Math.min(day + WORKDAY_ENDS - length, latest) / QUARTER);
    if (last >= first) options.push([first, last]);
  }
  return options;
}

/** Working days d with from ≤ d < until (both as instants; d is the start of the day). */
export function workingDaysBetween(from: number, until: number): number[] {
  const days: number[] = [];
  for (let day = startOfDay(from); day < until; day += DAY) if (!isWeekend(day)) days.push(day);
  return days;
}

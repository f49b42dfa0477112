/**
 * Date and date-time cells → instants (epoch ms, UTC).
 *
 * Accepted, in the order they are tried:
 * - ISO 8601 `2025-01-31`, `2025-01-31T10:00`, `…:00.123`, with `Z`/`UTC` or an offset (`+01:00`, `+0100`,
 *   `+01`), `T` or a space between date and time (`2024-01-31 06:00:00.000`, Greenhouse BI / Fivetran).
 *   Without an offset the wall-clock time is in the configured timezone; a date alone is local midnight.
 * - Digits only: 13 or 12 digits = epoch milliseconds (Lever); 10 digits = epoch **seconds** (Unix time, as
 *   warehouses write it; a 10-digit millisecond value would be 1970, which no ATS holds); 8 digits = `YYYYMMDD`;
 *   5 digits, optionally with a fraction = Excel serial days (`45658` = 2025-01-01, `.5` = noon local).
 * - `31/01/2025`, `01/31/2025`, also with `-` or `.`, two-digit years (`25` = 2025, `70`–`99` = 19xx) and an
 *   optional time (`14:05`, `2:05 PM`): read by `dateOrder`. Without `dateOrder`, a date is accepted when only
 *   one order makes sense (`31/01/2025`, or `03/03/2025`); otherwise (`03/04/2025`) it is ambiguous.
 *   Year first (`2025/01/31`) is always year-month-day.
 * - English month names: `31 Jan 2025`, `31-Jan-2025`, `Jan 31, 2025`, `January 31 2025`, optional time.
 *
 * Every result must fall in 1990–2100 (a typo such as `2205` or a number that is not a date is caught here).
 */
import type { Instant } from '../schema/canonical.ts';
import { calendar, DAY } from '../time.ts';

export type DateOrder = 'DMY' | 'MDY';

export interface DateReader {
  /** The instant, or NaN when the text is not a date we can read (see `explain`). Text must be trimmed. */
  read(text: string): Instant;
  /**
   * The hot path for a raw (untrimmed) cell: the instant when the cell has one of the shapes exports write
   * millions of (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS`, optionally `.fff`, optionally `Z`), exactly as `read`
   * gives it; NaN for anything else (then trim the cell and call `read`, which reads every accepted format).
   */
  readCommon(raw: string): Instant;
  /** Why `read` gave NaN: a stable problem text for the quality report. */
  explain(text: string): string;
}

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;
const MAX_OFFSET = 14 * 3_600_000; // UTC+14: the range is of local years, in any zone
const MIN_INSTANT = Date.UTC(MIN_YEAR, 0, 1) - MAX_OFFSET;
const MAX_INSTANT = Date.UTC(MAX_YEAR + 1, 0, 1) + MAX_OFFSET;
/** Excel's day 0 is 1899-12-30 (its serials are off by one before 1900-03-01, which is out of range anyway). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

export const UNPARSEABLE =
  'unparseable date (expected ISO 8601 like 2025-01-31 or 2025-01-31T14:05:00Z, epoch milliseconds, an Excel serial, or a date like 31/01/2025 or 31.01.25 08:12 with "dateOrder")';
export const OUT_OF_RANGE = `date out of range (${MIN_YEAR}–${MAX_YEAR})`;
/**
 * One text for every ambiguous date, never the date itself: the quarantine groups by problem, and 37,689 rows
 * re-saved by a German spreadsheet (`04.11.24 08:12`) made 35,101 groups when each text held its value.
 */
export const AMBIGUOUS_DATE =
  'ambiguous date (day and month could be either way, as in 03/04/2025 or 04.11.24 08:12): set "dateOrder": "DMY" or "MDY" in dashboard.config.json';

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (year: number, month: number): number =>
  month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : MONTH_DAYS[month - 1]!;

/** A real calendar date (the 1990–2100 range is checked on the result, so that `explain` can tell it apart). */
const validDate = (y: number, m: number, d: number): boolean =>
  y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);

const validTime = (h: number, mi: number, s: number): boolean =>
  h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 60;

/**
 * `Date.UTC` for a valid date, by arithmetic (days from the civil date, H. Hinnant's algorithm): the same
 * value, several times faster, and this runs for every date cell.
 */
function utc(y: number, m: number, d: number, h = 0, mi = 0, s = 0, ms = 0): Instant {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  const days = era * 146097 + dayOfEra - 719468;
  return days * DAY + h * 3_600_000 + mi * 60_000 + s * 1000 + ms;
}

/** The value of `count` ASCII digits at `start`, or -1. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/**
 * The common shapes, read straight from the character codes with one table lookup per date (no regex, no
 * substring, no division): `MONTH_START[(year - MIN_YEAR) * 12 + month - 1]` is the instant of that month's
 * first day at 00:00 UTC, `MONTH_LENGTH` its number of days. Years outside 1990–2100 are left to `read`.
 */
const MONTH_START = new Float64Array((MAX_YEAR - MIN_YEAR + 1) * 12);
const MONTH_LENGTH = new Uint8Array((MAX_YEAR - MIN_YEAR + 1) * 12);
for (let year = MIN_YEAR, i = 0; year <= MAX_YEAR; year++) {
  for (let month = 1; month <= 12; month++, i++) {
    MONTH_START[i] = Date.UTC(year, month - 1, 1);
    MONTH_LENGTH[i] = daysInMonth(year, month);
  }
}

/**
 * The value of two ASCII digits at `i`, or a negative number. (`| 0` keeps it a small integer; the length of
 * the text is checked before, so `charCodeAt` never reads past the end.)
 */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return (a | b | (9 - a) | (9 - b)) < 0 ? -1 : a * 10 + b;
}

const TIME = String.raw`(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp]\.?[Mm]\.?)?)?`;
const NUMERIC_DATE = new RegExp(String.raw`^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})${TIME}$`);
const DAY_MONTH_NAME = new RegExp(String.raw`^(\d{1,2})[ .-]+([A-Za-z]{3,9})\.?[ .,-]+(\d{2}|\d{4})${TIME}$`);
const MONTH_NAME_DAY = new RegExp(String.raw`^([A-Za-z]{3,9})\.?[ ]+(\d{1,2})(?:st|nd|rd|th)?,?[ ]+(\d{4})${TIME}$`);

const fullYear = (text: string): number => {
  const y = Number(text);
  if (text.length === 2) return y < 70 ? 2000 + y : 1900 + y;
  return text.length === 4 ? y : -1;
};

/** The time groups of `TIME` → [hour, minute, second, ms], or null when invalid. */
function timeOf(match: RegExpExecArray, first: number): [number, number, number, number] | null {
  if (match[first] === undefined) return [0, 0, 0, 0];
  let hour = Number(match[first]);
  const minute = Number(match[first + 1]);
  const second = match[first + 2] === undefined ? 0 : Number(match[first + 2]);
  const fraction = match[first + 3];
  const ms = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const meridiem = match[first + 4];
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    const pm = meridiem[0] === 'p' || meridiem[0] === 'P';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  return validTime(hour, minute, second) ? [hour, minute, Math.min(second, 59), ms] : null;
}

export function dateReader(options: { timezone: string; dateOrder?: DateOrder | undefined }): DateReader {
  const cal = calendar(options.timezone);
  const isUtc = options.timezone === 'UTC' || options.timezone === 'Etc/UTC';
  /** A wall-clock time in the configured timezone. */
  const local = isUtc ? utc : cal.fromLocal;
  const order = options.dateOrder;
  // Why the last `read` failed; `explain` recomputes for a given text, so this is only a hint.
  let ambiguous = false;

  /** ISO 8601 `YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH[:MM]]`, hand-parsed: it is the hot path. */
  function readIso(text: string): Instant {
    const y = digitsAt(text, 0, 4);
    const mo = digitsAt(text, 5, 2);
    const d = digitsAt(text, 8, 2);
    if (y < 0 || mo < 0 || d < 0 || !validDate(y, mo, d)) return NaN;
    const length = text.length;
    if (length === 10) return local(y, mo, d);
    const sep = text.charCodeAt(10);
    if (sep !== 84 /* T */ && sep !== 32 /* space */ && sep !== 116 /* t */) return NaN;
    const h = digitsAt(text, 11, 2);
    const mi = digitsAt(text, 14, 2);
    if (h < 0 || mi < 0 || text.charCodeAt(13) !== 58 /* : */) return NaN;
    let s = 0;
    let ms = 0;
    let pos = 16;
    if (text.charCodeAt(pos) === 58) {
      s = digitsAt(text, 17, 2);
      if (s < 0) return NaN;
      pos = 19;
      const dot = text.charCodeAt(pos);
      if (dot === 46 /* . */ || dot === 44 /* , */) {
        pos++;
        let scale = 100;
        while (pos < length) {
          const c = text.charCodeAt(pos) - 48;
          if (c < 0 || c > 9) break;
          ms += c * scale;
          scale /= 10;
          pos++;
        }
        ms = Math.floor(ms);
      }
    }
    if (!validTime(h, mi, s)) return NaN;
    if (s === 60) s = 59;
    if (pos === length) return local(y, mo, d, h, mi, s, ms);
    if (text.charCodeAt(pos) === 32) pos++;
    // The zone, read in place (no slice: this runs once per timestamp).
    const rest = length - pos;
    const first = text.charCodeAt(pos);
    // Z or z
    if (rest === 1 && (first === 90 || first === 122)) return utc(y, mo, d, h, mi, s, ms);
    if (rest === 3 && (text.startsWith('UTC', pos) || text.startsWith('GMT', pos))) return utc(y, mo, d, h, mi, s, ms);
    const sign = first === 43 /* + */ ? 1 : first === 45 /* - */ ? -1 : 0;
    if (sign === 0) return NaN;
    const oh = digitsAt(text, pos + 1, 2);
    let om = 0;
    if (rest === 6 && text.charCodeAt(pos + 3) === 58) om = digitsAt(text, pos + 4, 2);
    else if (rest === 5) om = digitsAt(text, pos + 3, 2);
    else if (rest !== 3) return NaN;
    if (oh < 0 || om < 0 || oh > 14 || om > 59) return NaN;
    return utc(y, mo, d, h, mi, s, ms) - sign * (oh * 60 + om) * 60_000;
  }

  function readDigits(text: string): Instant {
    const dot = text.indexOf('.');
    const whole = dot === -1 ? text : text.slice(0, dot);
    if (!/^\d+$/.test(whole) || (dot !== -1 && !/^\d+$/.test(text.slice(dot + 1)))) return NaN;
    switch (whole.length) {
      case 13:
      case 12:
        return dot === -1 ? Number(text) : NaN;
      case 10:
        return Math.round(Number(text) * 1000);
      case 8:
        if (dot !== -1) return NaN;
        {
          const y = digitsAt(text, 0, 4);
          const m = digitsAt(text, 4, 2);
          const d = digitsAt(text, 6, 2);
          return validDate(y, m, d) ? local(y, m, d) : NaN;
        }
      case 5: {
        // Excel serial days: the fraction is the local time of day.
        const serial = Number(text);
        const days = Math.floor(serial);
        const day = new Date(EXCEL_EPOCH + days * DAY);
        const seconds = Math.round((serial - days) * 86_400);
        return local(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), 0, 0, seconds);
      }
      default:
        return NaN;
    }
  }

  function readNumeric(match: RegExpExecArray): Instant {
    const [, a, , b, c] = match as unknown as [string, string, string, string, string];
    let y: number;
    let m: number;
    let d: number;
    if (a.length === 4) {
      // Year first is never ambiguous.
      y = Number(a);
      m = Number(b);
      d = Number(c);
    } else {
      if (a.length > 2) return NaN;
      y = fullYear(c);
      const first = Number(a);
      const second = Number(b);
      let dayFirst: boolean;
      if (order) dayFirst = order === 'DMY';
      else if (first > 12 && second <= 12) dayFirst = true;
      else if (second > 12 && first <= 12) dayFirst = false;
      else if (first === second) dayFirst = true;
      else {
        if (first <= 12 && second <= 12) ambiguous = true;
        return NaN;
      }
      d = dayFirst ? first : second;
      m = dayFirst ? second : first;
    }
    if (!validDate(y, m, d)) return NaN;
    const time = timeOf(match, 5);
    return time ? local(y, m, d, ...time) : NaN;
  }

  function readMonthName(match: RegExpExecArray, dayGroup: number, monthGroup: number): Instant {
    const m = MONTHS[match[monthGroup]!.toLowerCase()];
    const d = Number(match[dayGroup]);
    const y = fullYear(match[3]!);
    if (m === undefined || !validDate(y, m, d)) return NaN;
    const time = timeOf(match, 4);
    return time ? local(y, m, d, ...time) : NaN;
  }

  /** The instant of any readable date, in range or not; NaN otherwise (`ambiguous` says why, if so). */
  function parse(text: string): Instant {
    ambiguous = false;
    const c0 = text.charCodeAt(0);
    if (text.length >= 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
      const t = readIso(text);
      if (t === t) return t;
    }
    if (c0 >= 48 && c0 <= 57) {
      let match: RegExpExecArray | null;
      if ((match = NUMERIC_DATE.exec(text))) return readNumeric(match);
      if ((match = DAY_MONTH_NAME.exec(text))) return readMonthName(match, 1, 2);
      return readDigits(text);
    }
    const match = MONTH_NAME_DAY.exec(text);
    return match ? readMonthName(match, 2, 1) : NaN;
  }

  /**
   * `YYYY-MM-DD` (local midnight), `YYYY-MM-DD(T|t| )HH:MM:SS` (local), the same + `Z`/`z` (UTC), and both
   * with exactly three fraction digits after `.` or `,`: the instant `parse` gives for them (the shape fixes
   * every character, so a cell that has it has no spaces to trim). NaN for every other text — including a
   * leap second, a year outside 1990–2100, an impossible date — which `parse` then reads or explains.
   */
  function readCommon(text: string): Instant {
    const length = text.length;
    if (length !== 20 && length !== 10 && length !== 19 && length !== 24 && length !== 23) return NaN;
    if (text.charCodeAt(4) !== 45 /* - */ || text.charCodeAt(7) !== 45) return NaN;
    const century = twoDigits(text, 0);
    const decade = twoDigits(text, 2);
    const month = twoDigits(text, 5);
    const day = twoDigits(text, 8);
    if (century < 0 || decade < 0 || month < 1 || month > 12 || day < 1) return NaN;
    const year = century * 100 + decade;
    if (year < MIN_YEAR || year > MAX_YEAR) return NaN;
    const i = (year - MIN_YEAR) * 12 + month - 1;
    if (day > MONTH_LENGTH[i]!) return NaN;
    if (length === 10) {
      if (isUtc) return MONTH_START[i]! + (day - 1) * DAY;
      const t = local(year, month, day);
      return t >= MIN_INSTANT && t < MAX_INSTANT ? t : NaN;
    }
    const sep = text.charCodeAt(10);
    if (sep !== 84 /* T */ && sep !== 32 /* space */ && sep !== 116 /* t */) return NaN;
    if (text.charCodeAt(13) !== 58 /* : */ || text.charCodeAt(16) !== 58) return NaN;
    const h = twoDigits(text, 11);
    const mi = twoDigits(text, 14);
    const s = twoDigits(text, 17);
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return NaN;
    let ms = 0;
    let zone = 19;
    if (length >= 23) {
      const dot = text.charCodeAt(19);
      const f = twoDigits(text, 20);
      const f3 = text.charCodeAt(22) - 48;
      if ((dot !== 46 /* . */ && dot !== 44) /* , */ || f < 0 || f3 < 0 || f3 > 9) return NaN;
      ms = f * 10 + f3;
      zone = 23;
    }
    if (zone === length) {
      if (isUtc) return MONTH_START[i]! + (day - 1) * DAY + h * 3_600_000 + mi * 60_000 + s * 1000 + ms;
      const t = local(year, month, day, h, mi, s, ms);
      return t >= MIN_INSTANT && t < MAX_INSTANT ? t : NaN;
    }
    if (zone + 1 !== length) return NaN;
    const z = text.charCodeAt(zone);
    if (z !== 90 /* Z */ && z !== 122 /* z */) return NaN;
    return MONTH_START[i]! + (day - 1) * DAY + h * 3_600_000 + mi * 60_000 + s * 1000 + ms;
  }

  const read = (text: string): Instant => {
    const common = readCommon(text);
    if (common === common) return common;
    const t = parse(text);
    return t >= MIN_INSTANT && t < MAX_INSTANT ? t : NaN;
  };

  function explain(text: string): string {
    const t = parse(text);
    if (ambiguous) return AMBIGUOUS_DATE;
    if (t === t) return t >= MIN_INSTANT && t < MAX_INSTANT ? 'not a problem' : OUT_OF_RANGE;
    return UNPARSEABLE;
  }

  return { read, readCommon, explain };
}

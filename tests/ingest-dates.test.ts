/** Date cells → instants: every accepted format, the timezone, the day order, and what is refused. */
import { describe, expect, it } from 'vitest';
import { AMBIGUOUS_DATE, dateReader, OUT_OF_RANGE, UNPARSEABLE } from '../scripts/read/dates.ts';

const utc = dateReader({ timezone: 'UTC' });
const at = (iso: string) => Date.parse(iso);

describe('ISO 8601', () => {
  it('a date alone is local midnight in the configured timezone', () => {
    expect(utc.read('2025-01-31')).toBe(at('2025-01-31T00:00:00Z'));
    // Berlin is UTC+1 in winter, UTC+2 in summer.
    const berlin = dateReader({ timezone: 'Europe/Berlin' });
    expect(berlin.read('2025-01-31')).toBe(at('2025-01-30T23:00:00Z'));
    expect(berlin.read('2025-07-31')).toBe(at('2025-07-30T22:00:00Z'));
  });

  it('a date-time with Z or an offset is that instant, whatever the timezone', () => {
    const berlin = dateReader({ timezone: 'Europe/Berlin' });
    for (const reader of [utc, berlin]) {
      expect(reader.read('2016-02-03T16:38:46.985Z')).toBe(at('2016-02-03T16:38:46.985Z'));
      expect(reader.read('2025-01-31T12:00:00+02:00')).toBe(at('2025-01-31T10:00:00Z'));
      expect(reader.read('2025-01-31T12:00:00+0200')).toBe(at('2025-01-31T10:00:00Z'));
      expect(reader.read('2025-01-31T12:00:00+02')).toBe(at('2025-01-31T10:00:00Z'));
      expect(reader.read('2025-01-31T05:30:00-04:30')).toBe(at('2025-01-31T10:00:00Z'));
      expect(reader.read('2025-01-31 10:00:00 UTC')).toBe(at('2025-01-31T10:00:00Z'));
      expect(reader.read('2017-02-20T10:30:43.910+01:00')).toBe(at('2017-02-20T09:30:43.910Z'));
    }
  });

  it('a date-time without offset is wall-clock time in the configured timezone (space or T, any fraction)', () => {
    expect(utc.read('2024-01-31 06:00:00.000')).toBe(at('2024-01-31T06:00:00Z'));
    expect(utc.read('2021-02-09 14:23:59.698')).toBe(at('2021-02-09T14:23:59.698Z'));
    expect(utc.read('2025-01-31T10:00')).toBe(at('2025-01-31T10:00:00Z'));
    expect(utc.read('2025-01-31T10:00:00.123456')).toBe(at('2025-01-31T10:00:00.123Z'));
    const newYork = dateReader({ timezone: 'America/New_York' });
    expect(newYork.read('2025-03-09T12:00:00')).toBe(at('2025-03-09T16:00:00Z')); // EDT, the day DST starts
    expect(newYork.read('2025-03-08 12:00:00')).toBe(at('2025-03-08T17:00:00Z')); // EST
  });

  it('impossible dates and times are unparseable', () => {
    for (const text of [
      '2025-02-30',
      '2025-13-01',
      '2025-01-31T25:00:00Z',
      '2025-01-31T10:61:00Z',
      '2025-01-31X10:00',
    ]) {
      expect(utc.read(text), text).toBeNaN();
    }
    expect(utc.read('2024-02-29')).toBe(at('2024-02-29T00:00:00Z')); // a leap day is fine
  });
});

describe('numbers', () => {
  it('13 or 12 digits are epoch milliseconds (Lever)', () => {
    expect(utc.read('1407460071043')).toBe(1407460071043);
    expect(utc.read('999999999999')).toBe(999999999999); // 2001-09-09
  });

  it('10 digits are epoch seconds', () => {
    expect(utc.read('1738317600')).toBe(at('2025-01-31T10:00:00Z'));
  });

  it('5 digits are Excel serial days, the fraction the local time of day', () => {
    expect(utc.read('45658')).toBe(at('2025-01-01T00:00:00Z'));
    expect(utc.read('45658.5')).toBe(at('2025-01-01T12:00:00Z'));
    expect(dateReader({ timezone: 'Europe/Berlin' }).read('45658.75')).toBe(at('2025-01-01T17:00:00Z'));
  });

  it('8 digits are a compact YYYYMMDD date', () => {
    expect(utc.read('20250131')).toBe(at('2025-01-31T00:00:00Z'));
  });

  it('numbers outside 1990–2100, or of another length, are refused', () => {
    expect(utc.read('10000')).toBeNaN(); // Excel serial in 1927
    expect(utc.explain('10000')).toBe(OUT_OF_RANGE);
    expect(utc.read('12345678901')).toBeNaN(); // 11 digits: a phone number, not a date
    expect(utc.explain('12345678901')).toBe(UNPARSEABLE);
    expect(utc.read('42')).toBeNaN();
  });
});

describe('day-first and month-first dates', () => {
  const dmy = dateReader({ timezone: 'UTC', dateOrder: 'DMY' });
  const mdy = dateReader({ timezone: 'UTC', dateOrder: 'MDY' });

  it('dateOrder decides 03/04/2025', () => {
    expect(dmy.read('03/04/2025')).toBe(at('2025-04-03T00:00:00Z'));
    expect(mdy.read('03/04/2025')).toBe(at('2025-03-04T00:00:00Z'));
  });

  it('dashes, dots, two-digit years and a time are read too', () => {
    expect(dmy.read('31.01.2025')).toBe(at('2025-01-31T00:00:00Z'));
    expect(dmy.read('31-01-2025 14:05')).toBe(at('2025-01-31T14:05:00Z'));
    expect(dmy.read('31/01/25')).toBe(at('2025-01-31T00:00:00Z'));
    expect(dmy.read('31/01/99')).toBe(at('1999-01-31T00:00:00Z'));
    expect(mdy.read('1/31/2025 2:05 PM')).toBe(at('2025-01-31T14:05:00Z'));
    expect(mdy.read('1/31/2025 12:05 AM')).toBe(at('2025-01-31T00:05:00Z'));
    expect(mdy.read('01/31/2025 14:05:09')).toBe(at('2025-01-31T14:05:09Z'));
  });

  it('year first is always year-month-day', () => {
    expect(mdy.read('2025/01/31')).toBe(at('2025-01-31T00:00:00Z'));
    expect(dmy.read('2025/1/5')).toBe(at('2025-01-05T00:00:00Z'));
  });

  it('without dateOrder, a date that reads only one way is accepted and one that reads two ways is ambiguous', () => {
    expect(utc.read('31/01/2025')).toBe(at('2025-01-31T00:00:00Z'));
    expect(utc.read('01/31/2025')).toBe(at('2025-01-31T00:00:00Z'));
    expect(utc.read('03/03/2025')).toBe(at('2025-03-03T00:00:00Z')); // the same date either way
    expect(utc.read('03/04/2025')).toBeNaN();
    expect(utc.explain('03/04/2025')).toBe(AMBIGUOUS_DATE);
    // A German spreadsheet's re-save: dotted, two-digit year, a time; the same text, never the value.
    expect(utc.read('04.11.24 08:12')).toBeNaN();
    expect(utc.explain('04.11.24 08:12')).toBe(AMBIGUOUS_DATE);
    expect(AMBIGUOUS_DATE).not.toMatch(/03\/04\/2025"|"04\.11/);
    expect(dmy.read('04.11.24 08:12')).toBe(at('2024-11-04T08:12:00Z'));
  });

  it('with dateOrder set, a date that contradicts it is unparseable, not silently swapped', () => {
    expect(mdy.read('31/01/2025')).toBeNaN();
    expect(mdy.explain('31/01/2025')).toBe(UNPARSEABLE);
  });
});

describe('month names', () => {
  it('English month names in either order are read', () => {
    for (const text of ['31 Jan 2025', '31-Jan-2025', 'Jan 31, 2025', 'January 31 2025', 'Jan. 31, 2025']) {
      expect(utc.read(text), text).toBe(at('2025-01-31T00:00:00Z'));
    }
    expect(utc.read('31 Jan 2025 14:05')).toBe(at('2025-01-31T14:05:00Z'));
  });
});

describe('what is refused', () => {
  it('text that is no date is unparseable, with a message that quotes no value', () => {
    for (const text of ['soon', 'TBD', 'n/a', '2025', '2025-01', 'zelda@example.com']) {
      expect(utc.read(text), text).toBeNaN();
      expect(utc.explain(text)).toBe(UNPARSEABLE);
    }
  });

  it('a year outside 1990–2100 is out of range', () => {
    expect(utc.read('2205-01-31')).toBeNaN();
    expect(utc.explain('2205-01-31')).toBe(OUT_OF_RANGE);
    expect(utc.explain('1989-12-31')).toBe(OUT_OF_RANGE);
    expect(utc.read('1990-01-01')).toBe(at('1990-01-01T00:00:00Z'));
  });
});

/**
 * How figures are written on the page. The artifact's figures are final; this only formats them.
 * Rates are fractions 0..1 in the artifact and percentages on the page; a change in a rate is in
 * percentage points (pp).
 */
import type { Definition, Figure } from '../../scripts/schema/aggregates.ts';
import { formatCount, formatOneDecimal } from '../../scripts/format.ts';
import { MONTH_NAMES, monthLabel } from '../../scripts/time.ts';

export type Unit = Definition['unit'];

export { formatCount, monthLabel };

/** `2025-03` → `Mar 2025`. */
export function monthShort(month: string): string {
  const [year, m] = month.split('-');
  return `${(MONTH_NAMES[Number(m) - 1] ?? String(m)).slice(0, 3)} ${year}`;
}

/** `2025-07-03` → `3 July 2025`. */
export function dateLabel(date: string): string {
  const [year, m, d] = date.split('-');
  return `${Number(d)} ${MONTH_NAMES[Number(m) - 1] ?? m} ${year}`;
}

/** A value in its unit, without the unit's name: `42.5`, `82%`, `1,204`. */
export function formatNumber(value: number, unit: Unit): string {
  switch (unit) {
    case 'rate':
      return `${formatOneDecimal(value * 100)}%`;
    case 'count':
    case 'none':
      return Number.isInteger(value) ? formatCount(value) : formatOneDecimal(value);
    case 'days':
    case 'hours':
      return formatOneDecimal(value);
  }
}

/** A value with its unit: `42.5 days`, `82%`, `1 day`. */
export function formatValue(value: number, unit: Unit): string {
  const number = formatNumber(value, unit);
  if (unit === 'days') return `${number} ${value === 1 ? 'day' : 'days'}`;
  if (unit === 'hours') return `${number} h`;
  return number;
}

/** The mark for a suppressed figure: `<5` (fewer than the minimum group size). */
export function suppressedMark(minGroupSize: number): string {
  return `<${minGroupSize}`;
}

/**
 * The mark for a figure hidden as a complement (beside a `<5`, so that it cannot be worked out from a total),
 * or a small one whose "fewer than 5" would itself give it away (the disclosure audit): it says no more.
 */
export const COMPLEMENT_MARK = 'hidden';

/** Whether a figure is hidden: a row or figure (with `suppressed` and maybe `complementary`), or a plain flag. */
export type Hidden = boolean | { suppressed: boolean; complementary?: true };

/**
 * `<5`, `hidden`, or null when the figure is shown. In a column with a unit (days, hours, a rate) the mark
 * says what is fewer than 5, `n<5`: `<5` in an hours column would read as "under 5 hours".
 */
export function hiddenMark(hidden: Hidden, minGroupSize: number, unit: Unit = 'count'): string | null {
  const small = unit === 'count' ? suppressedMark(minGroupSize) : `n${suppressedMark(minGroupSize)}`;
  if (typeof hidden === 'boolean') return hidden ? small : null;
  if (!hidden.suppressed) return null;
  return hidden.complementary ? COMPLEMENT_MARK : small;
}

/** A cell value: the formatted number, `<5` (`n<5` with a unit) or `hidden` when hidden, `–` when there is no value. */
export function formatCell(value: number | null, unit: Unit, hidden: Hidden, minGroupSize: number): string {
  const mark = hiddenMark(hidden, minGroupSize, unit);
  if (mark !== null) return mark;
  if (value === null) return '–';
  return formatNumber(value, unit);
}

/** A figure with its unit, `n<5` or `hidden` when hidden, `no data` when there is no value. */
export function formatFigure(figure: Figure, unit: Unit, minGroupSize: number): string {
  const mark = hiddenMark(figure, minGroupSize, unit);
  if (mark !== null) return mark;
  if (figure.value === null) return 'no data';
  return formatValue(figure.value, unit);
}

/**
 * How long ago something fell due, in whole days (`508 days`, `1 day`, `less than a day`): an age a team reads
 * out in a meeting, where "508.4 days" says nothing more.
 */
export function ageLabel(days: number): string {
  const whole = Math.round(days);
  return whole < 1 ? 'less than a day' : `${formatCount(whole)} day${whole === 1 ? '' : 's'}`;
}

/** What someone owes: `7 scorecards, the oldest due 508 days ago`. */
export function owedLabel(slots: number, oldestDays: number): string {
  return `${formatCount(slots)} scorecard${slots === 1 ? '' : 's'}, the oldest due ${ageLabel(oldestDays)} ago`;
}

/** `n = 120`, `n < 5`, `n hidden` or `n = 0`. */
export function formatN(figure: Figure, minGroupSize: number): string {
  // A hidden days-to-hire figure keeps its n: hires are published however few.
  if (figure.suppressed && figure.n === null)
    return figure.complementary ? `n ${COMPLEMENT_MARK}` : `n < ${minGroupSize}`;
  return figure.n === null ? 'n = –' : `n = ${formatCount(figure.n)}`;
}

const MINUS = '\u2212';

/**
 * A change of a rate in tenths of a percentage point, half away from zero from its 0.01 pp: −0.0395 is
 * −4.0 pp whatever its floating-point form, as the data step writes it in sentences (`tenthsOfPoint` in
 * scripts/metrics/movements.ts; tests/site/format.test.ts holds the two together).
 */
export function tenthsOfPoint(fraction: number): number {
  const hundredths = Math.round(Math.abs(fraction) * 10_000);
  const tenths = Math.floor((hundredths + 5) / 10);
  return tenths === 0 ? 0 : Math.sign(fraction) * tenths;
}

/** A signed change in the metric's unit: `+3.2 days`, `−18 pp`, `+4`, `±0`. */
export function formatChange(change: number, unit: Unit): string {
  if (unit === 'rate') {
    const tenths = tenthsOfPoint(change);
    const sign = tenths === 0 ? '±' : tenths > 0 ? '+' : MINUS;
    return `${sign}${formatOneDecimal(Math.abs(tenths) / 10)} pp`;
  }
  const size = Math.abs(change);
  // A change that rounds to nothing reads ±0, never −0 or +0.
  const zero = (Number.isInteger(size) ? size : Math.round(size * 10) / 10) === 0;
  const sign = zero ? '±' : change > 0 ? '+' : MINUS;
  switch (unit) {
    case 'days':
      return `${sign}${formatOneDecimal(size)} ${size === 1 ? 'day' : 'days'}`;
    case 'hours':
      return `${sign}${formatOneDecimal(size)} h`;
    case 'count':
    case 'none':
      return `${sign}${Number.isInteger(size) ? formatCount(size) : formatOneDecimal(size)}`;
  }
}

/** Whether a change is an improvement, a deterioration or neither, for a metric's `betterWhen`. */
export function direction(change: number, betterWhen: Definition['betterWhen']): 'better' | 'worse' | 'neutral' {
  if (change === 0 || betterWhen === 'neutral') return 'neutral';
  return change > 0 === (betterWhen === 'higher') ? 'better' : 'worse';
}

/** `1 slot`, `3 slots`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

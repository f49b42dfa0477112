/** Axis helpers shared by chart kinds: value formats per unit, month ticks. */
import type { Variant } from './theme.ts';

export type ChartUnit = 'count' | 'days' | 'hours' | 'rate';

/** Tick labels for a value axis: `80%`, `30`, `1.5k`. */
export function tickFormat(unit: ChartUnit): (value: number) => string {
  if (unit === 'rate') return (v) => `${Math.round(v * 100)}%`;
  return (v) => (Math.abs(v) >= 10_000 ? `${Math.round(v / 1000)}k` : String(Math.round(v * 10) / 10));
}

/** The instant of the first of a `YYYY-MM` month (UTC), for a time axis. */
export function monthDate(month: string): Date {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1));
}

const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Mar 2025`. */
export const monthTick = (date: Date): string => `${SHORT[date.getUTCMonth()]} ${date.getUTCFullYear()}`;

/** At most `max` evenly spaced months, always including the last one (the month a retro is about). */
export function monthTicks(months: readonly string[], variant: Variant): Date[] {
  const max = variant === 'wide' ? 8 : 3;
  const step = Math.max(1, Math.ceil(months.length / max));
  const picked: string[] = [];
  for (let i = months.length - 1; i >= 0; i -= step) picked.unshift(months[i]!);
  return picked.map(monthDate);
}

/** The time-axis domain for a list of months, padded by half a month so end dots are not cut. */
export function monthDomain(months: readonly string[]): [Date, Date] {
  const first = monthDate(months[0]!);
  const last = monthDate(months[months.length - 1]!);
  const pad = 15 * 86_400_000;
  return [new Date(first.getTime() - pad), new Date(last.getTime() + pad)];
}

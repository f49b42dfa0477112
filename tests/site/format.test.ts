import { describe, expect, it } from 'vitest';
import {
  direction,
  formatCell,
  formatChange,
  formatFigure,
  formatN,
  formatValue,
  monthLabel,
  monthShort,
} from '../../src/lib/format.ts';

describe('formatting figures', () => {
  it('writes a suppressed figure as <minGroupSize, never as a number', () => {
    expect(formatFigure({ value: null, n: null, suppressed: true }, 'rate', 5)).toBe('n<5');
    expect(formatCell(null, 'count', true, 10)).toBe('<10');
    expect(formatN({ value: null, n: null, suppressed: true }, 5)).toBe('n < 5');
  });

  it('writes no value as such, never as 0', () => {
    expect(formatFigure({ value: null, n: 0, suppressed: false }, 'days', 5)).toBe('no data');
    expect(formatCell(null, 'days', false, 5)).toBe('–');
  });

  it('writes rates as percentages and changes in rates as percentage points', () => {
    expect(formatValue(0.8235, 'rate')).toBe('82.4%');
    expect(formatChange(-0.18, 'rate')).toBe('−18 pp');
    expect(formatChange(0.005, 'rate')).toBe('+0.5 pp');
    // A change that rounds away has no sign: a decomposition row of −0.0003 is ±0 pp, not −0 pp.
    expect(formatChange(-0.0003, 'rate')).toBe('±0 pp');
    expect(formatChange(0.04, 'hours')).toBe('±0 h');
  });

  it('writes days and hours with one decimal at most, with their unit', () => {
    expect(formatValue(42.5, 'days')).toBe('42.5 days');
    expect(formatValue(1, 'days')).toBe('1 day');
    expect(formatValue(14.72, 'hours')).toBe('14.7 h');
    expect(formatChange(3, 'days')).toBe('+3 days');
    expect(formatChange(0, 'count')).toBe('±0');
    expect(formatValue(12345, 'count')).toBe('12,345');
  });

  it('says whether a change is better or worse from the definition', () => {
    expect(direction(-0.1, 'higher')).toBe('worse');
    expect(direction(-3, 'lower')).toBe('better');
    expect(direction(5, 'neutral')).toBe('neutral');
  });

  it('names months in words', () => {
    expect(monthLabel('2025-03')).toBe('March 2025');
    expect(monthShort('2025-12')).toBe('Dec 2025');
  });
});

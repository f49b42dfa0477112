import { describe, expect, it } from 'vitest';
import {
  ageLabel,
  direction,
  formatCell,
  formatChange,
  formatFigure,
  formatN,
  formatValue,
  monthLabel,
  monthShort,
  owedLabel,
  tenthsOfPoint,
} from '../../src/lib/format.ts';
import { tenthsOfPoint as sentenceTenths } from '../../scripts/metrics/movements.ts';

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

  it('rounds a change of a rate half away from zero from its 0.01 pp, whatever its floating-point form', () => {
    // 0.0295 × 100 is 2.9499…; 0.0185 × 100 is 1.8499…: both used to be written one tenth short.
    expect(formatChange(0.0295, 'rate')).toBe('+3 pp');
    expect(formatChange(-0.0185, 'rate')).toBe('−1.9 pp');
    expect(formatChange(-0.0395, 'rate')).toBe('−4 pp');
    expect(formatChange(0.0004, 'rate')).toBe('±0 pp');
    expect(formatChange(-0.0005, 'rate')).toBe('−0.1 pp');
  });

  it("rounds a change as the data step's sentences do, so a movement and its table give one figure", () => {
    for (let k = -30_000; k <= 30_000; k++) {
      const change = k / 10_000;
      if (tenthsOfPoint(change) !== sentenceTenths(change)) expect.fail(`${change} is rounded two ways`);
    }
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

  it('says how long ago something fell due in whole days', () => {
    expect(ageLabel(0.4)).toBe('less than a day');
    expect(ageLabel(0.5)).toBe('1 day');
    expect(ageLabel(508.4)).toBe('508 days');
    expect(ageLabel(1499.6)).toBe('1,500 days');
    expect(owedLabel(1, 57.6)).toBe('1 scorecard, the oldest due 58 days ago');
    expect(owedLabel(7, 508.4)).toBe('7 scorecards, the oldest due 508 days ago');
  });
});

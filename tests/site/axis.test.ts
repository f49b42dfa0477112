/** The value axis of a trend: a small share is drawn against its own range, a large rate against 0–100 %. */
import { describe, expect, it } from 'vitest';
import { yMax } from '../../src/charts/lineChart.ts';

describe('the top of a trend chart', () => {
  it('ends a little above a small share (2–13 % is not flat against 100 %)', () => {
    // 0.13 × 1.15 = 0.1495: the axis (niced) ends at 15 %.
    expect(yMax('rate', [0.02, 0.13, 0.05])).toBeCloseTo(0.1495, 6);
  });
  it('is 100 % once rates pass half of it, and a count axis ends at its largest value', () => {
    expect(yMax('rate', [0.4, 0.85])).toBe(1);
    expect(yMax('days', [12, 43.5])).toBe(43.5);
    expect(yMax('rate', [])).toBe(0.05);
  });
});

import { describe, expect, it } from 'vitest';
import { isSmallGroup, suppressFigure, suppressRow } from '../../scripts/metrics/suppression.ts';
import { aggregate, app, headline, req } from './helpers.ts';

describe('small-group suppression', () => {
  it('hides 0 < n < minGroupSize, and neither n = 0 nor n ≥ minGroupSize', () => {
    expect([0, 1, 4, 5, 6].map((n) => isSmallGroup(n, 5))).toEqual([false, true, true, false, false]);
    expect(isSmallGroup(null, 5)).toBe(false);
    expect([1, 2].map((n) => isSmallGroup(n, 1))).toEqual([false, false]);
  });

  it('nulls the counts and values of a figure or row and marks it suppressed', () => {
    expect(suppressFigure({ value: 0.5, n: 4, suppressed: false }, 5)).toEqual({
      value: null,
      n: null,
      suppressed: true,
    });
    expect(suppressFigure({ value: 0.5, n: 5, suppressed: false }, 5)).toEqual({ value: 0.5, n: 5, suppressed: false });
    expect(
      suppressRow({ key: 'x', rejections: 2, share: 0.1, suppressed: false }, 2, ['rejections', 'share'], 5),
    ).toEqual({
      key: 'x',
      rejections: null,
      share: null,
      suppressed: true,
    });
  });

  const requisitions = [req({ id: 'R1', opened: '2025-01-01T00:00:00Z' })];
  const rejections = (n: number) =>
    Array.from({ length: n }, (_, k) =>
      app({
        id: `A${k}`,
        applied: '2025-02-01T00:00:00Z',
        rejected: '2025-03-05T00:00:00Z',
        reason: 'Lacking skills',
        stage: 'Onsite',
      }),
    );

  it.each([
    [4, 5, true],
    [5, 5, false],
    [2, 3, true],
    [3, 3, false],
    [1, 1, false],
  ])('%i rejections with minGroupSize %i: suppressed = %s, everywhere the figure appears', (n, min, hidden) => {
    const a = aggregate({ requisitions, applications: rejections(n) }, { privacy: { minGroupSize: min } });
    const shown = hidden ? null : n;
    expect(a.rejections.byMonth.map((r) => [r.rejections, r.suppressed])).toEqual([[shown, hidden]]);
    expect(a.rejections.byCategory.map((r) => [r.department, r.rejections, r.share, r.suppressed])).toEqual([
      ['All', shown, hidden ? null : 1, hidden],
      ['Engineering', shown, hidden ? null : 1, hidden],
    ]);
    expect(headline(a, 'rejections', '2025-03')!.current).toEqual({ value: shown, n: shown, suppressed: hidden });
    expect(headline(a, 'withdrawalShare', '2025-03')!.current).toEqual({
      value: hidden ? null : 0,
      n: shown,
      suppressed: hidden,
    });
  });

  it('never suppresses requisition figures', () => {
    const a = aggregate(
      { requisitions: [req({ id: 'R1', opened: '2025-03-01T00:00:00Z', filled: '2025-03-03T00:00:00Z' })] },
      { privacy: { minGroupSize: 100 } },
    );
    expect(headline(a, 'requisitionsFilled', '2025-03')!.current).toEqual({ value: 1, n: 1, suppressed: false });
    expect(headline(a, 'medianDaysToFill', '2025-03')!.current).toEqual({ value: 2, n: 1, suppressed: false });
  });
});

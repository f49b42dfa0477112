/** The hover text of a trend's points: a count is its own n, a share says what it rests on. */
import { describe, expect, it } from 'vitest';
import { aggregatesSchema } from '../../scripts/schema/aggregates.ts';
import { headlineTrend } from '../../src/lib/figures/headlines.ts';
import { createSite } from '../../src/lib/site.ts';
import { aggregate, app, req } from '../metrics/helpers.ts';

// Twelve rejections in March 2025, six of them by the candidate.
const site = createSite(
  aggregatesSchema.parse(
    aggregate(
      {
        requisitions: [req({ id: 'R1', opened: '2025-01-06T00:00:00Z' })],
        applications: Array.from({ length: 12 }, (_, k) =>
          app({
            id: `A${k}`,
            job: 'R1',
            applied: '2025-02-03T00:00:00Z',
            rejected: '2025-03-10T12:00:00Z',
            reason: 'Lacking skills',
            rejectedBy: k < 6 ? 'candidate' : 'company',
          }),
        ),
      },
      { asOf: '2025-03-31' },
    ),
  ),
);
const titles = (svg: string) => [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((t) => t[1]!);

describe('trend point titles', () => {
  it('a count: the month and the count, with no "n =" repeating it', () => {
    const chart = headlineTrend(site, 'rejections', { kind: 'all' }, 't')!;
    expect(titles(chart.svg!.wide)).toContain('Mar 2025: 12');
    expect(titles(chart.svg!.wide).filter((t) => t.includes('n ='))).toEqual([]);
  });

  it('a share: the month, the share and the rejections it rests on', () => {
    const chart = headlineTrend(site, 'withdrawalShare', { kind: 'all' }, 't')!;
    expect(titles(chart.svg!.wide).some((t) => t.startsWith('Mar 2025: ') && t.endsWith('(n = 12)'))).toBe(true);
  });
});

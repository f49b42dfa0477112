/**
 * The "Reasons as recorded" chart reads the rejections' stage-'All' rollups. Over an artifact computed by the
 * data step (not the hand-made site fixture), it is drawn, with its figures suppressed as the data step says.
 */
import { describe, expect, it } from 'vitest';
import { ALL } from '../../scripts/schema/aggregates.ts';
import { topReasons } from '../../src/lib/figures/rejections.ts';
import { createSite } from '../../src/lib/site.ts';
import { aggregate, app, req } from '../metrics/helpers.ts';

describe('reasons as recorded', () => {
  const requisitions = [req({ id: 'R1', opened: '2025-01-01T00:00:00Z' })];
  const rejected = '2025-02-10T00:00:00Z';
  const apps = (n: number, reason: string, stage: string) =>
    Array.from({ length: n }, (_, k) =>
      app({ id: `${reason}-${stage}-${k}`, applied: '2025-01-05T00:00:00Z', rejected, reason, stage }),
    );
  // February: skills 6 at Onsite + 6 at Recruiter Screen (12 over stages), experience 6 at Onsite, values 2 at
  // Onsite (2 < 5: hidden, and the next-smallest, experience 6, hidden beside it).
  const a = aggregate(
    {
      requisitions,
      applications: [
        ...apps(6, 'Lacking skills', 'Onsite'),
        ...apps(6, 'Lacking skills', 'Recruiter Screen'),
        ...apps(6, 'Not enough experience', 'Onsite'),
        ...apps(2, 'Not a cultural fit', 'Onsite'),
      ],
    },
    { asOf: '2025-03-31' },
  );
  const site = createSite(a);

  it('is drawn from the data step’s rollups, for the company and for a department', () => {
    for (const department of [ALL, 'Engineering']) {
      const chart = topReasons(site, '2025-02', department);
      expect(chart, department).not.toBeNull();
      expect(chart!.svg).not.toBeNull();
      expect(chart!.csv).toBe('rejections-by-month-with-totals');
      // Skills over both stages: 12, a figure no stage alone holds (a stage's small parts would let the audit
      // pin them, so each stage holds 6).
      expect(chart!.table.rows[0]).toEqual(['Lacking skills', 'skills', 'company', '12']);
      // Hidden rows sort last, by reason: values (2, <5), then experience (6, its complement).
      expect(chart!.table.rows.map((r) => r[3])).toEqual(['12', '<5', 'hidden']);
    }
  });

  it('says what the privacy rules left out', () => {
    const notes = topReasons(site, '2025-02', ALL)!.notes.join(' ');
    expect(notes).toContain('1 reason with fewer than 5 rejections is shown as <5');
    expect(notes).toContain('1 reason is shown as hidden and left out of the chart: a small group');
  });
});

/**
 * A recruiter's page mirrors a hiring manager's: their median days to fill beside the company's, and what each
 * of their hiring managers owes in feedback, most first.
 */
import { describe, expect, it } from 'vitest';
import { aggregatesSchema } from '../../scripts/schema/aggregates.ts';
import { companyMedianDaysToFill, owedByTheirManagers, recruiterFillsChart } from '../../src/lib/recruiters.ts';
import { createSite } from '../../src/lib/site.ts';
import { aggregate, req } from '../metrics/helpers.ts';

// Four fills of 10, 20, 31 and 60 days (opened 1 January 2025): the company's median is (20 + 31) / 2 = 25.5.
const filled = (id: string, day: string) => req({ id, opened: '2025-01-01T00:00:00Z', filled: `${day}T12:00:00Z` });
const a = aggregatesSchema.parse(
  aggregate(
    {
      requisitions: [
        filled('R1', '2025-01-11'),
        filled('R2', '2025-01-21'),
        filled('R3', '2025-02-01'),
        filled('R4', '2025-03-02'),
      ],
      applications: [],
    },
    { asOf: '2025-04-15' },
  ),
);
const site = createSite(a);

describe("a recruiter's page", () => {
  it("sets their median days to fill beside the company's, over every fill", () => {
    expect(site.a.timeToFill.fills.map((f) => f.days_to_fill).sort((x, y) => x - y)).toEqual([10, 20, 31, 60]);
    expect(companyMedianDaysToFill(site)).toBe(25.5);
  });

  it('draws each seat they filled at its fill day, how many days it took, beside the company median', () => {
    const chart = recruiterFillsChart(site, 'Rui Costa')!;
    const svg = chart.svg!.wide;
    // One dot per fill, each titled with its own days: nothing summed, nothing left out.
    expect(svg.match(/<circle/g)).toHaveLength(4);
    for (const days of [10, 20, 31, 60]) expect(svg).toContain(`: ${days} days</title>`);
    // The company median, 25.5 days, as the one dashed rule; the basis counts the seats.
    expect(svg.match(/stroke-dasharray="6 4"/g)).toHaveLength(1);
    expect(chart.notes.join(' ')).toContain('25.5 days');
    expect(chart.basis).toMatch(/^Rests on 4 filled requisitions/);
    expect(chart.table.rows.map((r) => r.at(-1))).toEqual(['60', '31', '20', '10']);
    // A recruiter with no fill has no chart (the page says none).
    expect(recruiterFillsChart(site, 'Nobody')).toBeNull();
  });

  it('lists what their hiring managers owe, most first; "fewer than" above none', () => {
    site.a.owners.owedFeedback = [
      { hiringManager: 'Ana', slots: 7, oldestDays: 12.4, suppressed: false },
      { hiringManager: 'Bo', slots: null, oldestDays: null, suppressed: true },
      { hiringManager: 'Dee', slots: 12, oldestDays: 39.6, suppressed: false },
    ];
    const table = owedByTheirManagers(site, ['Cy', 'Bo', 'Ana', 'Dee']);
    // Ages in whole days (39.6 → 40, 12.4 → 12): how long ago, as said in the meeting.
    expect(table.rows).toEqual([
      ['Dee', '12', '40 days ago'],
      ['Ana', '7', '12 days ago'],
      ['Bo', `<${site.minGroupSize}`, '–'],
      ['Cy', '0', '–'],
    ]);
  });
});

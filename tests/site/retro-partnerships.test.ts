/**
 * The retrospective's partnerships of a month, cut to the page's list limit: the rows left out are in no
 * CSV, so the note must not send the reader to one for them.
 */
import { describe, expect, it } from 'vitest';
import { aggregatesSchema, type OwnerPartnership } from '../../scripts/schema/aggregates.ts';
import { PAGE_LIST_LIMIT } from '../../src/lib/figures/cap.ts';
import { retroPartnershipsTable } from '../../src/lib/retro.ts';
import { createSite } from '../../src/lib/site.ts';
import { aggregate, req } from '../metrics/helpers.ts';

const a = aggregatesSchema.parse(
  aggregate({ requisitions: [req({ id: 'R1', opened: '2025-01-06T00:00:00Z' })], applications: [] }, {}),
);
const site = createSite(a);
const row = (k: number): OwnerPartnership => ({
  month: '2025-03',
  hiringManager: `Manager ${String(k).padStart(3, '0')}`,
  recruiter: 'Rui Costa',
  departments: ['Engineering'],
  seatsOpen: 1,
  seatsFilled: 0,
  feedbackOnTime: { value: null, n: 0, suppressed: false },
  screenedTakenForward: { value: null, n: 0, suppressed: false },
  reasons: { fromMonth: '2025-03', toMonth: '2025-03', rejections: 0, categories: [], suppressed: false },
});

describe("the month's partnerships on the retrospective", () => {
  it('shows every partnership up to the limit, with no note', () => {
    const table = retroPartnershipsTable(site, '2025-03', [1, 2, 3].map(row));
    expect(table.rows.map((r) => r[0])).toEqual(['Manager 001', 'Manager 002', 'Manager 003']);
    expect(table.note).toBeUndefined();
  });

  it('past the limit, keeps the first alphabetically and says where the others are (not in a CSV)', () => {
    const rows = Array.from({ length: PAGE_LIST_LIMIT + 7 }, (_, k) => row(k + 1));
    const table = retroPartnershipsTable(site, '2025-03', rows);
    expect(table.rows).toHaveLength(PAGE_LIST_LIMIT);
    expect(table.rows.at(-1)![0]).toBe(`Manager ${String(PAGE_LIST_LIMIT).padStart(3, '0')}`);
    expect(table.note).toContain("7 more are on the hiring managers' own pages");
    expect(table.note).not.toMatch(/more are in/);
  });
});

/**
 * The page budget is the dashboard's promise, not the user's problem: lists are capped (cap.ts) so that no data
 * can break it, and a page over it is reported as the dashboard's own fault (exit 2), never blamed on the data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_BUDGET_BYTES, PageBudgetError, checkPageBudget } from '../../scripts/build.ts';
import { UserError } from '../../scripts/errors.ts';
import { PAGE_LIST_LIMIT, capList, capTable, moreNote } from '../../src/lib/figures/cap.ts';

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'robustness-budget-'));
});
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

describe('checkPageBudget', () => {
  it('counts the pages when every one is within the budget', async () => {
    const site = path.join(work, 'fine');
    fs.mkdirSync(path.join(site, 'a'), { recursive: true });
    fs.writeFileSync(path.join(site, 'index.html'), 'x'.repeat(PAGE_BUDGET_BYTES));
    fs.writeFileSync(path.join(site, 'a', 'index.html'), 'small');
    expect(await checkPageBudget(site)).toBe(2);
  });

  it('calls a page over the budget a fault of the dashboard, not of the data, and not a user error', async () => {
    const site = path.join(work, 'over');
    fs.mkdirSync(path.join(site, 'departments'), { recursive: true });
    fs.writeFileSync(path.join(site, 'departments', 'index.html'), 'x'.repeat(PAGE_BUDGET_BYTES + 1));
    const error = await checkPageBudget(site).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PageBudgetError);
    expect(error).not.toBeInstanceOf(UserError); // exit 2, the way bugs end
    expect((error as Error).message).toMatch(
      /^1 page\(s\) exceed the page-weight budget of 600 KB: departments\/index\.html/,
    );
    expect((error as Error).message).toContain('a fault of the dashboard, not of your data');
  });
});

describe('capList and capTable', () => {
  const departments = Array.from({ length: 120 }, (_, i) => `Dept ${String(i).padStart(3, '0')}`);
  const size = (d: string) => Number(d.slice(5)) % 7; // sizes 0–6, repeating

  it('keeps a short list whole', () => {
    expect(capList(departments.slice(0, PAGE_LIST_LIMIT))).toEqual({ shown: departments.slice(0, 50), more: 0 });
  });

  it('keeps the largest, in their original order, ties to the earlier', () => {
    const { shown, more } = capList(departments, size);
    expect(more).toBe(70);
    // Sizes 6 and 5 occur 17 times each among 0–119 (i % 7 = 6: 6, 13, …, 118; = 5: 5, …, 117), 34 in all;
    // then the first 16 of size 4 (4, 11, …, 109).
    expect(shown.filter((d) => size(d) === 6)).toHaveLength(17);
    expect(shown.filter((d) => size(d) === 5)).toHaveLength(17);
    expect(shown.filter((d) => size(d) === 4)).toEqual(departments.filter((d) => size(d) === 4).slice(0, 16));
    expect(shown).toEqual([...shown].sort());
  });

  it('says how many more there are and which CSV holds them', () => {
    const table = capTable(
      { caption: 'Departments', columns: [{ label: 'Department' }], rows: departments.map((d) => [d]) },
      'departments (alphabetical)',
      'headlines',
    );
    expect(table.rows).toHaveLength(50);
    expect(table.note).toBe(
      'Showing the 50 departments (alphabetical); 70 more are in headlines.csv, with all the others.',
    );
    expect(moreNote(2950, 'departments with the most fills', 'time-to-fill-by-month.csv')).toBe(
      'Showing the 50 departments with the most fills; 2,950 more are in time-to-fill-by-month.csv, with all the others.',
    );
  });
});

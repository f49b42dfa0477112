/**
 * Golden folder: the fixture of goldenFixture.ts → every CSV of EXPORTS, compared byte for byte with
 * tests/fixtures/metrics/golden/expected/<name>. A missing expected file is written (review it, then check
 * it in); on a mismatch `<name>-changed.csv` is written beside it for the reviewer to diff.
 *
 * The expected files were written by this test and then read and checked by hand (below, days and hours
 * with the one decimal they are rounded to; the files write a whole number without it: 39.0 is `39`):
 *
 * time-to-fill.csv (Berlin dates)
 *   R6 2025-02-10 → 2025-02-10 = 0.0 (filled on its opening day; hiring manager and recruiter "(none)")
 *   R1 2025-01-06 → 2025-02-14 = 25 + 14 = 39.0
 *   R3 2025-02-03 → 2025-03-01 = 25 + 1 = 26.0 (00:30 on 1 March in Berlin is 28 February in UTC); the title
 *      "=Account Executive" is written "'=Account Executive" (quoted), so no spreadsheet evaluates it
 *   R2 2025-01-20 → 2025-03-03 = 11 + 28 + 3 = 42.0
 * time-to-fill-by-month.csv
 *   2025-01: no fills → filled 0, empty medians (never 0)
 *   2025-02 All and Engineering: 0, 39 → median 19.5, p75 = 0 + 0.75·39 = 29.25 → 29.3, p90 = 35.1
 *   2025-03 All: 26, 42 → median 34.0, p75 38.0, p90 40.4; Engineering 42.0; Sales 26.0
 * open-requisitions.csv
 *   R4 2024-12-02 → 2025-03-31 = 29 + 31 + 28 + 31 = 119.0; R5 (on hold, still open) 2025-03-10 → 21.0;
 *   R7 cancelled without a date is not open. "Sales Engineer, EMEA" is quoted for its comma.
 * rejections-by-month.csv (minimum group size 2; grain rows only, no 'All')
 *   2025-02 Engineering Onsite "Wasn't interested" → candidate withdrew, candidate (withdrawn): 1 → suppressed
 *   2025-02 Engineering Recruiter Screen "Lacking skill(s)/qualification(s)" → skills, company (default): 2,
 *     hidden as a complement (below)
 *   2025-02 Sales Recruiter Screen "Salary expectations too high" → compensation, candidate (row): 2, hidden as a
 *     complement (below)
 *   2025-03 Engineering Hiring Manager Screen "" → unspecified, unknown: 1 → suppressed
 *   2025-03 Engineering Onsite '=HYPERLINK("x")' → other, unknown: 1 → suppressed; escaped and quoted
 *   Complementary suppression in February (5 rejections: Engineering 3, Sales 2, both shown as department
 *   totals before this step): Engineering's categories are withdrew 1 (hidden) + skills 2, so skills is hidden
 *   (3 − 2 would give the 1 back); All's skills (2) is then Engineering's alone and is hidden; All's categories
 *   are withdrew 1 + compensation 2 + skills 2 with withdrew hidden, so the next-smallest in row order,
 *   compensation, is hidden; Sales's compensation (2) is All's alone and is hidden; Sales's total is then its
 *   one hidden category and is hidden, which leaves Engineering's total alone beside it in the company's 5, so it
 *   is hidden too. Every February figure below the company's 5 ends up hidden: tiny groups on every side.
 * feedback-by-month.csv (grain rows only, no 'All')
 *   2025-02 Engineering Onsite: 3 slots, 3 submitted, 2 on time (4 h, 24 h exactly; 48 h late);
 *     hours 4, 24, 48 → median 24.0, p90 = 24 + 0.8·24 = 43.2; yes 1, strong_yes 1, no 1 — hidden as the
 *     complement of Recruiter Screen in Engineering's 4 slots (4 − 3 would give the 1 back)
 *   2025-02 Engineering Recruiter Screen: 1 slot → suppressed, every count empty
 *   2025-03 Engineering Hiring Manager Screen: 2 slots, 1 submitted (48 real hours across the DST change,
 *     49 on the wall clock), 0 on time; median and p90 48.0; yes 1
 *   2025-03 Sales Recruiter Screen: 2 slots, 2 submitted, 2 on time; hours 3, 24 → median 13.5,
 *     p90 = 3 + 0.9·21 = 21.9; yes 1, no_decision 1
 * data-quality.csv: the two ledger entries; "+R9 repeats…" is escaped to "'+R9 repeats…".
 * time-to-hire-by-month.csv
 *   2025-02: G6 2025-01-10 → 2025-02-14 = 35, 1 hire → suppressed (All, Engineering)
 *   2025-03 All: G7 2025-01-25 → 2025-03-03 = 37, S3 2025-02-05 → 2025-03-01 = 24 → 2 hires, median 30.5,
 *     p90 = 24 + 0.9·13 = 35.7; Engineering and Sales 1 each → suppressed
 * rejection-categories-by-month.csv
 *   2025-02 All (5): skills 2, compensation 2, candidate withdrew 1 → suppressed; skills and compensation
 *     hidden as complements (see rejections-by-month.csv), as are Engineering's skills 2 and Sales's compensation 2
 *   2025-03 All and Engineering (2): other 1, unspecified 1 → both suppressed
 * rejections-by-month-with-totals.csv: the rows above plus their 'All' rollups, every one hidden like its rows
 *   (each rollup of February is a single row's, or a hidden total's; March's reasons are 1 each)
 * rejected-by-by-month.csv
 *   2025-02 Engineering: candidate 1 (suppressed) + company 2 (complement); All: company 2 (Engineering's alone)
 *     and candidate 3 (the last one shown in All's 5); Sales's candidate 2 (its total, hidden above)
 *   2025-03 All and Engineering: unknown 2 of 2 → share 1
 * rejection-stages-by-month.csv: February's stages follow the reason rows (all hidden); March: Hiring Manager
 *   Screen 1 and Onsite 1 → suppressed
 * headlines.csv (one row per month × metric × scope: all, Engineering, Marketing, Sales and the three hiring
 *   managers): e.g. 2025-03 medianHoursToFeedback Engineering rests on 1 submitted slot → suppressed; 2025-02
 *   rejections: All 5 shown, Engineering 3 and Sales 2 hidden as complements (above), as is the company's
 *   withdrawal share (its "candidate" row is hidden: share × 5 would give it back); 2025-03 unspecified share of
 *   All hidden (1 unspecified rejection). Metrics in snake_case with their unit and direction; rates as fractions.
 * time-to-fill-by-person.csv: Hana Moreau R1 39, R2 42 → median 40.5, p75 = 39 + 0.75·3 = 41.25 → 41.3,
 *   p90 41.7, open 1 (R5); Sam Okafor R3 26.0, open 1 (R4); (none) R6 0.0; recruiters likewise
 * open-requisitions-by-age.csv: R5 21 days → Engineering 0–30; R4 119 days → Sales 91–180; All both
 * feedback-by-month-with-totals.csv: the rows of feedback-by-month.csv with due and the two rates, plus their
 *   rollups: February Engineering = All: 4 slots, 4 submitted, 3 on time (Onsite 4 h, 24 h, 48 h late; Recruiter
 *   Screen 1 h), hours 1, 4, 24, 48 → median 14.0, p90 = 24 + 0.7·24 = 40.8; its stages hidden (1 slot and its complement); March
 *   All: 4 slots, 3 submitted of 4 due, 2 on time → 0.75 and 0.5
 * feedback-outstanding.csv: I5, never submitted, fell due on 3 March 10:45, 28 days before the end of the as-of
 *   date: 7–30 days overdue, 1 slot → suppressed (All and Engineering)
 * feedback-by-person.csv: Hana Moreau's own slots (see partnerships.csv): 3, 2 submitted, 3 settled (I5, never
 *   submitted, is past its SLA), on time 1/3 = 0.3333, median 36.0
 * funnel.csv (cohort 2025-01, Engineering = All; cohort open: 59 days < 90 before the as-of date)
 *   reached: Recruiter Screen 8, Hiring Manager Screen 6, Onsite 5 (G8 still there), Offer 2
 *   pass-through 6/8 = 0.75, 5/6 = 0.8333, 2/5 = 0.4, none on the last stage
 *   days in stage: RS 22, 23, 6, 7, 7, 4, 4, 5 → 6.5; HMS 12, 41, 7, 9, 11, 16 → 11.5;
 *     Onsite 9, 32, 11, 10 → 10.5; Offer 9, 11 → 10.0
 * partnerships.csv (window 2025-01 … 2025-03)
 *   Hana Moreau: open 1 (R5 on hold), filled 2 (R1 39, R2 42 → 40.5); own slots I2 (24 h, on time), I5
 *     (never submitted), I6 (48 h) → on time 1/3 = 0.3333, hidden: her own slots of February (I2, 1) are
 *     hidden in the retrospective's partnerships table, and the audit hides March's (2) and the window's 3
 *     beside them (3 − 2 would give February back);
 *     median hours 36.0; recruiter screen → HM screen
 *     6/8 = 0.75; HM screen pass-through 5/6 = 0.8333; rejections at her stages (her screen and later; G1 G2
 *     skills at the recruiter screen are not hers): G3 withdrew, G4 unspecified, G5 other → 2/3 = 0.6667;
 *     3 own slots < 5 → enough_data false (too little over twelve months as well)
 *   Mo Reyes: R7 (recruiter Rui Costa) cancelled without a date: nothing open or filled, no figures
 *   Sam Okafor: open 1 (R4), filled 1 (R3 26.0); no own slots, no stage events; rejections S1 S2
 *     compensation, at the recruiter screen: not his stages → no rejections to judge (empty, n = 0)
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalTables } from '../../scripts/schema/canonical.ts';
import { computeAggregates } from '../../scripts/metrics/index.ts';
import { EXPORTS, toCsv } from '../../scripts/export/csv.ts';
import { aggregatesSchema } from '../../scripts/schema/aggregates.ts';
import { config } from './helpers.ts';
import { goldenConfig, goldenQuality, goldenTables } from './goldenFixture.ts';

const EXPECTED = path.resolve(import.meta.dirname, '../fixtures/metrics/golden/expected');

describe('golden folder', () => {
  const aggregates = aggregatesSchema.parse(
    computeAggregates({
      tables: canonicalTables(goldenTables),
      quality: goldenQuality,
      config: config(goldenConfig),
      sample: false,
    }),
  );

  it.each(EXPORTS.map((e) => [e.name, e] as const))('%s matches its expected file', (name, e) => {
    const actual = toCsv(e.columns, e.rows(aggregates));
    const file = path.join(EXPECTED, name);
    const changed = file.replace(/\.csv$/, '-changed.csv');
    if (!fs.existsSync(file)) {
      fs.mkdirSync(EXPECTED, { recursive: true });
      fs.writeFileSync(file, actual);
      return;
    }
    const expected = fs.readFileSync(file, 'utf8');
    if (actual === expected) {
      fs.rmSync(changed, { force: true });
      return;
    }
    fs.writeFileSync(changed, actual);
    expect(actual, `${name} differs from its golden file; see ${path.basename(changed)}`).toBe(expected);
  });

  it('writes no file that is not an export', () => {
    const names = new Set(EXPORTS.map((e) => e.name));
    const strays = fs.existsSync(EXPECTED)
      ? fs.readdirSync(EXPECTED).filter((f) => !names.has(f) && !f.endsWith('-changed.csv'))
      : [];
    expect(strays).toEqual([]);
  });
});

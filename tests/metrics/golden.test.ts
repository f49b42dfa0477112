/**
 * Golden folder: the fixture of goldenFixture.ts → every CSV of EXPORTS, compared byte for byte with
 * tests/fixtures/metrics/golden/expected/<name>. A missing expected file is written (review it, then check
 * it in); on a mismatch `<name>-changed.csv` is written beside it for the reviewer to diff.
 *
 * The expected files were written by this test and then read and checked by hand:
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
 * rejections-by-month.csv (minimum group size 2)
 *   2025-02 Engineering Onsite "Wasn't interested" → candidate withdrew, candidate (withdrawn): 1 → suppressed
 *   2025-02 Engineering Recruiter Screen "Lacking skill(s)/qualification(s)" → skills, company (default): 2
 *   2025-02 Sales Recruiter Screen "Salary expectations too high" → compensation, candidate (row): 2
 *   2025-03 Engineering Hiring Manager Screen "" → unspecified, unknown: 1 → suppressed
 *   2025-03 Engineering Onsite '=HYPERLINK("x")' → other, unknown: 1 → suppressed; escaped and quoted
 * feedback-by-month.csv (grain rows only, no 'All')
 *   2025-02 Engineering Onsite: 3 slots, 3 submitted, 2 on time (4 h, 24 h exactly; 48 h late);
 *     hours 4, 24, 48 → median 24.0, p90 = 24 + 0.8·24 = 43.2; yes 1, strong_yes 1, no 1
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
 *   2025-02 All (5): skills 2 → 0.4, compensation 2 → 0.4, candidate withdrew 1 → suppressed
 *   2025-02 Engineering (3): skills 2 → 0.6667; Sales (2): compensation 2 → 1
 *   2025-03 All and Engineering (2): other 1, unspecified 1 → both suppressed
 * funnel.csv (cohort 2025-01, Engineering = All; cohort open: 59 days < 90 before the as-of date)
 *   reached: Recruiter Screen 8, Hiring Manager Screen 6, Onsite 5 (G8 still there), Offer 2
 *   pass-through 6/8 = 0.75, 5/6 = 0.8333, 2/5 = 0.4, none on the last stage
 *   days in stage: RS 22, 23, 6, 7, 7, 4, 4, 5 → 6.5; HMS 12, 41, 7, 9, 11, 16 → 11.5;
 *     Onsite 9, 32, 11, 10 → 10.5; Offer 9, 11 → 10.0
 * partnerships.csv (window 2025-01 … 2025-03)
 *   Hana Moreau: open 1 (R5 on hold), filled 2 (R1 39, R2 42 → 40.5); own slots I2 (24 h, on time), I5
 *     (never submitted), I6 (48 h) → on time 1/3 = 0.3333, median hours 36.0; recruiter screen → HM screen
 *     6/8 = 0.75; HM screen pass-through 5/6 = 0.8333; rejections G1 G2 skills, G3 withdrew, G4 unspecified,
 *     G5 other → 2/5 = 0.4; 3 own slots < 5 → enough_data false
 *   Mo Reyes: R7 (recruiter Rui Costa) cancelled without a date: nothing open or filled, no figures
 *   Sam Okafor: open 1 (R4), filled 1 (R3 26.0); no own slots, no stage events; rejections S1 S2
 *     compensation → 0/2 = 0
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeAggregates } from '../../scripts/metrics/index.ts';
import { EXPORTS, toCsv } from '../../scripts/export/csv.ts';
import { aggregatesSchema } from '../../scripts/schema/aggregates.ts';
import { config } from './helpers.ts';
import { goldenConfig, goldenQuality, goldenTables } from './goldenFixture.ts';

const EXPECTED = path.resolve(import.meta.dirname, '../fixtures/metrics/golden/expected');

describe('golden folder', () => {
  const aggregates = aggregatesSchema.parse(
    computeAggregates({ tables: goldenTables, quality: goldenQuality, config: config(goldenConfig), sample: false }),
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

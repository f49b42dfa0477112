/**
 * The exports read back as an analyst reads them. The golden fixture's exports are written to a folder and read
 * with papaparse and with Python's csv module (scripts/tools/verify/read_exports.py): both readers must agree on
 * every cell, typed as the data dictionary says; no whole number is written with a decimal point; every empty
 * figure is either flagged as hidden or named in its row's empty_reason; and the on-time rate, the
 * submission rate and the median days to fill are recomputed from the CSVs alone. The same checks run over
 * the sample's real build in tests/e2e/build.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPORTS, toCsv } from '../../scripts/export/csv.ts';
import { computeAggregates } from '../../scripts/metrics/index.ts';
import { aggregatesSchema } from '../../scripts/schema/aggregates.ts';
import { canonicalTables } from '../../scripts/schema/canonical.ts';
import { readWithPapa, readWithPython, recomputeFromCsvs } from '../helpers/exports.ts';
import { goldenConfig, goldenQuality, goldenTables } from './goldenFixture.ts';
import { config } from './helpers.ts';

/** The golden fixture's exports, written to a folder of their own. */
function exportsOf(minGroupSize: number): string {
  const a = aggregatesSchema.parse(
    computeAggregates({
      tables: canonicalTables(goldenTables),
      quality: goldenQuality,
      config: config({ ...goldenConfig, privacy: { minGroupSize } }),
      sample: false,
    }),
  );
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'exports-roundtrip-'));
  for (const e of EXPORTS) fs.writeFileSync(path.join(folder, e.name), toCsv(e.columns, e.rows(a)));
  return folder;
}
// With the fixture's own minimum group size (2), hidden cells included.
const dir = exportsOf(2);
// Nothing hidden: every figure there to be recomputed by hand.
const open = exportsOf(1);
afterAll(() => {
  for (const folder of [dir, open]) fs.rmSync(folder, { recursive: true, force: true });
});

describe('every export, read back', () => {
  const python = readWithPython(dir);

  it('is read by Python as the dictionary says: types, empties explained, no 23.0', () => {
    expect(python.problems).toEqual([]);
    expect(Object.keys(python.tables).sort()).toEqual(EXPORTS.map((e) => e.name).sort());
  });

  it('reads the same, cell for cell, with papaparse as with Python', () => {
    const papa = readWithPapa(dir);
    for (const e of EXPORTS) expect(papa[e.name], e.name).toEqual(python.tables[e.name]);
    // Not two empty readings: the fixture's files have rows, numbers and text.
    expect(papa['time-to-fill.csv']![0]).toEqual([
      'R6',
      'Platform Engineer',
      'Engineering',
      '(none)',
      '(none)',
      '2025-02-10',
      '2025-02-10',
      0,
    ]);
  });

  it('writes no whole number with a decimal point in any file', () => {
    for (const e of EXPORTS) {
      const text = fs.readFileSync(path.join(dir, e.name), 'utf8');
      expect(text.match(/(^|,)-?\d+\.0+(?=,|\r\n)/gm), e.name).toBeNull();
    }
  });

  it('recomputes the on-time rate, the submission rate and the median days to fill from the CSVs alone', () => {
    const pairs = recomputeFromCsvs(readWithPython(open).tables);
    // By hand: February fills R6 0 and R1 39 → 19.5; March R3 26 and R2 42 → 34. March feedback: 3 of 4 due
    // submitted → 0.75, 2 on time of 4 settled → 0.5; February 4 of 4 → 1, 3 of 4 → 0.75.
    expect(pairs.filter((p) => p.figure === 'median_days_to_fill')).toEqual([
      { figure: 'median_days_to_fill', month: '2025-02', fromCsvs: 19.5, shown: 19.5 },
      { figure: 'median_days_to_fill', month: '2025-03', fromCsvs: 34, shown: 34 },
    ]);
    const recomputed = (figure: string) => pairs.filter((p) => p.figure === figure).map((p) => [p.month, p.fromCsvs]);
    expect(recomputed('feedback_on_time_rate (its own column)')).toEqual([
      ['2025-02', 0.75],
      ['2025-03', 0.5],
    ]);
    expect(recomputed('feedback_submission_rate (its own column)')).toEqual([
      ['2025-02', 1],
      ['2025-03', 0.75],
    ]);
    // And beside the headline figures, where headlines.csv shows them.
    for (const figure of ['feedback_on_time_rate', 'feedback_submission_rate', 'time-to-fill-by-month median_days'])
      expect(recomputed(figure).length, figure).toBeGreaterThan(0);
    for (const p of pairs) expect(p.fromCsvs, `${p.figure} ${p.month}`).toBe(p.shown);
    // With small groups hidden, whatever is shown still agrees.
    for (const p of recomputeFromCsvs(python.tables)) expect(p.fromCsvs, `${p.figure} ${p.month}`).toBe(p.shown);
  });

  it('catches a file that breaks the dictionary (a reader that cannot fail proves nothing)', () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'exports-broken-'));
    try {
      for (const e of EXPORTS) fs.copyFileSync(path.join(dir, e.name), path.join(broken, e.name));
      const file = path.join(broken, 'time-to-fill-by-month.csv');
      // A whole number written as a float, and an empty median that nothing explains.
      const text = fs
        .readFileSync(file, 'utf8')
        .replace('\r\n2025-03,All,2,34,', '\r\n2025-03,All,2.0,34,')
        .replace('"median_days, p75_days, p90_days: no fills in the month"', '');
      fs.writeFileSync(file, text);
      const { problems } = readWithPython(broken);
      expect(
        problems.some((p) => /time-to-fill-by-month\.csv, line \d+, column filled: not a whole number/.test(p)),
      ).toBe(true);
      expect(problems.some((p) => /column median_days: empty, but neither hidden nor explained/.test(p))).toBe(true);
    } finally {
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });
});

/**
 * CSV safe in every locale (issue 18, item 5): a spreadsheet that splits on `;` (Excel's default in most of
 * continental Europe) or on tabs must find no live formula in any field, and a comma reader must get every
 * cell back whole.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutraliseFormulae, toCsv } from '../../scripts/export/csv.ts';

/** Hostile cells: each holds a formula somewhere other than (or as well as) its first character. */
export const FORMULA_CELLS = [
  'Other;=HYPERLINK("http://zqx.example/x","click");',
  'Other;=1+1',
  'Other; =1+1',
  'Other;"=1+1"',
  "a,=cmd|' /C calc'!A0",
  'a\t@SUM(A1:A9)',
  'a\n+1+1',
  'a\r\n-2+3',
  'Other;＝1+1', // full-width equals sign
  'Other;＋1+1',
  'Other;－1+1',
  'Other;＠SUM(A1)',
  '=1+1;=2+2,=3+3\t=4+4',
];

/** Every field a reader splitting on `delimiter` sees in a file, quotes honoured as a spreadsheet does. */
const fields = (csv: string, delimiter: string): string[] =>
  Papa.parse<string[]>(csv.replace(/^\ufeff/, ''), { delimiter, newline: '\r\n', skipEmptyLines: true }).data.flat();

/** A field a spreadsheet would evaluate: it starts with a formula character (after any spaces). */
const live = (field: string): boolean => /^\s*[=+\-@＝＋－＠]/.test(field) && !/^-?\d+(\.\d+)?$/.test(field.trim());

describe('CSV in every locale', () => {
  it.each(FORMULA_CELLS)('%j is inert for comma, semicolon and tab readers', (cell) => {
    const csv = toCsv(['reason', 'rejections'], [{ reason: cell, rejections: 7 }]);
    for (const delimiter of [',', ';', '\t']) {
      const found = fields(csv, delimiter).filter(live);
      expect(found, `split on ${JSON.stringify(delimiter)}`).toEqual([]);
    }
  });

  it('gives a comma reader every cell back whole: only apostrophes added, before each would-be formula', () => {
    const csv = toCsv(['reason', 'rejections'], [{ reason: 'Other;=HYPERLINK("x");', rejections: 7 }]);
    const [, row] = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', skipEmptyLines: true }).data;
    expect(row).toEqual([`Other;'=HYPERLINK("x");`, '7']);
  });

  it('reads back with ";" as the separator into the same number of fields per line: the cell is quoted', () => {
    // A semicolon reader sees two fields per line (the comma line is one field to it) only if the cell is quoted.
    const csv = toCsv(['reason'], [{ reason: 'Other;=1+1;Skills' }]);
    expect(csv).toBe(`\ufeffreason\r\n"Other;'=1+1;Skills"\r\n`);
    const rows = Papa.parse<string[]>(csv.slice(1), { delimiter: ';', newline: '\r\n', skipEmptyLines: true }).data;
    expect(rows[1]).toEqual(["Other;'=1+1;Skills"]);
  });

  it('quotes a cell holding a semicolon or a tab, as it does one holding a comma, a quote or a line break', () => {
    expect(toCsv(['a'], [{ a: 'x;y' }])).toBe('\ufeffa\r\n"x;y"\r\n');
    expect(toCsv(['a'], [{ a: 'x\ty' }])).toBe('\ufeffa\r\n"x\ty"\r\n');
    expect(toCsv(['a'], [{ a: 'x, "y"\nz' }])).toBe('\ufeffa\r\n"x, ""y""\nz"\r\n');
    expect(toCsv(['a'], [{ a: 'plain' }])).toBe('\ufeffa\r\nplain\r\n');
  });

  it('leaves numbers numbers: negative changes, and a list of them', () => {
    expect(toCsv(['change_days', 'n', 'text'], [{ change_days: -3.25, n: -2, text: '-4.5' }])).toBe(
      '\ufeffchange_days,n,text\r\n-3.3,-2,-4.5\r\n',
    );
    expect(neutraliseFormulae('-1;-2.5;3')).toBe('-1;-2.5;3');
    expect(neutraliseFormulae('-1;-x')).toBe("-1;'-x");
  });

  it('neutralises the header too (a column name is text like any other)', () => {
    expect(toCsv(['=x'], [])).toBe(`\ufeff"'=x"\r\n`);
  });
});

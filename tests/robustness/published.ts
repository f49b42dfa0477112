/**
 * Every CSV the site publishes, read back as an outsider reads it (papaparse, by column names, no knowledge
 * of the artifact), and joined on its keys: the same figure must not be hidden in one file and shown in
 * another (two files count the same thing when their first figure column, their n, has the same name).
 * Columns are told apart by what they hold, so files reshaped or added later are read the same way:
 * a column of numbers (or empty cells) is a figure; `true`/`false` columns are flags; any other column is a key.
 * A figure's cell is hidden when it is empty and its row's `suppressed` flag, or its own `<column>_suppressed`
 * flag, is true.
 */
import Papa from 'papaparse';
import { EXPORTS, toCsv } from '../../scripts/export/csv.ts';
import type { Aggregates } from '../../scripts/schema/aggregates.ts';

type Row = Record<string, string>;

const NUMBER = /^-?\d+(\.\d+)?$/;
const FLAG = /^(true|false)$/;

/** The CSVs of `a` as the downloads publish them, parsed back. */
export function publishedCsvs(a: Aggregates): { name: string; columns: string[]; rows: Row[] }[] {
  return EXPORTS.map((e) => {
    const text = toCsv(e.columns, e.rows(a)).replace(/^\ufeff/, '');
    const parsed = Papa.parse<Row>(text, { header: true, skipEmptyLines: true });
    return { name: e.name, columns: parsed.meta.fields ?? [], rows: parsed.data };
  });
}

/** Each figure cell hidden in one published file and shown in another (or twice in one with both states). */
export function hiddenHereShownThere(a: Aggregates): string[] {
  const seen = new Map<string, { hidden: string[]; shown: string[] }>();
  for (const file of publishedCsvs(a)) {
    const { columns, rows } = file;
    const values = (c: string) => rows.map((r) => r[c] ?? '').filter((v) => v !== '');
    const flags = columns.filter((c) => values(c).length > 0 && values(c).every((v) => FLAG.test(v)));
    const figures = columns.filter((c) => !flags.includes(c) && values(c).every((v) => NUMBER.test(v)));
    const keys = columns.filter((c) => !flags.includes(c) && !figures.includes(c)).sort();
    if (keys.length === 0) continue;
    for (const row of rows) {
      const where = keys.map((k) => `${k}=${row[k]}`).join(', ');
      for (const figure of figures) {
        const value = row[figure] ?? '';
        const hidden = value === '' && (row.suppressed === 'true' || row[`${figure}_suppressed`] === 'true');
        if (value === '' && !hidden) continue;
        // Files join where they count the same thing: their first figure column (slots, rejections, hires…).
        const id = `${figure} at ${where} (a file of ${figures[0]})`;
        const entry = seen.get(id) ?? seen.set(id, { hidden: [], shown: [] }).get(id)!;
        (hidden ? entry.hidden : entry.shown).push(file.name);
      }
    }
  }
  return [...seen]
    .filter(([, e]) => e.hidden.length > 0 && e.shown.length > 0)
    .map(([id, e]) => `${id}: hidden in ${e.hidden.join(', ')}, shown in ${e.shown.join(', ')}`);
}

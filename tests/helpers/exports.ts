/**
 * Reading a folder of CSV exports back two independent ways — papaparse here, Python's csv module in
 * scripts/tools/verify/read_exports.py — typed as the data dictionary says, and recomputing figures from them.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { readerSpec } from '../../scripts/export/dictionary.ts';
import { ROOT } from './run.ts';

export type Cell = string | number | boolean | null;
/** Each file's rows, each row its cells in column order. */
export type Tables = Record<string, Cell[][]>;

/** Every file of the dictionary read with papaparse: numbers and booleans typed where the dictionary says so. */
export function readWithPapa(dir: string): Tables {
  const tables: Tables = {};
  for (const [name, columns] of Object.entries(readerSpec())) {
    const typed = new Set(columns.filter((c) => c.type !== 'text' && c.type !== 'month' && c.type !== 'date'));
    const typedNames = new Set([...typed].map((c) => c.name));
    const parsed = Papa.parse<Cell[]>(fs.readFileSync(path.join(dir, name), 'utf8').replace(/^\ufeff/, ''), {
      newline: '\r\n',
      skipEmptyLines: true,
      // Column positions are the dictionary's (the header is checked below).
      dynamicTyping: (i) => typedNames.has(columns[Number(i)]?.name ?? ''),
    });
    if (parsed.errors.length) throw new Error(`${name}: ${parsed.errors[0]!.message}`);
    const [header, ...rows] = parsed.data;
    if (header!.join(',') !== columns.map((c) => c.name).join(','))
      throw new Error(`${name}: header ${header!.join(',')}`);
    // papaparse leaves an empty text cell as '' and types an empty number as null: both are "no value".
    tables[name] = rows.map((row) => row.map((cell) => (cell === '' ? null : cell)));
  }
  return tables;
}

/** The same files read by Python's csv module, and what it found wrong (types, empties, the format). */
export function readWithPython(dir: string): { tables: Tables; problems: string[] } {
  const spec = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'exports-spec-')), 'dictionary.json');
  fs.writeFileSync(spec, JSON.stringify(readerSpec()));
  const result = spawnSync('python3', [path.join(ROOT, 'scripts/tools/verify/read_exports.py'), dir, spec], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  fs.rmSync(path.dirname(spec), { recursive: true, force: true });
  if (!result.stdout) throw new Error(`read_exports.py failed (${result.status}): ${result.stderr}`);
  const { files, problems } = JSON.parse(result.stdout) as { files: Tables; problems: string[] };
  return { tables: files, problems };
}

/** A file's rows as objects, by the dictionary's column names. */
export function records(tables: Tables, name: string): Record<string, Cell>[] {
  const columns = readerSpec()[name]!.map((c) => c.name);
  return tables[name]!.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i] ?? null])));
}

const median = (values: number[]): number | null => {
  if (!values.length) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)]! + sorted[Math.ceil(mid)]!) / 2;
};
/** Half away from zero, like the dashboard's rounding. */
const round = (value: number, decimals: number) =>
  Math.sign(value) * (Math.round(Math.abs(value) * 10 ** decimals) / 10 ** decimals);

export interface Recomputed {
  figure: string;
  month: string;
  fromCsvs: number;
  shown: number;
}

/**
 * The company's median days to fill, submission rate and on-time rate of each month, recomputed from the
 * exports alone (time-to-fill.csv's fills; feedback-by-month-with-totals.csv's counts), beside the figure
 * headlines.csv and time-to-fill-by-month.csv show for the month. Months whose shown figure is hidden or
 * empty are left out; the caller checks the pairs agree and that there are some.
 */
export function recomputeFromCsvs(tables: Tables): Recomputed[] {
  const out: Recomputed[] = [];
  const headline = new Map<string, number>();
  for (const r of records(tables, 'headlines.csv'))
    if (r.scope_kind === 'all' && typeof r.value === 'number') headline.set(`${r.metric} ${r.month}`, r.value);

  const fillDays = new Map<string, number[]>();
  for (const r of records(tables, 'time-to-fill.csv')) {
    const month = String(r.filled_on).slice(0, 7);
    fillDays.set(month, [...(fillDays.get(month) ?? []), r.days_to_fill as number]);
  }
  const byMonth = new Map(
    records(tables, 'time-to-fill-by-month.csv')
      .filter((r) => r.department === 'All')
      .map((r) => [r.month as string, r]),
  );
  for (const [month, days] of fillDays) {
    const fromCsvs = round(median(days)!, 1);
    const shownByMonth = byMonth.get(month)?.median_days;
    if (typeof shownByMonth === 'number')
      out.push({ figure: 'time-to-fill-by-month median_days', month, fromCsvs, shown: shownByMonth });
    const shown = headline.get(`median_days_to_fill ${month}`);
    if (shown !== undefined) out.push({ figure: 'median_days_to_fill', month, fromCsvs, shown });
  }

  for (const r of records(tables, 'feedback-by-month-with-totals.csv')) {
    if (r.department !== 'All' || r.stage !== 'All' || r.suppressed === true) continue;
    const month = r.month as string;
    const rates: [string, Cell | undefined, Cell | undefined][] = [
      ['feedback_submission_rate', r.submitted, r.due],
      ['feedback_on_time_rate', r.on_time, r.sla_settled],
    ];
    for (const [metric, numerator, denominator] of rates) {
      if (typeof numerator !== 'number' || typeof denominator !== 'number' || denominator === 0) continue;
      const fromCsvs = round(numerator / denominator, 4);
      const shown = headline.get(`${metric} ${month}`);
      if (shown !== undefined) out.push({ figure: metric, month, fromCsvs, shown });
      const column = metric === 'feedback_on_time_rate' ? r.on_time_rate : r.submission_rate;
      if (typeof column === 'number')
        out.push({ figure: `${metric} (its own column)`, month, fromCsvs, shown: column });
    }
  }
  return out;
}

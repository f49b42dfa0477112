/**
 * Exports nobody on the team has seen, built as a new user builds them: one run of `npm run build`, no column
 * mapping (issue 17, "tried again as a new user"). A team's hand-made spreadsheet export (no status column,
 * outcomes only as stage events, jobs without fill dates, a BOM and semicolons, dates as `04-Mar-2025` and
 * `Mar 4, 2025 2:05 PM`, a README, a candidates file and a model's output beside it) and an Ashby-shaped
 * export of the same history (`tests/fixtures/exports-handmade/generate.ts`).
 *
 * The published figures are checked against a tally of the generated history made here, without the dashboard's
 * code; the site, the cache and the log are searched for every fake person's name, id, e-mail and phone; and the
 * data-quality page's per-file rows add up to its per-table rows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesBelow, runScriptAsync, type RunResult } from './robustness/site.ts';
import {
  fillsOf,
  generateHistory,
  writeAshbyExport,
  writeAtsLiteExport,
  writeSpreadsheetExport,
  type History,
} from './fixtures/exports-handmade/generate.ts';

const DAY = 86_400_000;
let work: string;
let history: History;
const runs: Record<string, RunResult> = {};
const dirs = (name: string) => ({
  data: path.join(work, name, 'data'),
  cache: path.join(work, name, 'cache'),
  site: path.join(work, name, 'site'),
});
const NAMES = ['spreadsheet', 'atslite', 'ashby'] as const;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'exports-handmade-'));
  history = generateHistory(7, 600);
  await writeSpreadsheetExport(dirs('spreadsheet').data, history);
  // The same applications exported again last month: identical rows, merged as duplicates.
  const lines = fs.readFileSync(path.join(dirs('spreadsheet').data, 'Applications.csv'), 'utf8').split('\r\n');
  fs.writeFileSync(
    path.join(dirs('spreadsheet').data, 'Applications-2025-05.csv'),
    lines.slice(0, 21).join('\r\n') + '\r\n',
  );
  await writeAshbyExport(dirs('ashby').data, history);
  await writeAtsLiteExport(dirs('atslite').data, history);
  // Groups of one shown: the figures are what is compared here, not their privacy (tests/privacy/ does that).
  for (const name of NAMES) {
    fs.writeFileSync(path.join(dirs(name).data, 'dashboard.config.json'), '{"privacy": {"minGroupSize": 1}}\n');
  }
  const built = await Promise.all(
    NAMES.map((name) =>
      runScriptAsync('scripts/build.ts', ['--data', dirs(name).data, '--out', dirs(name).site], {
        CACHE_DIR: dirs(name).cache,
      }),
    ),
  );
  NAMES.forEach((name, i) => (runs[name] = built[i]!));
}, 900_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const logOf = (name: string) => runs[name]!.stdout + runs[name]!.stderr;
const csvOf = (name: string, file: string): Record<string, string>[] =>
  Papa.parse<Record<string, string>>(
    fs.readFileSync(path.join(dirs(name).site, 'exports', file), 'utf8').replace(/^\ufeff/, ''),
    { header: true, skipEmptyLines: true },
  ).data;
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
const monthOf = (t: number) => new Date(t).toISOString().slice(0, 7);

describe.each(NAMES)('the %s export', (name) => {
  it('builds in one run, without a column mapping', () => {
    expect(runs[name]!.status, logOf(name)).toBe(0);
    expect(logOf(name)).not.toMatch(/not recognised: closest table applications/);
  });

  it('publishes the seats filled and when, as a tally of the history gives them', () => {
    const fills = fillsOf(history);
    const expected = history.seats
      .filter((s) => fills.has(s.id))
      .map((s) => ({
        requisition_id: s.id,
        opened_on: dayOf(s.openedAt),
        filled_on: dayOf(fills.get(s.id)!),
        days_to_fill: String(Math.round((Date.parse(dayOf(fills.get(s.id)!)) - Date.parse(dayOf(s.openedAt))) / DAY)),
      }))
      .sort((a, b) => a.requisition_id.localeCompare(b.requisition_id));
    const published = csvOf(name, 'time-to-fill.csv')
      .map((r) => ({
        requisition_id: r.requisition_id!,
        opened_on: r.opened_on!,
        filled_on: r.filled_on!,
        days_to_fill: String(Number(r.days_to_fill)),
      }))
      .sort((a, b) => a.requisition_id.localeCompare(b.requisition_id));
    expect(expected.length).toBeGreaterThan(5);
    expect(published).toEqual(expected);
    const open = csvOf(name, 'open-requisitions.csv').map((r) => r.requisition_id);
    expect(open.sort()).toEqual(
      history.seats
        .filter((s) => !fills.has(s.id))
        .map((s) => s.id)
        .sort(),
    );
  });

  it('counts the rejections and withdrawals of each month and reason as the history has them', () => {
    const tally = new Map<string, number>();
    for (const a of history.applications) {
      if (a.outcome !== 'rejected' && a.outcome !== 'withdrawn') continue;
      const key = `${monthOf(a.endedAt!)} ${a.reason ?? ''}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    const published = new Map<string, number>();
    for (const r of csvOf(name, 'rejections-by-month-with-totals.csv')) {
      if (r.department !== 'All' || r.stage !== 'All') continue;
      expect(r.suppressed, `${r.month} ${r.reason}`).toBe('false');
      const key = `${r.month} ${r.reason}`;
      published.set(key, (published.get(key) ?? 0) + Number(r.rejections));
    }
    expect([...tally.values()].reduce((s, n) => s + n, 0)).toBeGreaterThan(400);
    expect(published).toEqual(tally);
  });

  it('counts the hires of each month as the history has them', () => {
    const tally = new Map<string, number>();
    for (const a of history.applications) {
      if (a.outcome === 'hired') tally.set(monthOf(a.endedAt!), (tally.get(monthOf(a.endedAt!)) ?? 0) + 1);
    }
    const published = new Map(
      csvOf(name, 'time-to-hire-by-month.csv')
        .filter((r) => r.department === 'All' && Number(r.hires) > 0)
        .map((r) => [r.month!, Number(r.hires)]),
    );
    expect(published).toEqual(tally);
  });

  it('publishes no fake person: names, candidate ids, e-mail addresses and phones are in no output', () => {
    const tokens = [
      ...history.applications.flatMap((a) => [a.name, a.candidateId, a.email, a.phone]),
      'ZZLEAK',
      'zzleak',
      'ZZLEAKSURNAME',
    ];
    const texts: Array<[string, string]> = [
      ['log', logOf(name)],
      ...[...filesBelow(dirs(name).site), ...filesBelow(dirs(name).cache)].map(
        (file) => [file, fs.readFileSync(file, 'latin1')] as [string, string],
      ),
    ];
    const found = texts.flatMap(([where, text]) => tokens.filter((t) => text.includes(t)).map((t) => `${where}: ${t}`));
    expect(found.slice(0, 5)).toEqual([]);
  });

  it("lists every file on the data-quality page, and each file's rows add up to its table's", () => {
    const html = fs.readFileSync(path.join(dirs(name).site, 'data-quality', 'index.html'), 'utf8');
    const { document } = parseHTML(html);
    const table = (caption: string) =>
      [...document.querySelectorAll('table')].find((t) => t.querySelector('caption')?.id === caption)!;
    const cells = (row: Element) => [...row.querySelectorAll('th, td')].map((c) => c.textContent!.trim());
    const number = (text: string) => Number(text.replace(/[^\d]/g, ''));
    const files = [...table('dq-files-caption').querySelectorAll('tbody tr')].map(cells);
    const header = cells(table('dq-files-caption').querySelector('thead tr')!);
    const at = (label: string) => header.indexOf(label);
    const usedByTable = new Map<string, number>();
    for (const row of files) {
      const [rows, used, duplicates, quarantined, notRead] = [
        'Rows',
        'Used (or joined)',
        'Duplicates',
        'Quarantined',
        'Not read',
      ].map((label) => number(row[at(label)]!));
      expect(used! + duplicates! + quarantined! + notRead!, row[0]).toBe(rows);
      expect(row[at('Check')], row[0]).toBe('adds up');
      const entity = /^read as (applications|requisitions|interviews|stage events)/.exec(row[1]!)?.[1];
      if (entity) usedByTable.set(entity, (usedByTable.get(entity) ?? 0) + used!);
    }
    const perTable = [...table('dq-rows-caption').querySelectorAll('tbody tr')].map(cells);
    for (const [entity, , used] of perTable) {
      expect(usedByTable.get(entity!.replace('_', ' ')) ?? 0, entity).toBe(number(used!));
    }
    expect(usedByTable.get('applications')).toBe(600);
    // Skipped, each with its reason: the candidates (a table about people) and the model's output; and the
    // text file beside the exports (README.txt, notes.txt), listed as not read.
    const skipped = files.filter((row) => row[1]!.startsWith('skipped: '));
    const notCsv = skipped.filter((row) => row[1] === 'skipped: not a CSV file').map((row) => row[0]);
    expect(skipped.length - notCsv.length).toBe(2);
    expect(notCsv).toEqual(name === 'spreadsheet' ? ['README.txt'] : name === 'atslite' ? ['notes.txt'] : []);
  });
});

describe('the spreadsheet export', () => {
  it('says that its outcomes were derived from stage events, and that its duplicates were merged', () => {
    const log = logOf('spreadsheet');
    const rejected = history.applications.filter((a) => a.outcome === 'rejected').length;
    const active = history.applications.filter((a) => a.outcome === 'active').length;
    expect(log).toContain(
      `derived status, rejected_at of ${rejected} applications: rejections, from their latest stage event "Rejected"`,
    );
    expect(log).toContain(`applications: ${active} have no outcome in your export`);
    expect(log).toMatch(/applications: read 620 = used 600 \+ duplicates 20 \+ quarantined 0/);
    expect(log).toMatch(/candidates\.csv: skipped — a table about people/);
    expect(log).toMatch(/ml\/attrition_model_output\.csv: skipped — not recognised/);
  });
});

describe('the small ATS export', () => {
  it('reads its own status and dates, skips the job catalogue without dates, and says feedback is not in it', () => {
    const log = logOf('atslite');
    expect(log).toMatch(/job_catalogue\.csv: skipped — not recognised: closest table requisitions/);
    expect(log).toMatch(/candidates\.csv: skipped — a table about people/);
    // Its outcomes are in its own columns: nothing about them is derived.
    expect(log).not.toMatch(/derived status/);
    const feedback = fs.readFileSync(path.join(dirs('atslite').site, 'feedback', 'index.html'), 'utf8');
    expect(feedback).toContain('not in your export — needs feedback_submitted_at');
    expect(feedback).not.toMatch(/\b0(\.0)? ?%/);
  });
});

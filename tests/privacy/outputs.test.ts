/**
 * Nothing of a person gets out through a label (issue 18, items 1, 2 and 5), end to end: real runs of the
 * commands on exports that plant each contact spelling in each published column, a candidate's name in a
 * reason, a column of names mapped by mistake and `;=` formulas — then the site, the CSV downloads, the log and
 * the cache folder are searched for every one of them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORTS, toCsv } from '../../scripts/export/csv.ts';
import { aggregatesSchema, type Aggregates } from '../../scripts/schema/aggregates.ts';
import { RARE_TEXT } from '../../scripts/read/labels.ts';
import { filesBelow, runScriptAsync, type RunResult } from '../robustness/site.ts';
import { candidate, candidateTokens, FORMULAS, writeHostileLabels } from './hostile-labels.ts';
import { CONTACT_SPELLINGS } from './spellings.ts';

let work: string;
const dirs = (name: string) => ({
  data: path.join(work, name, 'exports'),
  cache: path.join(work, name, 'cache'),
  site: path.join(work, name, 'site'),
});
const runs: Record<string, RunResult> = {};

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-labels-'));
  const plain = dirs('plain');
  writeHostileLabels(plain.data);
  const statusNames = dirs('status-names');
  writeHostileLabels(statusNames.data, { columns: { applications: { status: 'candidate_name' } } });
  const reasonNames = dirs('reason-names');
  writeHostileLabels(reasonNames.data, { columns: { applications: { rejection_reason: 'candidate_name' } } });
  // One whole site build; the two mapped-by-mistake folders need only the data step (the artifact is all the
  // site and its CSVs are made from).
  [runs.plain, runs.statusNames, runs.reasonNames] = await Promise.all([
    runScriptAsync('scripts/build.ts', ['--data', plain.data, '--out', plain.site], { CACHE_DIR: plain.cache }),
    runScriptAsync('scripts/data.ts', ['--data', statusNames.data], { CACHE_DIR: statusNames.cache }),
    runScriptAsync('scripts/data.ts', ['--data', reasonNames.data], { CACHE_DIR: reasonNames.cache }),
  ]);
}, 900_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const logOf = (run: RunResult) => run.stdout + run.stderr;
const artifactOf = (cache: string): Aggregates =>
  aggregatesSchema.parse(JSON.parse(fs.readFileSync(path.join(cache, 'aggregates.json'), 'utf8')));
/** The CSV downloads of an artifact, made as the site makes them. */
const csvsOf = (a: Aggregates): Array<[string, string]> => EXPORTS.map((e) => [e.name, toCsv(e.columns, e.rows(a))]);

/** Every planted personal value found in `texts` ([where, text] pairs). */
function leaks(texts: ReadonlyArray<readonly [string, string]>): string[] {
  const planted = [
    ...CONTACT_SPELLINGS.map(([spelling]) => spelling),
    ...candidateTokens(),
    'zqx.jane',
    'ｚｑｘ',
    'Fakename',
    'candidates.example.com',
  ];
  const found: string[] = [];
  for (const [where, text] of texts)
    for (const value of planted) if (text.includes(value)) found.push(`${where}: ${value}`);
  return found;
}

const filesIn = (dir: string): Array<[string, string]> =>
  fs.existsSync(dir) ? filesBelow(dir).map((f) => [path.relative(work, f), fs.readFileSync(f, 'utf8')]) : [];

/** Fields a spreadsheet would evaluate, for a reader splitting on `delimiter`. */
function liveFormulas(csv: string, delimiter: string): string[] {
  const fields = Papa.parse<string[]>(csv.replace(/^\ufeff/, ''), { delimiter, newline: '\r\n' }).data.flat();
  return fields.filter((f) => /^\s*[=+\-@＝＋－＠]/.test(f) && !/^-?\d+(\.\d+)?$/.test(f.trim()));
}

describe('a site built from exports that hide people in labels', () => {
  it('builds', () => {
    expect(runs.plain!.status, logOf(runs.plain!)).toBe(0);
  });

  it('holds no planted contact spelling, candidate name or e-mail in any page, CSV, the artifact or the log', () => {
    const { site, cache } = dirs('plain');
    const texts = [...filesIn(site), ...filesIn(cache), ['log', logOf(runs.plain!)] as [string, string]];
    expect(texts.filter(([f]) => f.endsWith('.html')).length).toBeGreaterThan(10);
    expect(texts.filter(([f]) => f.endsWith('.csv')).length).toBeGreaterThan(5);
    expect(leaks(texts)).toEqual([]);
  });

  it('publishes the columns the values were planted in: their ordinary neighbours are there', () => {
    const all = filesIn(dirs('plain').site)
      .map(([, text]) => text)
      .join('\n');
    for (const label of ['Lacking skills', 'Onsite', 'Backend Engineer', 'Hana Manager']) {
      expect(all, label).toContain(label);
    }
  });

  it('counts the one-off reason as rare text and hides the reason equal to the candidate’s name', () => {
    const a = artifactOf(dirs('plain').cache);
    expect(a.rejections.byMonth.some((r) => r.reason === RARE_TEXT)).toBe(true);
    const hidden = a.quality.unmapped.find(
      (u) => u.column === 'rejection_reason' && u.value.includes("the same as the candidate's name"),
    );
    // candidate 98's five applications give their own name as the reason.
    expect(hidden?.rows).toBe(5);
  });

  it('lists the unmapped reasons given often enough on the data-quality page, as one block to paste', () => {
    const page = fs.readFileSync(path.join(dirs('plain').site, 'data-quality', 'index.html'), 'utf8');
    const block = /id="reasons-to-map"[\s\S]*?<pre[^>]*>\s*<code>([\s\S]*?)<\/code>/.exec(page)?.[1] ?? '';
    // Five candidates gave the formula reason: it is quoted (as JSON text, escaped for HTML); nothing rare is.
    expect(block).toContain('&quot;reasons&quot;');
    expect(block).toContain('Other;=HYPERLINK(');
    expect(block).not.toContain('Spoke to');
  });

  it('writes the published formulas inert for comma, semicolon and tab readers', () => {
    const csvs = filesIn(path.join(dirs('plain').site, 'exports')).filter(([f]) => f.endsWith('.csv'));
    // The formulas are labels (five candidates each): they are published, so the escaping is what is tested.
    expect(csvs.some(([, text]) => text.includes(`Other;'=HYPERLINK(`))).toBe(true);
    expect(csvs.some(([, text]) => text.includes(`Onsite\t'@SUM(A1)`))).toBe(true);
    for (const [file, text] of csvs) {
      for (const delimiter of [',', ';', '\t'])
        expect(liveFormulas(text, delimiter), `${file} ${delimiter}`).toEqual([]);
    }
    expect(FORMULAS.rejection_reason.startsWith('Other;=')).toBe(true);
  });
});

describe('a column of candidate names mapped by mistake', () => {
  it('as the status: the build stops with one message naming the column, and nothing of the names anywhere', () => {
    const run = runs.statusNames!;
    expect(run.status).toBe(1);
    expect(logOf(run)).toContain('candidate_name');
    const { cache } = dirs('status-names');
    expect(leaks([['log', logOf(run)], ...filesIn(cache)])).toEqual([]);
    expect(fs.existsSync(path.join(cache, 'aggregates.json'))).toBe(false);
  });

  it('as the rejection reason: the build goes on, the names are counted as rare text and shown nowhere', () => {
    const run = runs.reasonNames!;
    expect(run.status, logOf(run)).toBe(0);
    const { cache } = dirs('reason-names');
    const a = artifactOf(cache);
    expect(leaks([['log', logOf(run)], ...filesIn(cache), ...csvsOf(a)])).toEqual([]);
    expect(logOf(run)).toMatch(
      /applications rejection_reason: .* shown as "other \(rare text\)".*check which column is mapped/,
    );
    expect(candidate(1).token).toBe('ZQXNAME01'); // the scan looks for the right tokens
  });
});

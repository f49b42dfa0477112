/**
 * The real command on small hand-written exports: what lands in dist/, what never does, and how a failure
 * looks to the person who ran it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { OUT_MARKER } from '../../scripts/out-folder.ts';
import { parseHTML } from 'linkedom';
import { EXPORTS, snakeCase } from '../../scripts/export/csv.ts';
import { METRIC_IDS } from '../../scripts/schema/aggregates.ts';
import { formatCount, formatValue } from '../../src/lib/format.ts';
import { readWithPapa, readWithPython, recomputeFromCsvs, records } from '../helpers/exports.ts';
import { ROOT, runScript } from '../helpers/run.ts';

const builds = inject('builds');
const SMALL = path.join(ROOT, 'tests/fixtures/build/small');

function filesBelow(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** Every value of the identifying columns in the fixture exports (names, e-mails, phones, notes, ids). */
function identifyingValues(): string[] {
  const text = fs.readFileSync(path.join(SMALL, 'applications.csv'), 'utf8').trim().split('\n');
  const header = text[0]!.split(',');
  const columns = ['candidate_id', 'candidate_name', 'candidate_email', 'candidate_phone', 'notes'].map((c) =>
    header.indexOf(c),
  );
  const values = new Set<string>();
  for (const line of text.slice(1)) {
    const cells = line.split(',');
    for (const index of columns) if (cells[index]) values.add(cells[index]!);
  }
  return [...values];
}

describe('npm run build on a small export folder', () => {
  it('says how many pages it has written and how long the site took, as many as it wrote', () => {
    const said = fs.readFileSync(`${builds.sample}.log`, 'utf8');
    const pages = filesBelow(builds.sample).filter((file) => file.endsWith('.html')).length;
    expect(pages).toBeGreaterThan(1);
    expect(said).toMatch(new RegExp(`^  ${pages} pages written in \\d+\\.\\d s$`, 'm'));
    expect(said).toContain(`Done: ${pages} pages in`);
  });

  it('shows no team notes, and says nothing about them, for a folder without notes built after one with notes', () => {
    // builds.setup.ts builds the small fixture (a note for 2025-02) first, then the custom exports (no retros/).
    expect(fs.existsSync(path.join(ROOT, 'tests/fixtures/ingest/custom-ats/retros'))).toBe(false);
    const note = fs.readFileSync(path.join(SMALL, 'retros', '2025-02.md'), 'utf8');
    const line = note
      .split('\n')
      .find((l) => l.startsWith('- '))!
      .slice(2);
    expect(fs.readFileSync(path.join(builds.small, 'retro', '2025-02', 'index.html'), 'utf8')).toContain(line);
    for (const file of filesBelow(builds.custom)) expect(fs.readFileSync(file, 'utf8')).not.toContain(line);
    expect(fs.existsSync(path.join(builds.custom, 'retro', '2025-02', 'index.html'))).toBe(true);
    expect(fs.readFileSync(`${builds.custom}.log`, 'utf8')).not.toMatch(/retros|does not exist or is empty/);
  });

  it('writes an overview page with a chart, robots.txt and the CSV exports', () => {
    const index = fs.readFileSync(path.join(builds.small, 'index.html'), 'utf8');
    expect(index).toMatch(/<svg[^>]*role="img"/);
    expect(index).toContain('noindex');
    expect(fs.readFileSync(path.join(builds.small, 'robots.txt'), 'utf8')).toMatch(/User-agent: \*\s+Disallow: \//);
    for (const name of [
      'time-to-fill.csv',
      'time-to-fill-by-month.csv',
      'open-requisitions.csv',
      'rejections-by-month.csv',
      'feedback-by-month.csv',
      'data-quality.csv',
    ]) {
      expect(fs.existsSync(path.join(builds.small, 'exports', name)), name).toBe(true);
    }
  });

  it('time-to-fill-by-month.csv holds the hand-computed figures', () => {
    const csv = fs.readFileSync(path.join(builds.small, 'exports', 'time-to-fill-by-month.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFmonth,department,filled,median_days,p75_days,p90_days,')).toBe(true);
    // REQ-1 Engineering 2025-01-06 → 2025-02-14 = 39 days (filled in 2025-02);
    // REQ-2 Engineering 2025-01-06 → 2025-03-03 = 56 days, REQ-3 Sales 2025-02-01 → 2025-03-20 = 47 days (2025-03).
    // 2025-03 All: median (47+56)/2 = 51.5; p75 = 47 + 0.75·9 = 53.75 → 53.8; p90 = 47 + 0.9·9 = 55.1.
    // Whole numbers as a spreadsheet reads them: 39, not 39.0.
    expect(csv).toContain('\r\n2025-02,All,1,39,39,39,');
    expect(csv).toContain('\r\n2025-02,Engineering,1,39,39,39,');
    expect(csv).toContain('\r\n2025-03,All,2,51.5,53.8,55.1,');
    expect(csv).toContain('\r\n2025-03,Sales,1,47,47,47,');
  });

  it('no candidate name, e-mail, phone, id or note reaches dist/', () => {
    const values = identifyingValues();
    expect(values.length).toBeGreaterThan(30);
    const leaks: string[] = [];
    for (const file of filesBelow(builds.small)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const value of values)
        if (text.includes(value)) leaks.push(`${path.relative(builds.small, file)}: ${value}`);
      if (/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}/.test(text))
        leaks.push(`${path.relative(builds.small, file)}: an e-mail address`);
    }
    expect(leaks).toEqual([]);
  });

  it('the sample build shows the sample banner; a build from other exports does not', () => {
    expect(fs.readFileSync(path.join(builds.sample, 'index.html'), 'utf8')).toMatch(/sample data/i);
    expect(fs.readFileSync(path.join(builds.small, 'index.html'), 'utf8')).not.toMatch(/sample data/i);
  });

  it('a folder whose file misses a required column fails with one clear message and leaves the previous site alone', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hiring-retro-bad-'));
    try {
      const data = path.join(work, 'exports');
      fs.cpSync(SMALL, data, { recursive: true });
      // Drop applied_at from the applications header (and its cells) so the table cannot be read.
      const lines = fs.readFileSync(path.join(data, 'applications.csv'), 'utf8').trim().split('\n');
      const drop = lines[0]!.split(',').indexOf('applied_at');
      fs.writeFileSync(
        path.join(data, 'applications.csv'),
        lines
          .map((line) =>
            line
              .split(',')
              .filter((_, i) => i !== drop)
              .join(','),
          )
          .join('\n') + '\n',
      );
      const out = path.join(work, 'site');
      fs.mkdirSync(out);
      fs.writeFileSync(path.join(out, 'index.html'), 'previous site');
      fs.writeFileSync(path.join(out, OUT_MARKER), ''); // a site an earlier build wrote
      const result = runScript('scripts/build.ts', ['--data', data, '--out', out], {
        CACHE_DIR: path.join(work, 'cache'),
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('applications.csv');
      expect(result.stderr).toContain('applied_at');
      expect(result.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
      expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('previous site');
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('an unchanged rebuild reuses the aggregates and says so', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hiring-retro-cache-'));
    try {
      const env = { CACHE_DIR: path.join(work, 'cache') };
      const first = runScript('scripts/data.ts', ['--data', SMALL], env);
      expect(first.status).toBe(0);
      expect(first.stderr).toMatch(/applications:?\s+read 10 = used 10 \+ duplicates 0 \+ quarantined 0/);
      expect(first.stderr).toMatch(/^Metrics computed in \d+\.\d s$/m);
      const second = runScript('scripts/data.ts', ['--data', SMALL], env);
      expect(second.status).toBe(0);
      expect(second.stderr).toContain('Inputs unchanged');
      expect(second.stderr).not.toContain('Metrics computed');
      const forced = runScript('scripts/data.ts', ['--data', SMALL, '--force'], env);
      expect(forced.stderr).not.toContain('Inputs unchanged');
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('an unfamiliar ATS mapped only through dashboard.config.json builds a correct dashboard', () => {
    const read = (name: string) => fs.readFileSync(path.join(builds.custom, 'exports', name), 'utf8');
    // POS-1 "Approved" 02/01/2025 (day first) → "Filled" 20/02/2025: 2 Jan → 2 Feb = 31 days, + 18 = 49.
    expect(read('time-to-fill.csv')).toContain(
      'POS-1,Backend Engineer,Engineering,Hana Okafor,(none),2025-01-02,2025-02-20,49\r\n',
    );
    // POS-2 opened 15/01/2025 and has no fill date: open at the as-of date, the latest date in the data
    // (R-003 "Hired On" 28/02/2025): 15 Jan → 28 Feb = 16 + 28 = 44 days.
    expect(read('open-requisitions.csv')).toContain('POS-2,Designer,Design,2025-01-15,44,');
    const index = fs.readFileSync(path.join(builds.custom, 'index.html'), 'utf8');
    expect(index).toContain('Recruiting retro');
    expect(index).not.toContain('custom@example.com');
  });

  it('an independent recomputation from the raw sample CSVs (plain Python) agrees with the dashboard to 0.1', () => {
    const result = spawnSync(
      'python3',
      [
        path.join(ROOT, 'scripts/tools/verify/recompute.py'),
        path.join(ROOT, 'data/sample'),
        path.join(builds.sample, 'exports'),
      ],
      { encoding: 'utf8' },
    );
    expect(result.stdout).toMatch(/\d+ monthly figures recomputed independently; 0 disagreement\(s\)/);
    // Not vacuous: at least every month's time to fill (seats are never hidden) was compared.
    expect(Number(/(\d+) monthly figures/.exec(result.stdout)?.[1])).toBeGreaterThanOrEqual(24);
    expect(result.status).toBe(0);
  });
});

describe("the sample's CSV exports, read back as an analyst reads them", () => {
  const exportsDir = () => path.join(builds.sample, 'exports');
  // One reading by Python for the three checks (ten thousand headline rows).
  let python: ReturnType<typeof readWithPython> | undefined;
  const readByPython = () => (python ??= readWithPython(exportsDir()));

  it('are read alike by papaparse and by Python, typed as the data dictionary says, no whole number as 23.0', () => {
    const { problems, tables } = readByPython();
    expect(problems).toEqual([]);
    const papa = readWithPapa(exportsDir());
    for (const e of EXPORTS) expect(papa[e.name], e.name).toEqual(tables[e.name]);
    for (const e of EXPORTS) {
      const text = fs.readFileSync(path.join(exportsDir(), e.name), 'utf8');
      expect(text.match(/(^|,)-?\d+\.0+(?=,|\r\n)/gm), e.name).toBeNull();
    }
  });

  it('give back the on-time rate, the submission rate and the median days to fill from the CSVs alone', () => {
    const pairs = recomputeFromCsvs(readByPython().tables);
    // Fills are never hidden: every month with fills is recomputed. The rates wherever they are shown (the unit
    // test tests/metrics/csv-roundtrip.test.ts recomputes them by hand with nothing hidden).
    expect(pairs.filter((p) => p.figure === 'median_days_to_fill').length).toBeGreaterThan(12);
    expect(pairs.filter((p) => p.fromCsvs !== p.shown)).toEqual([]);
  });

  it("hold the figures the overview's cards show, with their n", () => {
    const { tables } = readByPython();
    const artifact = JSON.parse(fs.readFileSync(path.join(builds.work, 'cache', 'aggregates.json'), 'utf8')) as {
      latestCompleteMonth: string;
      definitions: { id: string; title: string }[];
    };
    const idOf = new Map(artifact.definitions.map((d) => [d.title, snakeCase(d.id)]));
    const row = new Map(
      records(tables, 'headlines.csv')
        .filter((r) => r.scope_kind === 'all' && r.month === artifact.latestCompleteMonth)
        .map((r) => [r.metric, r]),
    );
    const { document } = parseHTML(fs.readFileSync(path.join(builds.sample, 'index.html'), 'utf8'));
    const cards = [...document.querySelectorAll('.card')];
    expect(cards.length).toBe(METRIC_IDS.length);
    let shown = 0;
    for (const card of cards) {
      const title = card.querySelector('h3')?.textContent?.trim() ?? '';
      const r = row.get(idOf.get(title));
      expect(r, title).toBeDefined();
      const value = card.querySelector('.card-value')?.textContent?.trim();
      if (r!.suppressed === true || typeof r!.value !== 'number') continue;
      shown++;
      expect(value, title).toBe(formatValue(r!.value, r!.unit as 'count' | 'days' | 'hours' | 'rate'));
      // A count is its own n: its card shows none.
      expect(card.querySelector('.card-n')?.textContent?.trim(), title).toBe(
        r!.unit === 'count' ? undefined : `n = ${formatCount(r!.n as number)}`,
      );
    }
    // At least the requisition cards (fills, days to fill, open seats), which describe seats and are never hidden.
    expect(shown).toBeGreaterThanOrEqual(3);
  });
});

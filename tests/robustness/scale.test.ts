/**
 * Data never breaks the build (issue 18, item 8): exports that are large in one direction — many departments
 * and hiring managers, many files, many columns, many distinct reasons — build within the page budget (long
 * lists are capped with "Showing the 50 …; N more are in x.csv"), or stop with a message about the data; never
 * with the page-budget message, which is kept for the dashboard's own faults.
 *
 * Sizes: the 3,000 departments build 6,000 pages (minutes on a small machine); 1,000 departments, each
 * with a hiring manager of its own, already put the time-to-fill page at about 860 KB without the caps, so the
 * property is tested there. The files and columns are the issue's own: 10,000 files and 100,000 columns.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_BUDGET_BYTES } from '../../scripts/build.ts';
import { runScriptAsync } from './site.ts';
import { writeScaleExports, type ScaleOptions } from './scale.ts';

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'robustness-scale-'));
});
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

/** Builds the site from exports of the given shape; returns the build's output and every page's size. */
async function build(name: string, shape: ScaleOptions) {
  const data = path.join(work, name);
  writeScaleExports(data, shape);
  const site = path.join(work, `${name}-site`);
  const result = await runScriptAsync('scripts/build.ts', ['--data', data, '--out', site], {
    CACHE_DIR: path.join(work, `${name}-cache`),
  });
  const log = result.stderr + result.stdout;
  const pages = fs.existsSync(site)
    ? fs
        .readdirSync(site, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.html'))
        .map((e) => ({
          name: path.relative(site, path.join(e.parentPath, e.name)),
          bytes: fs.statSync(path.join(e.parentPath, e.name)).size,
        }))
    : [];
  return { status: result.status, log, site, pages };
}

const largest = (pages: { name: string; bytes: number }[]) => [...pages].sort((a, b) => b.bytes - a.bytes)[0]!;

// One build for both directions: the departments fill the lists of the department and time-to-fill pages, the
// files and columns the data-quality page; each page's cap is its own, so neither hides the other.
let built: Awaited<ReturnType<typeof build>>;
beforeAll(async () => {
  built = await build('wide', { departments: 1000, files: 10_000, extraColumns: 100_000 });
}, 600_000);

describe('exports large in one direction', () => {
  it('build within the page budget, with no message about a bug', () => {
    const { status, log, pages } = built;
    expect(status, log.slice(-2000)).toBe(0);
    expect(log).not.toMatch(/page-weight budget|looks like a bug/);
    expect(largest(pages).bytes).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
  });

  it('1,000 departments with a hiring manager each: a page each, long lists capped', () => {
    const { site, pages } = built;
    // A page per department and per hiring manager is still built; the lists name the 50 largest.
    expect(pages.filter((p) => p.name.startsWith(`departments${path.sep}`)).length).toBeGreaterThan(1000);
    const index = fs.readFileSync(path.join(site, 'departments', 'index.html'), 'utf8');
    expect(index.match(/<li><a href="\/departments\/[^"]+\/">/g)).toHaveLength(50);
    expect(index).toContain('Showing the 50 departments with the most requisitions; 950 more are in headlines.csv');
    const timeToFill = fs.readFileSync(path.join(site, 'time-to-fill', 'index.html'), 'utf8');
    expect(timeToFill).toMatch(
      /Showing the 50 hiring managers with the most requisitions; 950 more are in time-to-fill-by-person\.csv/,
    );
    // The CSV keeps every one.
    const byPerson = fs.readFileSync(path.join(site, 'exports', 'time-to-fill-by-person.csv'), 'utf8');
    expect(new Set(byPerson.match(/ZQXHM\d+/g)).size).toBe(1000);
  });

  it('10,000 files and 100,000 columns: the data-quality page counts the columns it does not know, without naming them', () => {
    const quality = fs.readFileSync(path.join(built.site, 'data-quality', 'index.html'), 'utf8');
    // A dropped column is named only when its header is a known column name: these are counted.
    expect(quality).toContain('100,000 other columns, not named');
    expect(quality).not.toContain('custom_field_000020');
  });
});

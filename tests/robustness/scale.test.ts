/**
 * Data never breaks the build (issue 18, item 8): exports that are large in one direction — many departments
 * and hiring managers, many files, many columns, many distinct reasons — build within the page budget (long
 * lists are capped with "Showing the 50 …; N more are in x.csv"), or stop with a message about the data; never
 * with the page-budget message, which is kept for the dashboard's own faults.
 *
 * Sizes: the files and columns are the issue's own (10,000 files, 100,000 columns). 1,000 departments, each with
 * a hiring manager of its own, put the time-to-fill page at about 860 KB before the caps; 300 (600 pages) check
 * the same thing in a third of the time: no page names more of them than its capped tables and lists hold, so a
 * page's size stops growing with the data (ATTACK_SCALE_FULL=1 builds the 1,000). The data step runs first, on
 * its own, so that only the site build waits for its turn (tests/helpers/site-build-turn.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_BUDGET_BYTES } from '../../scripts/build.ts';
import { PAGE_LIST_LIMIT } from '../../src/lib/figures/cap.ts';
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
  const env = { CACHE_DIR: path.join(work, `${name}-cache`) };
  const step = await runScriptAsync('scripts/data.ts', ['--data', data], env);
  const result = await runScriptAsync('scripts/build.ts', ['--data', data, '--out', site], env);
  const log = step.stderr + step.stdout + result.stderr + result.stdout;
  const pages = fs.existsSync(site)
    ? fs
        .readdirSync(site, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.html'))
        .map((e) => ({
          name: path.relative(site, path.join(e.parentPath, e.name)),
          bytes: fs.statSync(path.join(e.parentPath, e.name)).size,
          managers: new Set(fs.readFileSync(path.join(e.parentPath, e.name), 'utf8').match(/ZQXHM\d+/g)).size,
        }))
    : [];
  return { status: step.status === 0 ? result.status : step.status, log, site, pages };
}

const largest = (pages: { name: string; bytes: number }[]) => [...pages].sort((a, b) => b.bytes - a.bytes)[0]!;

// One build for both directions: the departments fill the lists of the department and time-to-fill pages, the
// files and columns the data-quality page; each page's cap is its own, so neither hides the other.
const DEPARTMENTS = process.env.ATTACK_SCALE_FULL === '1' ? 1000 : 300;
/** The most hiring managers a page may name: the open and filled requisitions (100 each) and a list of 50. */
const MOST_NAMED = 100 + 100 + PAGE_LIST_LIMIT;
let built: Awaited<ReturnType<typeof build>>;
beforeAll(async () => {
  built = await build('wide', { departments: DEPARTMENTS, files: 10_000, extraColumns: 100_000 });
}, 600_000);

describe('exports large in one direction', () => {
  it('build within the page budget, with no message about a bug', () => {
    const { status, log, pages } = built;
    expect(status, log.slice(-2000)).toBe(0);
    expect(log).not.toMatch(/page-weight budget|looks like a bug/);
    expect(largest(pages).bytes).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
  });

  it(`${DEPARTMENTS} departments with a hiring manager each: a page each, long lists capped`, () => {
    const { site, pages } = built;
    const more = DEPARTMENTS - PAGE_LIST_LIMIT;
    // A page per department and per hiring manager is still built; the lists name the 50 largest.
    expect(pages.filter((p) => p.name.startsWith(`departments${path.sep}`)).length).toBeGreaterThan(DEPARTMENTS);
    const index = fs.readFileSync(path.join(site, 'departments', 'index.html'), 'utf8');
    expect(index.match(/<li><a href="\/departments\/[^"]+\/">/g)).toHaveLength(50);
    expect(index).toContain(`Showing the 50 departments with the most requisitions; ${more} more are in headlines.csv`);
    const timeToFill = fs.readFileSync(path.join(site, 'time-to-fill', 'index.html'), 'utf8');
    expect(timeToFill).toContain(
      `Showing the 50 hiring managers with the most requisitions; ${more} more are in time-to-fill-by-person.csv`,
    );
    // No page names them all (the one recruiter's page did, before its table of what they owe was capped).
    const most = [...pages].sort((a, b) => b.managers - a.managers)[0]!;
    expect(most.managers, most.name).toBeLessThanOrEqual(MOST_NAMED);
    // The CSV keeps every one.
    const byPerson = fs.readFileSync(path.join(site, 'exports', 'time-to-fill-by-person.csv'), 'utf8');
    expect(new Set(byPerson.match(/ZQXHM\d+/g)).size).toBe(DEPARTMENTS);
  });

  it('10,000 files and 100,000 columns: the data-quality page counts the columns it does not know, without naming them', () => {
    const quality = fs.readFileSync(path.join(built.site, 'data-quality', 'index.html'), 'utf8');
    // A dropped column is named only when its header is a known column name: these are counted.
    expect(quality).toContain('100,000 other columns, not named');
    expect(quality).not.toContain('custom_field_000020');
  });
});

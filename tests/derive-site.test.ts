/**
 * The built site of a hand-made export whose interviews have no feedback-submitted column and whose outcomes are
 * only stage events (tests/fixtures/derive/handmade.ts): the feedback figures read "not in your export", never
 * 0 %, on the overview's cards, the feedback page and in the CSV; what was derived is said in the build's output
 * and on the data-quality page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from './helpers/run.ts';
import { writeHandmadeExport } from './fixtures/derive/handmade.ts';

let work: string;
let out: string;
let log: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'derive-site-'));
  const data = path.join(work, 'data');
  await writeHandmadeExport(data, { seed: 29 });
  out = path.join(work, 'site');
  const result = runScript('scripts/build.ts', ['--data', data, '--out', out], { CACHE_DIR: path.join(work, 'cache') });
  log = `${result.stderr}${result.stdout}`;
  if (result.status !== 0) throw new Error(`the build failed (${result.status}):\n${log}`);
});
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

/** A page's visible text, tags dropped and spaces collapsed. */
const text = (page: string): string =>
  fs
    .readFileSync(path.join(out, page), 'utf8')
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** The overview card of a metric: from its title to the link to its definition. */
const card = (title: string): string => {
  const overview = text('index.html');
  const start = overview.indexOf(`${title} `);
  expect(start, title).toBeGreaterThanOrEqual(0);
  return overview.slice(start, overview.indexOf('How it is defined', start));
};

describe('a figure whose column is not in the export', () => {
  it('reads "not in your export" on the overview cards, naming the column, never 0 %', () => {
    for (const title of ['Feedback submission rate', 'Feedback on-time rate', 'Median hours to feedback']) {
      const shown = card(title);
      expect(shown).toContain('Not in your export');
      expect(shown).toContain('feedback_submitted_at');
      expect(shown).not.toMatch(/\d\s?%/);
    }
  });

  it('reads "not in your export" on the feedback page, and no rate of 0 % is shown', () => {
    const page = text('feedback/index.html');
    expect(page).toContain('Not in your export — needs feedback_submitted_at');
    // The old page said "0%" submitted and on time, and counted every slot as overdue.
    expect(page).not.toMatch(/\b0(\.0)?\s?%/);
    expect(page).not.toContain('without feedback');
  });

  it('leaves the CSV cell empty and says why', () => {
    const csv = fs.readFileSync(path.join(out, 'exports', 'headlines.csv'), 'utf8').replace(/^\uFEFF/, '');
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    const row = rows.find(
      (r) => r.metric === 'feedback_submission_rate' && r.month === '2025-01' && r.scope_kind === 'all',
    )!;
    expect(row.value).toBe('');
    // `<the empty columns>: <why>`, as every empty_reason.
    expect(row.empty_reason).toMatch(/^value\b.*: not in your export — needs feedback_submitted_at$/);
  });
});

describe('what was derived', () => {
  it('is said in the build output and listed on the data-quality page with its count', () => {
    // 5 rejections, 1 withdrawal and 4 hires live only in the stage events (see handmade.ts).
    expect(log).toContain('derived status, rejected_at of 5 applications: rejections');
    expect(log).toContain('derived status, hired_at of 4 applications: hires');
    const page = text('data-quality/index.html');
    expect(page).toContain('Derived from other columns');
    expect(page).toMatch(/applications status, rejected_at 5 rejections, from their latest stage event "Rejected"/);
    expect(page).toMatch(/requisitions filled_at 3 their job’s hires/);
  });
});

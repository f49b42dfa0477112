/**
 * The retrospective, end to end on a copy of the sample: `npm run retro` writes October's note from
 * September's, the next build shows it, and October's page holds what the meeting needs without leaving it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseActions } from '../scripts/actions.ts';
import { ROOT, runScript } from './helpers/run.ts';

const SAMPLE = path.join(ROOT, 'data/sample');
let work: string;
let data: string;
let out: string;
let cache: string;
let firstRun: ReturnType<typeof runScript>;
let page: Document;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'hiring-retro-retro-'));
  data = path.join(work, 'data');
  out = path.join(work, 'site');
  cache = path.join(work, 'cache');
  fs.mkdirSync(path.join(data, 'retros'), { recursive: true });
  for (const name of fs.readdirSync(SAMPLE))
    if (name.endsWith('.csv') || name === 'dashboard.config.json')
      fs.copyFileSync(path.join(SAMPLE, name), path.join(data, name));
  // September's note with its actions; no October note yet: the command writes it.
  fs.copyFileSync(path.join(SAMPLE, 'retros/2026-09.md'), path.join(data, 'retros/2026-09.md'));
  firstRun = runScript('scripts/retro.ts', ['2026-09', '--data', data], { CACHE_DIR: cache });
  const build = runScript('scripts/build.ts', ['--data', data, '--out', out], { CACHE_DIR: cache });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stderr}\n${build.stdout}`);
  page = parseHTML(fs.readFileSync(path.join(out, 'retro/2026-10/index.html'), 'utf8')).document;
}, 600_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** The elements between a section's h2 and the next h2. */
function section(id: string): Element[] {
  const start = page.getElementById(id);
  const els: Element[] = [];
  for (let el = start?.nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling) els.push(el);
  return els;
}

describe('npm run retro', () => {
  it("writes October's note with the movements and September's open actions, and refuses to overwrite it", () => {
    expect(firstRun.status, firstRun.stderr).toBe(0);
    const note = fs.readFileSync(path.join(data, 'retros/2026-10.md'), 'utf8');
    expect(note).toMatch(/^# Retrospective, October 2026\n/);
    expect(note).toContain('## Movements to discuss (October 2026)');
    // The two September actions still open, carried over as open task items; the done one is not.
    const september = parseActions(fs.readFileSync(path.join(data, 'retros/2026-09.md'), 'utf8'));
    expect(september.filter((a) => a.done)).toHaveLength(1);
    expect(parseActions(note)).toEqual(september.filter((a) => !a.done));

    const again = runScript('scripts/retro.ts', ['2026-09', '--data', data], { CACHE_DIR: cache });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('retros/2026-10.md: already exists');
    expect(fs.readFileSync(path.join(data, 'retros/2026-10.md'), 'utf8')).toBe(note);
  });

  it("the next build shows the note on October's page", () => {
    const notes = text(page.querySelector('.notes'));
    expect(notes).toContain('Prepared by npm run retro');
    expect(notes).toContain('Recruiters re-check salary expectations before the onsite.');
  });
});

describe("October's retrospective page", () => {
  it('lists the five biggest movements, each linking to its scope and the rate movements with their explanation', () => {
    const items = [...page.querySelectorAll('ol.movements > li')];
    expect(items).toHaveLength(5);
    for (const item of items) {
      const link = item.querySelector('a[href]')!;
      const target = path.join(out, decodeURI(link.getAttribute('href')!), 'index.html');
      expect(fs.existsSync(target), link.getAttribute('href')!).toBe(true);
      expect(text(item.querySelector('.volume'))).toMatch(/^Volume in October 2026: /);
      // A rate's movement (in pp) comes with its why and the table of its parts.
      if (/ pp\)/.test(text(item.querySelector('p'))) && item.querySelector('.why')) {
        expect(text(item.querySelector('.why'))).toMatch(/because the (departments|stages) themselves changed/);
        expect(item.querySelectorAll('table.decomposition tbody tr').length).toBeGreaterThan(1);
      }
    }
    // The first is October's feedback collapse (the company's, Engineering's or a hiring manager's, whichever the
    // privacy rules leave shown).
    expect(text(items[0]!.querySelector('p'))).toMatch(/^worse Feedback on-time rate fell from /);
    expect(items.filter((item) => item.querySelector('.why')).length).toBeGreaterThan(0);
  });

  it("shows last month's actions, done or open", () => {
    const actions = [...page.querySelectorAll('ul.actions > li')].map((li) => text(li));
    expect(actions).toEqual([
      'done Offers approved within 48 h of the onsite debrief.',
      'open Recruiters re-check salary expectations before the onsite.',
      expect.stringMatching(/^open Talent ops goes through the reason list with /),
    ]);
  });

  it("shows the month's partnerships and who owes feedback", () => {
    const rows = [
      ...page.querySelectorAll('#retro-owners-caption ~ tbody tr, table:has(#retro-owners-caption) tbody tr'),
    ];
    expect(rows.length).toBeGreaterThan(5);
    const owed = [...page.querySelectorAll('ul.owed > li')].map((li) => text(li));
    expect(owed.length).toBeGreaterThan(0);
    for (const line of owed)
      expect(line).toMatch(/: (\d+ scorecards?, the oldest due .* ago|fewer than \d+ scorecards)$/);
  });

  it('says which targets were met or missed', () => {
    const rows = section('targets').flatMap((el) => [...el.querySelectorAll('tbody tr')]);
    // The sample's config sets five targets.
    expect(rows).toHaveLength(5);
    // Met or missed; "no figure" only where the month's figure is hidden for privacy or missing.
    const verdicts = rows.map((row) => text(row.querySelector('td:last-child')));
    for (const verdict of verdicts) expect(verdict).toMatch(/^(met|missed|no figure)$/);
    expect(verdicts.filter((v) => v !== 'no figure').length).toBeGreaterThan(0);
    expect(rows.map((r) => text(r.querySelector('th')))).toContain('Feedback on-time rate');
  });

  it("draws them on the department charts too: each department's own where it has one", () => {
    const page = (p: string) => parseHTML(fs.readFileSync(path.join(out, p, 'index.html'), 'utf8')).document;
    // The sample: days to fill ≤ 45 for the company, ≤ 60 for Engineering; feedback on time ≥ 85%.
    expect(text(page('time-to-fill').getElementById('fill-by-department'))).toContain(
      "The dotted tick on each bar is its target: Engineering's own ≤ 60 days, the others the company's ≤ 45 days.",
    );
    const feedback = page('feedback');
    for (const id of ['feedback-by-department', 'feedback-by-hiringManager'])
      expect(feedback.getElementById(id)?.innerHTML, id).toContain('target ≥ 85%');
  });
});

describe('hiring-manager pages', () => {
  const csv = (name: string) =>
    Papa.parse<Record<string, string>>(fs.readFileSync(path.join(SAMPLE, name), 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;

  it('none is empty while its manager has data in the last 12 months: cards, over twelve months if need be', () => {
    // Worked out from the exports, not from the artifact: each hiring manager's own interviews (they are the
    // interviewer on their own requisition) and the applications to their requisitions, from November 2025 to
    // October 2026.
    const managerOfJob = new Map(csv('requisitions.csv').map((r) => [r.job_id!, r.hiring_manager!]));
    const jobOf = new Map(csv('applications.csv').map((a) => [a.application_id!, a.job_id!]));
    const own = new Map<string, number>();
    const withData = new Set<string>();
    for (const i of csv('interviews.csv')) {
      const manager = managerOfJob.get(jobOf.get(i.application_id!) ?? '');
      if (!manager || i.interviewer !== manager || (i.interview_at ?? '') < '2025-11-01') continue;
      own.set(manager, (own.get(manager) ?? 0) + 1);
      withData.add(manager);
    }
    for (const a of csv('applications.csv')) {
      const manager = managerOfJob.get(a.job_id!);
      if (manager && (a.applied_at ?? '') >= '2025-11-01' && (a.applied_at ?? '') < '2026-11-01') withData.add(manager);
    }
    const pages = fs
      .readdirSync(path.join(out, 'hiring-managers'), { withFileTypes: true })
      .filter((e) => e.isDirectory());
    expect(pages.length).toBeGreaterThan(20);
    let widened = 0;
    for (const entry of pages) {
      const doc = parseHTML(
        fs.readFileSync(path.join(out, 'hiring-managers', entry.name, 'index.html'), 'utf8'),
      ).document;
      const name = text(doc.querySelector('h1'));
      const cards = doc.querySelectorAll('#partnership ~ ul.cards > li');
      if (withData.has(name)) expect(cards.length, name).toBeGreaterThan(0);
      if (text(doc.querySelector('.lede')).includes('twelve months')) widened++;
      // Every card is shown beside the company's figure, or says why it is not compared.
      for (const card of cards)
        expect(text(card.querySelector('.card-company')), name).toMatch(/^(Company: |Not compared)/);
      // The feedback they owe is always said.
      expect(text(doc.getElementById('owes')?.nextElementSibling), name).not.toBe('');
      // Their own recommendations are a sentence with the counts (or why they are hidden), never an empty chart.
      const mix = text(doc.getElementById('recommendations')?.nextElementSibling);
      if (doc.getElementById('recommendations'))
        expect(mix, name).toMatch(/^\w+ \d{4} – \w+ \d{4}: (hidden for privacy|[\d,]+ scorecards? of their own — )/);
      expect(doc.body.textContent, name).not.toContain('Nothing to draw');
    }
    // The sample has hiring managers whose last three months are thin: their cards cover twelve.
    expect(widened).toBeGreaterThan(0);
  });

  it("a recruiter's page mirrors them: their days to fill beside the company's, what their managers owe", () => {
    const pages = fs.readdirSync(path.join(out, 'recruiters'), { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(pages.length).toBeGreaterThan(3);
    for (const entry of pages) {
      const doc = parseHTML(fs.readFileSync(path.join(out, 'recruiters', entry.name, 'index.html'), 'utf8')).document;
      const name = text(doc.querySelector('h1'));
      for (const card of doc.querySelectorAll('#seats ~ ul.cards > li'))
        expect(text(card.querySelector('.card-company')), name).toMatch(/^(Company: [\d.]+ days|Not compared)/);
      const owes = doc.querySelectorAll('#owes ~ .table-wrap table tbody tr, #owes ~ div table tbody tr');
      expect(owes.length, name).toBeGreaterThan(0);
    }
  });
});

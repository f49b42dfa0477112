/**
 * The retrospective's "Done when", on the built sample: on one month's page a recruiting lead finds, without
 * leaving it, the five biggest movements with their explanations and links, who owes feedback, each
 * partnership of the month, the targets met or missed, last month's actions and their state; and the page
 * prints as an agenda of at most 3 A4 pages with the movements, the actions and the partnerships on the first.
 * Figures are checked against the artifact the build wrote and the sample's own note, never typed in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseActions } from '../../scripts/actions.ts';
import { aggregatesSchema, type Aggregates } from '../../scripts/schema/aggregates.ts';
import { addMonths } from '../../scripts/time.ts';
import { launchChromium } from '../helpers/browser.ts';
import { ROOT } from '../helpers/run.ts';
import { serveSite, type SiteServer } from '../helpers/server.ts';

const builds = inject('builds');
// The builds share one cache folder; the last to write it is the sample's (builds.setup.ts: `sub` reuses it).
const a: Aggregates = aggregatesSchema.parse(
  JSON.parse(fs.readFileSync(path.join(builds.work, 'cache', 'aggregates.json'), 'utf8')),
);
// The sample's latest complete month: the one the team meets about.
const month = a.latestCompleteMonth!;
const file = path.join(builds.sample, 'retro', month, 'index.html');
const { document } = parseHTML(fs.readFileSync(file, 'utf8'));
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** A page link of the site → its file in the build (base `/`). */
const built = (href: string) => path.join(builds.sample, decodeURI(href.split('#')[0]!), 'index.html');
/** `−7.5 pp` → −7.5; `±0 pp` → 0. */
const pp = (cell: string) =>
  Number(
    cell
      .replace('\u2212', '-')
      .replace('±', '')
      .replace(/\s*pp$/, ''),
  );
/** The section of the page from heading `id` to the next heading of its level or higher. */
function section(id: string): Element[] {
  const heading = document.getElementById(id)!;
  const level = Number(heading.tagName.slice(1));
  const out: Element[] = [];
  for (let el = heading.nextElementSibling; el; el = el.nextElementSibling) {
    if (/^H[1-6]$/.test(el.tagName) && Number(el.tagName.slice(1)) <= level) break;
    out.push(el);
  }
  return out;
}

describe(`the retrospective page of ${month} on the sample`, () => {
  it('shows the five biggest movements, each linked to its scope and explained where it is a rate', () => {
    const expected = a.movements.items.filter((m) => m.month === month);
    expect(expected.length).toBeGreaterThanOrEqual(5);
    const items = [...document.querySelectorAll('ol.movements > li')];
    expect(items).toHaveLength(5);
    items.forEach((item, i) => {
      const movement = expected[i]!;
      expect(text(item)).toContain(movement.sentence);
      const link = item.querySelector('p a[href]')!.getAttribute('href')!;
      expect(fs.existsSync(built(link)), link).toBe(true);
      expect(item.querySelector('.volume')).not.toBeNull();
      const table = item.querySelector('table.decomposition');
      if (!movement.explanation) {
        expect(table).toBeNull();
        return;
      }
      expect(text(item.querySelector('.why'))).toContain(movement.explanation.sentence);
      // Every group is a row.
      expect(table!.querySelectorAll('tbody tr')).toHaveLength(movement.explanation.groups.length);
    });
  });

  it('gives every explained movement of every month one change: its sentence, its why and its table', () => {
    const explained = a.movements.items.filter((m) => m.explanation !== null);
    expect(explained.length).toBeGreaterThan(20);
    /** The signed change a sentence writes first in points: `(−23.4 pp)`, `: −23.4 pp,`. */
    const firstChange = (sentence: string) => sentence.match(/[+\u2212±][\d.]+ pp/)?.[0];
    for (const m of explained) {
      const where = `${m.month} ${m.metric} ${JSON.stringify(m.scope)}`;
      expect(m.explanation!.change, where).toBe(m.change);
      expect(firstChange(m.explanation!.sentence), where).toBe(firstChange(m.sentence.replace(/^[^(]*/, '')));
    }
    // On each month's page (its first five), the table's rows add up to its total row, which is the change.
    let tables = 0;
    for (const page of a.months) {
      const pageFile = path.join(builds.sample, 'retro', page, 'index.html');
      if (!fs.existsSync(pageFile)) continue;
      const doc = parseHTML(fs.readFileSync(pageFile, 'utf8')).document;
      for (const item of doc.querySelectorAll('ol.movements > li')) {
        const table = item.querySelector('table.decomposition');
        if (!table) continue;
        tables++;
        const stated = firstChange(text(item.querySelector('p')).replace(/^[^(]*/, ''))!;
        const [rate, mix, total] = [...table.querySelectorAll('tfoot td')].map((td) => text(td));
        expect(total, page).toBe(stated);
        expect(firstChange(text(item.querySelector('.why'))), page).toBe(stated);
        const tenths = (cell: string) => Math.round(pp(cell) * 10);
        expect(tenths(rate!) + tenths(mix!), page).toBe(tenths(total!));
        const rows = [...table.querySelectorAll('tbody tr')].map((row) =>
          [...row.querySelectorAll('td.num')].map((td) => tenths(text(td))),
        );
        expect(
          rows.reduce((s, [r]) => s + r!, 0),
          page,
        ).toBe(tenths(rate!));
        expect(
          rows.reduce((s, [, x]) => s + x!, 0),
          page,
        ).toBe(tenths(mix!));
      }
    }
    expect(tables).toBeGreaterThan(20);
  });

  it('names who owes feedback now, each linked to their page', () => {
    expect(a.owners.owedFeedback.length).toBeGreaterThan(0);
    const owed = section('owed');
    const links = owed.flatMap((el) => [...el.querySelectorAll('a[href]')]);
    for (const o of a.owners.owedFeedback) {
      const link = links.find((l) => text(l) === o.hiringManager);
      expect(link, o.hiringManager).toBeDefined();
      expect(fs.existsSync(built(link!.getAttribute('href')!))).toBe(true);
      if (!o.suppressed) expect(text(link!.parentElement)).toContain(`${o.slots} scorecard`);
    }
  });

  it("lists each partnership of the month with its seats, the manager's own feedback and screened candidates", () => {
    const partnerships = a.owners.partnerships.filter((p) => p.month === month);
    expect(partnerships.length).toBeGreaterThan(0);
    const table = document.getElementById('retro-owners-caption')!.closest('table')!;
    const header = [...table.querySelectorAll('thead th')].map(text);
    expect(header.slice(0, 5)).toEqual(['Hiring manager', 'Recruiter', 'Open', 'Filled', 'Own feedback on time']);
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('th, td')].map(text));
    expect(rows).toHaveLength(partnerships.length);
    partnerships.forEach((p, i) => {
      expect(rows[i]!.slice(0, 4)).toEqual([p.hiringManager, p.recruiter, String(p.seatsOpen), String(p.seatsFilled)]);
    });
  });

  it('judges every target met or missed on the month', () => {
    expect(a.targets.length).toBeGreaterThan(0);
    const rows = [...document.querySelectorAll('#retro-targets-caption ~ tbody tr')];
    expect(rows).toHaveLength(a.targets.length);
    const verdicts = rows.map((tr) => text(tr.querySelector('td:last-child')));
    for (const v of verdicts) expect(['met', 'missed', 'no figure']).toContain(v);
    // The sample sets targets that October meets and misses.
    expect(verdicts).toContain('met');
    expect(verdicts).toContain('missed');
    // And the cards of the month say it too.
    expect(document.querySelectorAll('.card-target .tag').length).toBeGreaterThan(0);
  });

  it("shows last month's actions from its note, each done or open", () => {
    const note = fs.readFileSync(path.join(ROOT, 'data', 'sample', 'retros', `${addMonths(month, -1)}.md`), 'utf8');
    const actions = parseActions(note);
    expect(actions.length).toBeGreaterThan(0);
    const items = [...document.querySelectorAll('ul.actions > li')];
    expect(items.map((li) => text(li))).toEqual(actions.map((x) => `${x.done ? 'done' : 'open'} ${x.text}`));
  });
});

describe(`the retrospective of ${month} printed`, () => {
  let browser: Browser;
  let server: SiteServer;
  beforeAll(async () => {
    browser = await launchChromium();
    server = await serveSite(builds.sample, '/');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is an agenda of at most 3 A4 pages, the movements, actions and partnerships starting on the first', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/retro/${month}/`);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', margin: { top: '14mm', bottom: '14mm', left: '12mm', right: '12mm' } });
    // Chromium writes one `/Type /Page` object per page (and `/Type /Pages` for the tree).
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThanOrEqual(3);
    // The first page's height in CSS pixels: A4 is 297 mm, less the page's margins.
    await page.setViewportSize({ width: Math.round(((210 - 24) / 25.4) * 96), height: 1000 });
    const firstPage = ((297 - 28) / 25.4) * 96;
    for (const id of ['movements', 'agreed', 'owners']) {
      const top = await page.locator(`#${id}`).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
      expect(top, id).toBeLessThan(firstPage);
    }
    await page.close();
  });
});

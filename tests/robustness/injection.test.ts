/**
 * Hostile text in the exports, the notes, the config and the file names is shown as text, everywhere
 * (issue #7, part 2). One real build (the CLI, as a user runs it), reused by every assertion.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DOMParser } from 'linkedom';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';
import { serveSite } from '../helpers/server.ts';
import {
  BAD_FILES,
  FIELDS,
  NOTE,
  PAYLOADS,
  shownValueOf,
  TITLE,
  writeHostileExports,
  type PayloadName,
} from './hostile.ts';
import { activeContent, allElements, filesBelow, pagesOf, runScriptAsync, type Page } from './site.ts';

let work: string;
let site: string;
let pages: Page[];

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'robustness-injection-'));
  const data = path.join(work, 'exports');
  writeHostileExports(data);
  site = path.join(work, 'site');
  const result = await runScriptAsync('scripts/build.ts', ['--data', data, '--out', site], {
    CACHE_DIR: path.join(work, 'cache'),
  });
  if (result.status !== 0) throw new Error(`the build failed (${result.status}):\n${result.stderr}`);
  pages = pagesOf(site);
}, 240_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const textOf = (page: Page) => page.document.documentElement.textContent ?? '';
const payloadNames = Object.keys(PAYLOADS) as PayloadName[];

describe('a site built from hostile exports', () => {
  it('has pages for the hostile departments and hiring managers', () => {
    expect(pages.length).toBeGreaterThan(25);
    expect(pages.some((p) => p.name.startsWith('departments/script-alert-1-script-dept/'))).toBe(true);
  });

  it('holds no script, event handler, script URL, frame or object in any page or SVG', () => {
    const found = pages.flatMap((page) =>
      activeContent(allElements(page.document)).map((what) => `${page.name}: ${what}`),
    );
    expect(found).toEqual([]);
    // Charts are inline SVG; a standalone SVG file, if any is ever written, is checked the same way.
    for (const file of filesBelow(site).filter((f) => f.endsWith('.svg'))) {
      const svg = new DOMParser().parseFromString(fs.readFileSync(file, 'utf8'), 'image/svg+xml');
      expect(activeContent(allElements(svg as unknown as Document)), file).toEqual([]);
    }
  });

  it('holds no raw hostile markup in the HTML source either (a second check, independent of the parser)', () => {
    for (const page of pages) {
      // Tag openings only: the same characters escaped as text (`&lt;a href="javascript:…`) are harmless.
      const raw =
        /<script[\s>]|<img\b[^>]*\bonerror|<iframe[\s>]|<svg\b[^>]*\bonload|<a\b[^>]*\bhref=["']?\s*javascript:/i.exec(
          page.html,
        );
      expect(raw?.[0], page.name).toBeUndefined();
    }
  });

  it('shows every hostile value that it shows as text, escaped in the source', () => {
    const shown = new Map<string, string[]>();
    for (const payload of payloadNames) {
      for (const field of FIELDS) {
        const value = shownValueOf(payload, field);
        const where = pages.filter((page) => textOf(page).includes(value)).map((page) => page.name);
        if (where.length) shown.set(`${payload} ${field}`, where);
      }
    }
    // Job titles, departments, hiring managers, recruiters, stages, reasons and interviewers are on the site.
    for (const field of [
      'title',
      'dept',
      'hm',
      'recruiter',
      'stage',
      'reason',
      'interview-stage',
      'interviewer',
      'event-stage',
    ]) {
      for (const payload of payloadNames) expect(shown.has(`${payload} ${field}`), `${payload} ${field}`).toBe(true);
    }
    // Escaped where shown: the markup payloads appear only as entities in the source.
    const rejections = pages.find((p) => p.name === 'departments/script-alert-1-script-dept/index.html')!;
    expect(rejections.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; dept');
    const attribute = pages.find((p) => textOf(p).includes(shownValueOf('attribute', 'title')))!;
    expect(attribute.html).toMatch(
      /&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt; title|"&gt;&lt;img src=x onerror=alert\(1\)&gt; title/,
    );
    const xml = pages.find((p) => textOf(p).includes(shownValueOf('xml', 'dept')))!;
    expect(xml.html).toContain(']]&gt; &amp; &lt;![CDATA[ &lt;x/&gt; ]]&gt; &amp;amp; &amp;lt; dept');
  });

  it('shows the configured title as text in every page title', () => {
    for (const page of pages) expect(page.document.querySelector('title')?.textContent, page.name).toContain(TITLE);
  });

  it('shows the team note as text: its markup, script links and raw HTML are not active', () => {
    const retro = pages.find((p) => p.name === 'retro/2025-02/index.html')!;
    const text = textOf(retro);
    for (const shown of [
      '<script>alert(note)</script>',
      '<img src=x onerror=alert(note)>',
      '<a href=javascript:alert(1)>raw link</a>',
      '<svg onload=alert(1)>',
      '<iframe src=https://example.invalid></iframe>',
      ']]> & <![CDATA[ x ]]>',
      '\u202Eevil\u202C',
      '👩🏽‍💻',
    ]) {
      expect(text.includes(shown), shown).toBe(true);
    }
    expect(text.includes('N'.repeat(10_000)), 'the 10,000-character word').toBe(true);
    // Script links lose their link and keep their text.
    expect(text).toMatch(/a link and\s+another and image and ref/);
    expect(activeContent(allElements(retro.document))).toEqual([]);
    // The one link left is the reference-style one, pointed at "#" instead of its script URL.
    expect([...retro.document.querySelectorAll('.notes a')].map((a) => a.getAttribute('href'))).toEqual(['#']);
    expect(NOTE).toContain('javascript:'); // (the note did hold script links)
  });

  it('names the files with markup in their names as text on the data-quality page and in its CSV', () => {
    const quality = pages.find((p) => p.name === 'data-quality/index.html')!;
    for (const name of BAD_FILES) expect(textOf(quality), name).toContain(name);
    expect(quality.document.querySelectorAll('b, img').length).toBe(0);
    expect(quality.html).toContain('&lt;b&gt;x&lt;/b&gt;.csv');
    const csv = fs.readFileSync(path.join(site, 'exports', 'data-quality.csv'), 'utf8');
    for (const name of BAD_FILES) expect(csv).toContain(name);
  });
});

describe('the CSV exports of a site built from hostile exports', () => {
  const FORMULA_START = /^[=+\-@\t\r]/;
  const NUMBER = /^-?\d+(\.\d+)?$/;

  it('neutralise every cell a spreadsheet would evaluate: = + - @ tab and carriage return', () => {
    const exports = filesBelow(path.join(site, 'exports')).filter((f) => f.endsWith('.csv'));
    expect(exports.length).toBeGreaterThanOrEqual(6);
    const dangerous: string[] = [];
    let escaped = 0;
    for (const file of exports) {
      const text = fs.readFileSync(file, 'utf8');
      expect(text.startsWith('\uFEFF'), file).toBe(true);
      const { data, errors } = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
      expect(errors, file).toEqual([]);
      for (const row of data) {
        for (const cell of row) {
          if (FORMULA_START.test(cell) && !NUMBER.test(cell))
            dangerous.push(`${path.basename(file)}: ${cell.slice(0, 40)}`);
          if (/^'[=+\-@]/.test(cell)) escaped++;
        }
      }
    }
    expect(dangerous).toEqual([]);
    // The hostile values did reach the exports (as text starting with an apostrophe).
    expect(escaped).toBeGreaterThan(20);
  });
});

describe('the width of pages built from hostile exports (Chromium)', () => {
  it('no page is wider than a phone viewport because of the 10,000-character word', async () => {
    const server = await serveSite(site, '/');
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ viewport: { width: 375, height: 800 }, javaScriptEnabled: false });
      const page = await context.newPage();
      const wide: string[] = [];
      const checked: string[] = [];
      for (const { name } of pages) {
        await page.goto(`${server.origin}/${name.replace(/index\.html$/, '')}`);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        checked.push(name);
        if (scrollWidth > clientWidth) wide.push(`${name}: ${scrollWidth} px`);
      }
      expect(wide).toEqual([]);
      // The pages that do show the long word are among those checked.
      expect(checked).toEqual(
        expect.arrayContaining([
          'index.html',
          'time-to-fill/index.html',
          'retro/2025-02/index.html',
          'data-quality/index.html',
          'feedback/index.html',
        ]),
      );
      await context.close();
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

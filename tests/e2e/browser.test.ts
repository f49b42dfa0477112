/**
 * The built sample site in a real browser (Debian's Chromium): what a person opening the shared link gets.
 * Screenshots land in test-results/screenshots for a human to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { launchChromium } from '../helpers/browser.ts';
import { serveSite, type SiteServer } from '../helpers/server.ts';
import { crawl, type CrawlResult } from '../helpers/crawl.ts';
import { ROOT } from '../helpers/run.ts';
import { activeContent, allElements, filesBelow, pagesOf } from '../robustness/site.ts';

const builds = inject('builds');
const SHOTS = path.join(ROOT, 'test-results', 'screenshots');

/** One page of each kind: the retrospective of some month, a department, a hiring manager… */
function pageKinds(pages: string[]): string[] {
  const kinds = new Map<string, string>();
  for (const page of pages) {
    const parts = new URL(page).pathname.split('/').filter(Boolean);
    const kind =
      parts.length > 1 && /^(retro|departments|hiring-managers|recruiters)$/.test(parts.at(-2) ?? '')
        ? `${parts.at(-2)}/*`
        : parts.join('/');
    if (!kinds.has(kind)) kinds.set(kind, page);
  }
  return [...kinds.values()];
}

describe('the sample site in a real browser', () => {
  let browser: Browser;
  let server: SiteServer;
  let site: CrawlResult;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
    server = await serveSite(builds.sample, '/');
    site = await crawl(server.origin, '/');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('every internal link and asset resolves', () => {
    expect(site.pages.length).toBeGreaterThan(20);
    expect(site.broken).toEqual([]);
    expect(site.escaping).toEqual([]);
    expect(site.assets.some((a) => a.endsWith('/exports/time-to-fill-by-month.csv'))).toBe(true);
  });

  it('no page (every HTML file of the site) ships a script, an event handler, a script URL, a frame or an object', () => {
    const pages = pagesOf(builds.sample);
    expect(pages.length).toBe(site.pages.length);
    const found = pages.flatMap((page) =>
      activeContent(allElements(page.document)).map((what) => `${page.name}: ${what}`),
    );
    expect(found).toEqual([]);
  });

  // A page without scripts can only log an error in the browser for something it fails to load, which the crawl
  // checks on every page; axe takes seconds a page on a 2-core machine. So one page of each kind (the pages of
  // one kind come from one template and differ only in their figures) is loaded in the browser and checked by axe.
  it(
    'each page kind loads without console errors and with no script; axe finds no violations on it',
    { timeout: 900_000 },
    async () => {
      const context = await browser.newContext();
      const problems: string[] = [];
      const violations: string[] = [];
      const kinds = pageKinds(site.pages);
      expect(kinds.length).toBeGreaterThan(10);
      for (const url of kinds) {
        const page = await context.newPage();
        page.on('console', (message) => {
          if (message.type() === 'error' || message.type() === 'warning') problems.push(`${url}: ${message.text()}`);
        });
        page.on('pageerror', (error) => problems.push(`${url}: ${error.message}`));
        page.on('requestfailed', (request) => problems.push(`${url}: failed to load ${request.url()}`));
        await page.goto(url, { waitUntil: 'load' });
        const scripts = await page.locator('script').count();
        if (scripts) problems.push(`${url}: ${scripts} <script> element(s)`);
        // Every rule runs; only the violations are collected in full (axe's own option for speed on large pages).
        // Legacy mode runs axe in the page alone, without a blank page opened per analysis to merge the results of
        // frames: the pages have no frame (the static test above), and it takes a third of the time.
        const results = await new AxeBuilder({ page })
          .setLegacyMode(true)
          .options({ resultTypes: ['violations'] })
          .analyze();
        for (const v of results.violations) {
          violations.push(
            `${new URL(url).pathname}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')}`,
          );
        }
        await page.close();
      }
      await context.close();
      expect(problems).toEqual([]);
      expect(violations).toEqual([]);
    },
  );

  it('no page needs JavaScript: with it disabled, every page kind shows its charts', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const chartless: string[] = [];
    for (const url of pageKinds(site.pages)) {
      await page.goto(url);
      const path_ = new URL(url).pathname;
      const expectsCharts =
        /^\/(|feedback\/|time-to-fill\/|rejections\/|funnel\/|retro\/[^/]+\/|departments\/[^/]+\/)$/.test(path_);
      if (!expectsCharts) continue;
      const charts = await page.locator('figure.chart svg').count();
      if (charts === 0) chartless.push(path_);
    }
    await context.close();
    expect(chartless).toEqual([]);
  });

  // Dark differs from light only in colours (the static test below proves it of the CSS that ships), so the
  // layout checks load every page kind in light, and dark is looked at on the pages people open first.
  it('dark mode changes colours only: its rules set colour properties the light theme has', () => {
    const shipped = filesBelow(builds.sample)
      .filter((file) => /\.(css|html)$/.test(file))
      .map((file) => fs.readFileSync(file, 'utf8'));
    const light = new Map<string, string>();
    const dark: string[] = [];
    for (const text of shipped) {
      let outside = '';
      let from = 0;
      let at = text.indexOf('prefers-color-scheme');
      while (at >= 0) {
        // The rule's block: from its `{` to the matching `}`.
        const open = text.indexOf('{', at);
        let depth = 0;
        let end = open;
        do {
          if (text[end] === '{') depth++;
          else if (text[end] === '}') depth--;
          end++;
        } while (depth > 0 && end < text.length);
        dark.push(text.slice(open + 1, end - 1));
        outside += text.slice(from, at);
        from = end;
        at = text.indexOf('prefers-color-scheme', end);
      }
      outside += text.slice(from);
      for (const [, body] of outside.matchAll(/:root\s*\{([^}]*)\}/g))
        for (const [, name, value] of body!.matchAll(/(--[\w-]+)\s*:\s*([^;]+)/g)) light.set(name!, value!.trim());
    }
    expect(dark.length).toBeGreaterThan(0);
    const colour = /^(#[0-9a-f]{3,8}|rgba?\([\d.,\s%]+\))$/i;
    const notColour: string[] = [];
    for (const block of dark) {
      const rules = [...block.matchAll(/([^{}]+)\{([^{}]*)\}/g)];
      expect(rules.length, block).toBeGreaterThan(0);
      for (const [, selector, body] of rules) {
        if (selector!.trim() !== ':root') notColour.push(`selector ${selector!.trim()}`);
        for (const declaration of body!.split(';').filter((d) => d.trim())) {
          const [name, ...rest] = declaration.split(':');
          const value = rest.join(':').trim();
          if (!light.has(name!.trim()) || !colour.test(light.get(name!.trim())!) || !colour.test(value))
            notColour.push(declaration.trim());
        }
      }
    }
    expect(notColour).toEqual([]);
  });

  it('renders light, dark and print at 1280 and 360 px without horizontal overflow', { timeout: 600_000 }, async () => {
    const overflowing: string[] = [];
    const retro = site.pages.find((p) => /\/retro\/\d{4}-\d{2}\/$/.test(p))!;
    const overview = new URL('/', retro).href;
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [1280, 360]) {
        const context = await browser.newContext({ colorScheme, viewport: { width, height: 900 } });
        const page = await context.newPage();
        for (const url of colorScheme === 'light' ? pageKinds(site.pages) : [retro, overview]) {
          await page.goto(url);
          const { scrollWidth, clientWidth } = await page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            clientWidth: document.documentElement.clientWidth,
          }));
          if (scrollWidth > clientWidth + 1)
            overflowing.push(`${new URL(url).pathname} ${colorScheme} ${width}px: ${scrollWidth} > ${clientWidth}`);
          // A card's figures keep room beside their labels (a long label once squeezed them to a letter a line).
          const squeezed = await page.evaluate(() =>
            [...document.querySelectorAll('.card dd')]
              .filter((dd) => dd.getBoundingClientRect().width < 4 * parseFloat(getComputedStyle(dd).fontSize))
              .map((dd) => dd.textContent?.trim()),
          );
          for (const figure of squeezed)
            overflowing.push(`${new URL(url).pathname} ${colorScheme} ${width}px: card figure "${figure}" squeezed`);
          // A table's sentence-long cells keep a reading width: no row grows past five lines of its text (the
          // retrospective's partnerships once ran a word a line, 150 px a row at 360 px).
          const tall = await page.evaluate(() =>
            [...document.querySelectorAll('.table-wrap tbody tr')]
              .filter((tr) => tr.getBoundingClientRect().height > 5 * 1.6 * parseFloat(getComputedStyle(tr).fontSize))
              .map((tr) => tr.querySelector('th')?.textContent?.trim()),
          );
          for (const row of tall.slice(0, 3))
            overflowing.push(
              `${new URL(url).pathname} ${colorScheme} ${width}px: table row "${row}" taller than 5 lines`,
            );
        }
        await page.goto(retro);
        await page.screenshot({ path: path.join(SHOTS, `retro-${colorScheme}-${width}.png`), fullPage: true });
        await page.goto(overview);
        await page.screenshot({ path: path.join(SHOTS, `overview-${colorScheme}-${width}.png`), fullPage: true });
        if (colorScheme === 'dark') {
          // No white boxes in dark mode: the page and every chart sit on a dark background.
          const backgrounds = await page.evaluate(() =>
            [document.body, ...document.querySelectorAll('figure.chart svg')].map(
              (el) => getComputedStyle(el).backgroundColor,
            ),
          );
          const light = backgrounds.filter((bg) => {
            const [r, g, b] = (bg.match(/\d+(\.\d+)?/g) ?? []).map(Number);
            return r !== undefined && (r + g! + b!) / 3 > 128 && !bg.startsWith('rgba(0, 0, 0, 0)');
          });
          expect(light).toEqual([]);
        }
        await context.close();
      }
    }
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(retro);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(SHOTS, 'retro-print.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', path: path.join(SHOTS, 'retro.pdf') });
    expect(pdf.byteLength).toBeGreaterThan(10_000);
    // Printing hides the navigation.
    expect(await page.locator('nav').first().isVisible()).toBe(false);
    await context.close();
    expect(overflowing).toEqual([]);
  });
});

describe('the sample site under a sub-path', () => {
  it('every internal link and asset resolves under the base and none escapes it', async () => {
    const server = await serveSite(builds.sub, builds.subBase);
    try {
      const site = await crawl(server.origin, builds.subBase);
      expect(site.pages.length).toBeGreaterThan(20);
      expect(site.broken).toEqual([]);
      expect(site.escaping).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

/**
 * Every chart has its CSV. Over a real Astro build of the site fixture (tests/helpers/site-fixture.ts: the
 * folder of tests/fixtures/site/data.ts through the real data step, with tests/fixtures/site/retros/), every `figure.chart` on every page links its CSV's
 * entry on the Downloads page; the entry downloads a file in `exports/` whose header is that export's
 * columns, and the data dictionary lists the chart's page among the pages the file feeds.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORTS } from '../../scripts/export/csv.ts';
import { DICTIONARY, exportAnchor } from '../../scripts/export/dictionary.ts';
import { NODE, ROOT } from '../helpers/run.ts';
import { siteFixture, type SiteFixture } from '../helpers/site-fixture.ts';

let fixture: SiteFixture | undefined;
let out = '';

beforeAll(async () => {
  fixture = await siteFixture();
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'hiring-retro-site-'));
  const result = spawnSync(NODE, [path.join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', out], {
    cwd: ROOT,
    env: {
      ...process.env,
      ASTRO_TELEMETRY_DISABLED: '1',
      BASE_PATH: '/',
      DASHBOARD_AGGREGATES: fixture.artifactPath,
      DASHBOARD_DATA_DIR: fixture.dataDir,
    },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0)
    throw new Error(`astro build failed (${result.status}):\n${result.stderr}\n${result.stdout}`);
});

afterAll(() => {
  if (out) fs.rmSync(out, { recursive: true, force: true });
  fixture?.remove();
});

interface FoundChart {
  page: string;
  id: string;
  csvLinks: string[];
}

function pages(): string[] {
  return fs
    .readdirSync(out, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .sort();
}

function charts(): FoundChart[] {
  return pages().flatMap((page) => {
    const { document } = parseHTML(fs.readFileSync(path.join(out, page), 'utf8'));
    return [...document.querySelectorAll('figure.chart')].map((figure) => ({
      page,
      id: figure.getAttribute('id') ?? '(no id)',
      csvLinks: [...figure.querySelectorAll('.chart-links a[href]')]
        .map((a) => a.getAttribute('href')!)
        .filter((href) => /-csv$/.test(href)),
    }));
  });
}

/** `feedback/index.html` → `/feedback/`; `departments/x/index.html` → `/departments/x/`. */
const pagePath = (page: string) => `/${page.replace(/index\.html$/, '')}`;
/** A dictionary page pattern (`/departments/*`) matches the page it names or any page below it. */
const feeds = (pattern: string, page: string) =>
  pattern.endsWith('*') ? page.startsWith(pattern.slice(0, -1)) && page !== pattern.slice(0, -1) : page === pattern;

/** The file a site-absolute href (base `/`) names in the build. */
const fileOf = (href: string) => path.join(out, decodeURIComponent(href.replace(/^\//, '')));

describe('every chart has its CSV', () => {
  it('finds the charts of every page kind', () => {
    const found = charts();
    const pagesWithCharts = new Set(found.map((c) => c.page.split('/')[0]));
    for (const page of [
      'index.html',
      'feedback',
      'time-to-fill',
      'rejections',
      'funnel',
      'retro',
      'departments',
      'hiring-managers',
    ])
      expect(pagesWithCharts, page).toContain(page);
    expect(found.length).toBeGreaterThan(40);
  });

  it("links each chart to its CSV's entry on the Downloads page, whose file has the export's header", () => {
    const problems: string[] = [];
    const columnsOf = new Map(EXPORTS.map((e) => [e.name, e.columns.join(',')]));
    const { document } = parseHTML(fs.readFileSync(path.join(out, 'downloads/index.html'), 'utf8'));
    for (const chart of charts()) {
      const where = `${chart.page}#${chart.id}`;
      if (chart.csvLinks.length !== 1) {
        problems.push(`${where}: ${chart.csvLinks.length} CSV links`);
        continue;
      }
      const href = chart.csvLinks[0]!;
      const anchor = href.replace(/^\/downloads\/#/, '');
      const entry = document.getElementById(anchor);
      if (!href.startsWith('/downloads/#') || !entry) {
        problems.push(`${where}: ${href} is no entry of the Downloads page`);
        continue;
      }
      const file = entry.querySelector('a[download]')?.getAttribute('href') ?? '';
      const name = path.basename(file);
      if (!file.startsWith('/exports/') || !fs.existsSync(fileOf(file)) || exportAnchor(name) !== anchor) {
        problems.push(`${where}: the entry ${anchor} downloads ${file}`);
        continue;
      }
      const header = fs
        .readFileSync(fileOf(file), 'utf8')
        .replace(/^\ufeff/, '')
        .split('\r\n')[0];
      if (header !== columnsOf.get(name)) problems.push(`${where}: ${name} has header ${header}`);
      const page = pagePath(chart.page);
      if (!DICTIONARY[name]!.feeds.some((f) => feeds(f.page, page)))
        problems.push(`${where}: the data dictionary does not list ${page} among the pages ${name} feeds`);
    }
    expect(problems).toEqual([]);
  });

  it('lists in the data dictionary only pages whose charts use the file', () => {
    const used = new Map<string, string[]>();
    for (const chart of charts()) {
      const name = `${chart.csvLinks[0]?.replace(/^\/downloads\/#/, '').replace(/-csv$/, '')}.csv`;
      used.set(name, [...(used.get(name) ?? []), pagePath(chart.page)]);
    }
    const unused: string[] = [];
    for (const [name, doc] of Object.entries(DICTIONARY))
      for (const f of doc.feeds)
        if (!(used.get(name) ?? []).some((page) => feeds(f.page, page))) unused.push(`${name}: ${f.page}`);
    expect(unused).toEqual([]);
  });

  it('writes every export, and the downloads page lists each under its topic, with its grain and columns', () => {
    const { document } = parseHTML(fs.readFileSync(path.join(out, 'downloads/index.html'), 'utf8'));
    for (const e of EXPORTS) {
      expect(fs.existsSync(path.join(out, 'exports', e.name)), e.name).toBe(true);
      const entry = document.getElementById(exportAnchor(e.name));
      expect(entry?.querySelector('a[download]')?.getAttribute('href'), e.name).toBe(`/exports/${e.name}`);
      const topic = entry?.closest('section')?.querySelector('h2')?.textContent;
      expect(topic, e.name).toBe(DICTIONARY[e.name]!.topic);
      const grain = DICTIONARY[e.name]!.grain.replace(/`/g, '');
      expect(entry?.textContent?.replace(/\s+/g, ' ').toLowerCase(), e.name).toContain(grain.toLowerCase());
      const columns = [...(entry?.querySelectorAll('tbody th code') ?? [])].map((c) => c.textContent);
      expect(columns, e.name).toEqual([...e.columns]);
    }
  });
});

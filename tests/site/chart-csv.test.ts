/**
 * SPEC "Output: the site": every chart has its CSV. Over a real Astro build of the site fixture
 * (tests/fixtures/site/aggregates.json, with its retros/), every `figure.chart` on every page links a CSV,
 * and the link resolves to a file in `exports/` whose header is that export's columns.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORTS } from '../../scripts/export/csv.ts';
import { NODE, ROOT } from '../helpers/run.ts';

const FIXTURE = path.join(ROOT, 'tests/fixtures/site');
let out = '';

beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'hiring-retro-site-'));
  const result = spawnSync(NODE, [path.join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', out], {
    cwd: ROOT,
    env: {
      ...process.env,
      ASTRO_TELEMETRY_DISABLED: '1',
      BASE_PATH: '/',
      DASHBOARD_AGGREGATES: path.join(FIXTURE, 'aggregates.json'),
      DASHBOARD_DATA_DIR: FIXTURE,
    },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0)
    throw new Error(`astro build failed (${result.status}):\n${result.stderr}\n${result.stdout}`);
});

afterAll(() => {
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

interface FoundChart {
  page: string;
  id: string;
  csvLinks: string[];
}

function charts(): FoundChart[] {
  const pages = fs
    .readdirSync(out, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .sort();
  return pages.flatMap((page) => {
    const { document } = parseHTML(fs.readFileSync(path.join(out, page), 'utf8'));
    return [...document.querySelectorAll('figure.chart')].map((figure) => ({
      page,
      id: figure.getAttribute('id') ?? '(no id)',
      csvLinks: [...figure.querySelectorAll('.chart-links a[href]')]
        .map((a) => a.getAttribute('href')!)
        .filter((href) => /\.csv$/.test(href)),
    }));
  });
}

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

  it('links exactly one CSV from each chart, and the file is in exports/ with the export’s header', () => {
    const problems: string[] = [];
    const columnsOf = new Map(EXPORTS.map((e) => [e.name, e.columns.join(',')]));
    for (const chart of charts()) {
      const where = `${chart.page}#${chart.id}`;
      if (chart.csvLinks.length !== 1) {
        problems.push(`${where}: ${chart.csvLinks.length} CSV links`);
        continue;
      }
      const href = chart.csvLinks[0]!;
      const name = path.basename(href);
      if (!href.startsWith('/exports/') || !fs.existsSync(fileOf(href))) {
        problems.push(`${where}: ${href} is not a file in exports/`);
        continue;
      }
      const header = fs
        .readFileSync(fileOf(href), 'utf8')
        .replace(/^\ufeff/, '')
        .split('\r\n')[0];
      if (header !== columnsOf.get(name)) problems.push(`${where}: ${name} has header ${header}`);
    }
    expect(problems).toEqual([]);
  });

  it('writes every export, and the downloads page lists each', () => {
    const downloads = fs.readFileSync(path.join(out, 'downloads/index.html'), 'utf8');
    for (const e of EXPORTS) {
      expect(fs.existsSync(path.join(out, 'exports', e.name)), e.name).toBe(true);
      expect(downloads).toContain(`/exports/${e.name}`);
    }
  });
});

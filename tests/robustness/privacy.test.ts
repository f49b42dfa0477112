/**
 * The privacy gate (issue #7, part 3): one real build from exports full of personal data, with suppression off
 * and interviewers shown (so that everything publishable is published), then every file of the site and the
 * artifact is scanned for each planted value and for anything shaped like an e-mail address or phone number.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../scripts/log.ts';
import { loadConfig } from '../../scripts/read/config.ts';
import { ingest } from '../../scripts/read/ingest.ts';
import { contactDetailsIn } from '../../scripts/read/values.ts';
import { CONTROLS, PLANTED, seededValues, writePiiExports } from './pii.ts';
import { filesBelow, pagesOf, runScriptAsync } from './site.ts';

let work: string;
let data: string;
let site: string;
let cache: string;
let buildLog: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'robustness-privacy-'));
  data = path.join(work, 'exports');
  writePiiExports(data);
  site = path.join(work, 'site');
  cache = path.join(work, 'cache');
  const result = await runScriptAsync('scripts/build.ts', ['--data', data, '--out', site], { CACHE_DIR: cache });
  if (result.status !== 0) throw new Error(`the build failed (${result.status}):\n${result.stderr}`);
  buildLog = result.stderr + result.stdout;
}, 240_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** Every file the build wrote, and the artifact it was built from. */
const published = () => [...filesBelow(site), path.join(cache, 'aggregates.json')];

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

/** The pieces of text a reader of a file sees, one by one: text nodes and attribute values, CSV cells, JSON strings. */
function textsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.html') || file.endsWith('.svg')) {
    const { document } = parseHTML(text);
    const out: string[] = [];
    const walker = document.createTreeWalker(document.documentElement, 1 | 4); // elements and text
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === 3) {
        const parent = (node.parentNode as Element | null)?.tagName?.toLowerCase();
        if (parent !== 'style') out.push(node.textContent ?? '');
      } else {
        // Geometry attributes are numbers, not text a person reads.
        for (const a of Array.from((node as Element).attributes)) {
          if (
            ![
              'd',
              'points',
              'transform',
              'viewbox',
              'x',
              'y',
              'x1',
              'x2',
              'y1',
              'y2',
              'width',
              'height',
              'style',
              'cx',
              'cy',
              'r',
            ].includes(a.name.toLowerCase())
          )
            out.push(a.value);
        }
      }
    }
    return out;
  }
  if (file.endsWith('.csv'))
    return Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.flat();
  if (file.endsWith('.json') || file.endsWith('.map')) {
    const out: string[] = [];
    JSON.parse(text, (_key, value: unknown) => {
      if (typeof value === 'string') out.push(value);
      return value;
    });
    return out;
  }
  if (file.endsWith('.css')) return [];
  return text.split('\n');
}

describe('a site built from exports full of personal data', () => {
  it('built, with the planted contact details reported as hidden', () => {
    expect(buildLog).toMatch(/applications source: 2 values looked like an e-mail address: hidden, never published/);
    expect(buildLog).toMatch(/applications rejection_reason: 2 values looked like a phone number: hidden/);
    expect(buildLog).toMatch(/requisitions hiring_manager: 1 value looked like an e-mail address: hidden/);
    expect(buildLog).toMatch(/interviews interviewer: 2 values looked like a phone number: hidden/);
  });

  it('holds none of the planted values in any file: pages, charts, CSV downloads, robots.txt, assets or the artifact', () => {
    const files = published();
    expect(files.some((f) => f.endsWith('.html'))).toBe(true);
    expect(files.some((f) => f.endsWith('.csv'))).toBe(true);
    expect(files.some((f) => f.endsWith('robots.txt'))).toBe(true);
    const leaks: string[] = [];
    const values = seededValues();
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const value of values) if (text.includes(value)) leaks.push(`${path.relative(work, file)}: ${value}`);
    }
    expect(leaks).toEqual([]);
  });

  it('holds nothing shaped like an e-mail address or a phone number in any file', () => {
    const found: string[] = [];
    for (const file of published()) {
      const raw = fs.readFileSync(file, 'utf8');
      const email = EMAIL.exec(raw);
      if (email) found.push(`${path.relative(work, file)}: ${email[0]}`);
      for (const text of textsOf(file)) {
        if (contactDetailsIn(text) === 'phone number') found.push(`${path.relative(work, file)}: ${text.slice(0, 60)}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('would catch a leak: the same scan finds a phone number and an e-mail address planted in a copy of a page', () => {
    const copy = path.join(work, 'leak.html');
    const page = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
    fs.writeFileSync(
      copy,
      page.replace(
        '</main>',
        '<p>Reach Zelda on +44 20 7946 0101</p><a title="zelda@candidates.example.com">x</a></main>',
      ),
    );
    expect(textsOf(copy).some((t) => contactDetailsIn(t) === 'phone number')).toBe(true);
    expect(EMAIL.test(fs.readFileSync(copy, 'utf8'))).toBe(true);
    expect(textsOf(copy).filter((t) => contactDetailsIn(t) === 'phone number')).toHaveLength(1);
  });

  it('does publish the columns the details were planted in: their harmless neighbours are on the site', () => {
    const all = published()
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    for (const control of [
      CONTROLS.rejection_reason,
      CONTROLS.current_stage,
      CONTROLS.hiring_manager,
      CONTROLS.recruiter,
      CONTROLS.interviewer,
      CONTROLS.interviewStage,
    ]) {
      expect(all.includes(control), control).toBe(true);
    }
  });

  it('keeps people apart by a numbered stand-in where a person column was hidden', () => {
    const managers = pagesOf(site).find((p) => p.name === 'hiring-managers/index.html')!;
    expect(managers.document.documentElement.textContent).toMatch(/\(contact details hidden #\d+\)/);
    expect(managers.document.documentElement.textContent).toContain(CONTROLS.hiring_manager);
  });

  it('says on the data-quality page what was hidden, where, and how often, without the values', () => {
    const quality = pagesOf(site).find((p) => p.name === 'data-quality/index.html')!;
    const text = quality.document.documentElement.textContent ?? '';
    expect(text).toContain('(value hidden: looked like an e-mail address)');
    expect(text).toContain('(value hidden: looked like a phone number)');
    expect(text).toContain('looks like an e-mail address, not a job title: hidden');
    expect(text).toContain('looks like a phone number, not a stage: hidden');
    // A file named after a candidate is listed, its name hidden; a column named with an e-mail address is
    // counted among the columns not named.
    expect(text).toContain('name hidden, it holds an e-mail address)');
    expect(text).toMatch(/\d+ other columns?, not named: a header may be a person's name/);
  });

  it('tells search engines to stay away: robots.txt disallows all and every page carries noindex', () => {
    expect(fs.readFileSync(path.join(site, 'robots.txt'), 'utf8')).toMatch(/User-agent: \*\s+Disallow: \/\s*$/);
    for (const page of pagesOf(site)) {
      const robots = page.document.querySelector('meta[name="robots"]')?.getAttribute('content') ?? '';
      expect(robots, page.name).toMatch(/noindex/);
    }
  });

  it('loads nothing from another host (no fonts, analytics or CDNs to learn who reads the dashboard)', () => {
    const external: string[] = [];
    const remote = (url: string | null) => url !== null && /^\s*(https?:)?\/\//i.test(url);
    for (const page of pagesOf(site)) {
      for (const element of page.document.querySelectorAll(
        'link, img, source, video, audio, iframe, embed, object, script, use, image, track',
      )) {
        for (const name of ['href', 'src', 'srcset', 'data', 'poster', 'xlink:href']) {
          const value = element.getAttribute(name);
          if (remote(value)) external.push(`${page.name}: <${element.tagName.toLowerCase()} ${name}="${value}">`);
        }
      }
      for (const element of page.document.querySelectorAll('[style]')) {
        if (/url\(\s*['"]?(https?:)?\/\//i.test(element.getAttribute('style')!))
          external.push(`${page.name}: style url()`);
      }
    }
    for (const css of filesBelow(site).filter((f) => f.endsWith('.css'))) {
      if (/url\(\s*['"]?(https?:)?\/\/|@import\s+(url\()?['"]?(https?:)?\/\//i.test(fs.readFileSync(css, 'utf8')))
        external.push(path.basename(css));
    }
    expect(external).toEqual([]);
  });

  it('ships no client JavaScript and no source maps', () => {
    const files = filesBelow(site);
    expect(files.filter((f) => /\.(m?js|map)$/.test(f))).toEqual([]);
    for (const page of pagesOf(site)) expect(page.document.querySelectorAll('script').length, page.name).toBe(0);
  });
});

describe('contact details typed into template columns, in the reader', () => {
  it('are hidden in every text column and the rows stay counted', async () => {
    const config = await loadConfig(data);
    const { tables, quality } = await ingest(data, config, silentLogger);
    const json = JSON.stringify(tables);
    for (const value of Object.values(PLANTED)) expect(json, value).not.toContain(value);
    // Nothing is lost: the only rows set aside are the two whose required column was hidden.
    expect(quality.ledger.map((e) => `${e.file}: ${e.entity} ${e.column}: ${e.problem}`)).toEqual([
      expect.stringMatching(
        /^\(file \d+: name hidden, it holds an e-mail address\): requisitions opened_at: unparseable date/,
      ),
      'requisitions.csv: requisitions job_title: looks like an e-mail address, not a job title: hidden',
      'stage_events.csv: stage_events stage: looks like a phone number, not a stage: hidden',
    ]);
    expect(quality.entities.find((e) => e.entity === 'applications')).toMatchObject({ read: 24, used: 24 });
    // Two interviewers hidden in one export stay two people (two feedback slots, never merged as duplicates).
    const hidden = tables.interviews.rows().filter((i) => i.interviewer?.startsWith('(contact details hidden'));
    expect(hidden.length).toBe(2);
    expect(new Set(hidden.map((i) => i.interviewer)).size).toBe(1); // the same phone number: the same stand-in
  });
});

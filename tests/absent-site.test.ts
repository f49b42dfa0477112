/**
 * Absent is not zero, figure by figure, in all three places a user reads it (issue 17, Deliver 4): the artifact
 * lists it, the CSV leaves it empty and says why, the built page says "not in your export — needs <column>".
 * Two small exports remove every input column of `scripts/metrics/absent.ts` between them:
 *
 * - `columns`: no requisitions file; applications without hired_at, rejected_at and rejection_reason (their
 *   statuses say hired and rejected); interviews without feedback_submitted_at.
 * - `tables`: requisitions without filled_at (and no hire date to fill them from); no interviews file.
 *
 * The expected lists are written by hand from the rules, so a figure dropped from them, or blanked without being
 * listed, fails here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Aggregates } from '../scripts/schema/aggregates.ts';
import { runScript } from './helpers/run.ts';

const STATUSES = ['hired', 'rejected', 'rejected', 'withdrawn', 'active', 'rejected'];
/** 60 applications over January–March 2025, two sources, six statuses in turn. */
const applications = (columns: 'bare' | 'rejections') => {
  const header = ['application_id,job_id,applied_at,source,status', ',rejected_at,rejection_reason'];
  const rows = Array.from({ length: 60 }, (_, i) => {
    const month = `2025-0${1 + (i % 3)}`;
    const day = String(1 + (i % 27)).padStart(2, '0');
    const status = STATUSES[i % STATUSES.length]!;
    const row = `A${i},J${i % 4},${month}-${day},${i % 2 ? 'Referral' : 'LinkedIn'},${status}`;
    if (columns === 'bare') return row;
    const ended = status === 'rejected' || status === 'withdrawn';
    return `${row},${ended ? `${month}-28` : ''},${status === 'rejected' ? 'Skills' : ''}`;
  });
  return [columns === 'bare' ? header[0] : header.join(''), ...rows].join('\n') + '\n';
};
const interviews = [
  'interview_id,application_id,interview_at',
  ...Array.from(
    { length: 60 },
    (_, i) => `I${i},A${i},2025-0${1 + (i % 3)}-${String(1 + (i % 27)).padStart(2, '0')}T10:00:00Z`,
  ),
].join('\n');
const requisitions = [
  'requisition_id,job_title,department,hiring_manager,opened_at,status',
  ...[0, 1, 2, 3].map((j) => `J${j},Engineer,${j % 2 ? 'Sales' : 'Eng'},Hana Moreau,2024-12-0${j + 1},open`),
].join('\n');

const FEEDBACK = [
  'feedbackSubmissionRate',
  'feedbackOnTimeRate',
  'medianHoursToFeedback',
  'hoursToFeedback',
  'onTime',
  'submissionRate',
  'outstandingFeedback',
  'hiringManagerFeedback',
];
const CASES = {
  columns: {
    files: { 'applications.csv': applications('bare'), 'interviews.csv': interviews },
    absent: {
      opened_at: ['requisitionsFilled', 'medianDaysToFill', 'openRequisitions', 'daysToFill', 'daysOpen', 'aging'],
      feedback_submitted_at: FEEDBACK,
      recommendation: ['recommendations'],
      rejected_at: [
        'rejections',
        'withdrawalShare',
        'unspecifiedReasonShare',
        'rejectionCategory',
        'rejectedBy',
        'rejectionStage',
      ],
      hired_at: ['medianDaysToHire', 'timeToHire', 'hires'],
    },
  },
  tables: {
    files: { 'requisitions.csv': requisitions, 'applications.csv': applications('rejections') },
    absent: {
      filled_at: ['requisitionsFilled', 'medianDaysToFill', 'daysToFill'],
      interview_at: ['feedbackSlots', ...FEEDBACK, 'recommendations'],
      hired_at: ['medianDaysToHire', 'timeToHire', 'hires'],
    },
  },
} as const;
type Case = keyof typeof CASES;

let work: string;
const built = {} as Record<Case, { out: string; a: Aggregates }>;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'absent-site-'));
  for (const [name, c] of Object.entries(CASES) as [Case, (typeof CASES)[Case]][]) {
    const data = path.join(work, name, 'data');
    fs.mkdirSync(data, { recursive: true });
    for (const [file, text] of Object.entries(c.files)) fs.writeFileSync(path.join(data, file), text);
    const out = path.join(work, name, 'site');
    const cache = path.join(work, name, 'cache');
    const result = runScript('scripts/build.ts', ['--data', data, '--out', out], { CACHE_DIR: cache });
    if (result.status !== 0) throw new Error(`the ${name} build failed:\n${result.stderr}${result.stdout}`);
    const a = JSON.parse(fs.readFileSync(path.join(cache, 'aggregates.json'), 'utf8')) as Aggregates;
    built[name] = { out, a };
  }
}, 300_000);
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

/** A page's visible text, tags dropped and spaces collapsed. */
const text = (out: string, page: string): string =>
  fs
    .readFileSync(path.join(out, page), 'utf8')
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const csv = (out: string, name: string) =>
  Papa.parse<Record<string, string>>(fs.readFileSync(path.join(out, 'exports', name), 'utf8').replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  }).data;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Headline metrics: shown as overview cards and in headlines.csv. */
const HEADLINES = new Set([
  'requisitionsFilled',
  'medianDaysToFill',
  'openRequisitions',
  'medianDaysToHire',
  'feedbackSlots',
  'feedbackSubmissionRate',
  'feedbackOnTimeRate',
  'medianHoursToFeedback',
  'rejections',
  'withdrawalShare',
  'unspecifiedReasonShare',
]);
/** The page whose charts carry each other figure's definition. */
const PAGE: Record<string, string> = {
  daysToFill: 'time-to-fill/index.html',
  aging: 'time-to-fill/index.html',
  timeToHire: 'time-to-fill/index.html',
  rejectionCategory: 'rejections/index.html',
  rejectedBy: 'rejections/index.html',
  rejectionStage: 'rejections/index.html',
  outstandingFeedback: 'feedback/index.html',
};
/** Figures without a chart of their own, and where they are said to be absent instead. */
const ELSEWHERE: Record<string, (out: string, needs: string) => string> = {
  // The open requisitions' days open: their aging chart and table.
  daysOpen: (out) => text(out, 'time-to-fill/index.html'),
  // Hours and submission rates: the feedback page's callout before any chart.
  hoursToFeedback: (out) => text(out, 'feedback/index.html'),
  submissionRate: (out) => text(out, 'feedback/index.html'),
  onTime: (out) => text(out, 'feedback/index.html'),
  // A hiring manager's own feedback: no row to chart without slots or hiring managers; the callout says why.
  hiringManagerFeedback: (out) => text(out, 'feedback/index.html'),
  // The scorecards' mix: its chart's table on the feedback page (the chart is defined with the slots).
  recommendations: (out) => {
    const page = text(out, 'feedback/index.html');
    return page.slice(page.indexOf('Recommendations by month'), page.indexOf('Feedback still missing'));
  },
  // A month's hires by source: the retrospective's sources table.
  hires: (out) => text(out, 'retro/2025-02/index.html'),
};

describe.each(Object.keys(CASES) as Case[])('an export lacking columns (%s)', (name) => {
  const expected = Object.entries(CASES[name].absent).flatMap(([needs, figures]) =>
    figures.map((figure: string) => ({ figure, needs })),
  );
  const titleOf = (a: Aggregates, id: string) => a.definitions.find((d) => d.id === id)!.title;

  it('lists exactly the figures whose input column is missing, each with the column', () => {
    const { a } = built[name];
    const listed = (a.absent ?? []).map((x) => ({ figure: x.figure, needs: x.needs }));
    const order = (x: { figure: string }, y: { figure: string }) => x.figure.localeCompare(y.figure);
    expect(listed.sort(order)).toEqual([...expected].sort(order));
  });

  it.each(Object.values(CASES[name].absent).flat() as string[])(
    '%s: empty in the artifact and the CSV, never 0, and "not in your export" on the site',
    (figure) => {
      const { out, a } = built[name];
      const needs = expected.find((x) => x.figure === figure)!.needs;
      const reason = `not in your export — needs ${needs}`;
      if (HEADLINES.has(figure)) {
        const series = a.headlines.filter((s) => s.metric === figure);
        expect(series.length).toBeGreaterThan(0);
        for (const s of series) for (const m of s.months) expect(m.current.value, `${figure} ${m.month}`).toBeNull();
        const metric = figure.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
        const rows = csv(out, 'headlines.csv').filter((r) => r.metric === metric);
        expect(rows.length).toBeGreaterThan(0);
        for (const r of rows) {
          expect(r.value).toBe('');
          expect(r.empty_reason).toContain(reason);
        }
        // Its overview card: from its title to its definition link.
        const overview = text(out, 'index.html');
        const title = titleOf(a, figure);
        const start = overview.indexOf(`${title} Not in your export`);
        expect(start, `${title}'s card`).toBeGreaterThanOrEqual(0);
        expect(overview.slice(start, overview.indexOf('How it is defined', start))).toContain(needs);
      } else if (PAGE[figure]) {
        // The chart of its definition says so, between its title and its definition link.
        const page = text(out, PAGE[figure]);
        const said = new RegExp(
          `Not in your export — needs ${escape(needs)} in the [a-z ]+ export\\.((?!Definition:).)*Definition: ${escape(titleOf(a, figure))}`,
        );
        expect(page).toMatch(said);
      } else {
        expect(ELSEWHERE[figure], `${figure} is shown somewhere`).toBeDefined();
        expect(ELSEWHERE[figure]!(out, needs).toLowerCase()).toContain(`not in your export — needs`);
        expect(ELSEWHERE[figure]!(out, needs)).toContain(needs);
      }
    },
  );

  it('hires: empty, with the reason, in time-to-hire-by-month.csv and sources-by-month.csv', () => {
    const { out } = built[name];
    for (const file of ['time-to-hire-by-month.csv', 'sources-by-month.csv']) {
      const rows = csv(out, file);
      expect(rows.length, file).toBeGreaterThan(0);
      for (const r of rows) {
        expect(r.hires, file).toBe('');
        expect(r.empty_reason, file).toMatch(/^hires\b.*: not in your export — needs hired_at$/);
      }
    }
    // Not "no hires in the month": the month's hires are not known.
    expect(fs.readFileSync(path.join(out, 'exports', 'time-to-hire-by-month.csv'), 'utf8')).not.toContain('no hires');
    expect(text(out, 'retro/2025-02/index.html')).toContain(
      'Hires in the month shown as –: not in your export — needs hired_at.',
    );
  });

  it("partnerships.csv: a hiring manager's seats filled are empty without filled_at, not 0", () => {
    const { out } = built[name];
    const rows = csv(out, 'partnerships.csv');
    // No requisitions file: no hiring manager to have a partnership.
    expect(rows.length).toBe(name === 'tables' ? 1 : 0);
    for (const r of rows) {
      expect(r.requisitions_filled).toBe('');
      expect(r.empty_reason).toMatch(
        /(^|; )requisitions_filled, median_days_to_fill: not in your export — needs filled_at(;|$)/,
      );
    }
  });

  it('a table of a missing column has no rows of 0 in the CSV', () => {
    const { out } = built[name];
    const absent = Object.values(CASES[name].absent).flat() as string[];
    if (absent.includes('daysToFill')) expect(csv(out, 'time-to-fill-by-month.csv')).toEqual([]);
    if (absent.includes('aging')) expect(csv(out, 'open-requisitions-by-age.csv')).toEqual([]);
    if (absent.includes('rejectionCategory')) {
      for (const file of ['rejections-by-month.csv', 'rejected-by-by-month.csv', 'rejection-stages-by-month.csv'])
        expect(csv(out, file), file).toEqual([]);
    }
    if (absent.includes('feedbackSlots')) {
      for (const file of ['feedback-by-month.csv', 'recommendations-by-hiring-manager.csv'])
        expect(csv(out, file), file).toEqual([]);
    } else {
      const rows = csv(out, 'feedback-by-month.csv');
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        expect(r.submitted).toBe('');
        expect(r.strong_yes).toBe('');
        expect(r.empty_reason).toContain('not in your export — needs feedback_submitted_at');
        expect(r.empty_reason).toContain(
          'strong_yes, yes, no, strong_no, no_decision: not in your export — needs recommendation',
        );
      }
      expect(csv(out, 'recommendations-by-hiring-manager.csv')).toEqual([]);
    }
  });
});

describe("a hiring manager's seats filled without filled_at (tables)", () => {
  const reason = 'not in your export — needs filled_at';

  it('are null in the artifact, on the card and in every month, never 0', () => {
    const { a } = built.tables;
    expect(a.partnerships.map((p) => [p.hiringManager, p.requisitionsOpen, p.requisitionsFilled])).toEqual([
      ['Hana Moreau', 4, null],
    ]);
    expect(a.owners.partnerships.length).toBeGreaterThan(0);
    for (const p of a.owners.partnerships) expect(p.seatsFilled, p.month).toBeNull();
  });

  it('their page says "not in your export" where it said "0 filled", and so do the partnership tables', () => {
    const { out } = built.tables;
    const dir = path.join(out, 'hiring-managers');
    const slug = fs.readdirSync(dir).find((f) => f !== 'index.html')!;
    const page = text(out, `hiring-managers/${slug}/index.html`);
    expect(page).toContain(`4 open, filled: ${reason}.`);
    expect(page).not.toMatch(/\b0 filled/);
    expect(page).toContain(`Filled requisitions Not in your export — needs filled_at.`);
    // Partnerships by month: Filled is – in every row, and the note says why.
    expect(page).toContain(`Filled shown as –: ${reason}.`);
    expect(text(out, 'hiring-managers/index.html')).toContain(`Filled shown as –: ${reason}.`);
    expect(text(out, 'retro/2025-02/index.html')).toContain(`Filled shown as –: ${reason}.`);
  });
});

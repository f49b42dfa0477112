/**
 * A folder of exports whose every text field is hostile (issue #7, part 2): markup, script URLs, XML
 * specials, text-direction overrides, a 10,000-character word, emoji and spreadsheet formulas, in job titles,
 * departments, locations, hiring managers, recruiters, sources, stages, reasons, interviewers, a team note and
 * a file name. Each value carries a field tag (`… title`, `… dept`) so a test can tell where it was shown.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { templateColumns } from '../../scripts/schema/canonical.ts';
import { shortLabel } from '../../scripts/read/long-labels.ts';

export const PAYLOADS = {
  script: '<script>alert(1)</script>',
  attribute: '"><img src=x onerror=alert(1)>',
  jsUrl: 'javascript:alert(1)',
  xml: ']]> & <![CDATA[ <x/> ]]> &amp; &lt;',
  bidi: '\u202Eevil\u202C reversed',
  emoji: 'Team 👩🏽‍💻 🚀',
  long: 'W'.repeat(10_000),
  formula: '=HYPERLINK("http://example.invalid","click")',
  plus: '+SUM(1,2)',
  minus: '-1+2',
  at: '@cmd|" /C calc"!A0',
  tab: '\t=1+1',
} as const;
export type PayloadName = keyof typeof PAYLOADS;

export const FIELDS = [
  'title',
  'dept',
  'location',
  'hm',
  'recruiter',
  'source',
  'stage',
  'reason',
  'interview-stage',
  'interviewer',
  'event-stage',
] as const;
export type Field = (typeof FIELDS)[number];

/** The value of one field in the exports. */
export const valueOf = (payload: PayloadName, field: Field): string => `${PAYLOADS[payload]} ${field}`;

/** What the reader keeps of it: cells are trimmed, and a label longer than `LABEL_LIMIT` is shortened. */
export const shownValueOf = (payload: PayloadName, field: Field): string => shortLabel(valueOf(payload, field).trim());

export const TITLE = '<script>alert("title")</script> & Co';
/**
 * Files whose names are markup, each with a broken row so that they appear in the quarantine ledger. `/` cannot
 * be part of a file name, so `<b>x</b>.csv` is the file `b>.csv` in the folder `<b>x<`: the reader names it by
 * its path, `<b>x</b>.csv`, all the same.
 */
export const BAD_FILES = ['<b>x</b>.csv', '<img src=x onerror=alert(1)>.csv'];

/** The team's note, in Markdown (typography turns straight quotes into curly ones: its payloads use none). */
export const NOTE = [
  '# Notes <script>alert(note)</script>',
  '',
  'An <img src=x onerror=alert(note)> inline, and a [link](javascript:alert(note)) and',
  '[another](  JaVaScRiPt:alert(note2)) and ![image](javascript:alert(img)) and [ref][r].',
  '',
  '[r]: javascript:alert(ref)',
  '',
  '<a href=javascript:alert(1)>raw link</a> <svg onload=alert(1)><circle r=5></circle></svg>',
  '',
  `CDATA ]]> & <![CDATA[ x ]]> and \u202Eevil\u202C and emoji 👩🏽‍💻 and ${'N'.repeat(10_000)}`,
  '',
  '<iframe src=https://example.invalid></iframe>',
].join('\n');

const csv = (header: string[], rows: string[][]) =>
  Papa.unparse({ fields: header, data: rows }, { newline: '\n' }) + '\n';

/** Writes the hostile exports into `dir`. Months: applications in 2025-01, rejections and fills in 2025-02. */
export function writeHostileExports(dir: string): void {
  const payloads = Object.keys(PAYLOADS) as PayloadName[];
  const requisitions: string[][] = [];
  const applications: string[][] = [];
  const interviews: string[][] = [];
  const events: string[][] = [];
  payloads.forEach((p, i) => {
    const n = String(i + 1).padStart(2, '0');
    requisitions.push([
      `REQ-${n}`,
      `JOB-${n}`,
      valueOf(p, 'title'),
      valueOf(p, 'dept'),
      valueOf(p, 'location'),
      valueOf(p, 'hm'),
      valueOf(p, 'recruiter'),
      '2025-01-06',
      i % 2 === 0 ? `2025-02-${String(10 + i).padStart(2, '0')}` : '',
      i % 2 === 0 ? `2025-02-${String(10 + i).padStart(2, '0')}` : '',
      i % 2 === 0 ? 'filled' : 'open',
    ]);
    for (let a = 1; a <= 6; a++) {
      const id = `APP-${n}-${a}`;
      const hired = a === 6 && i % 2 === 0;
      applications.push([
        id,
        `CAND-${n}-${a}`,
        `JOB-${n}`,
        `2025-01-${String(7 + a).padStart(2, '0')}T09:00:00Z`,
        valueOf(p, 'source'),
        valueOf(p, 'stage'),
        hired ? 'hired' : 'rejected',
        hired ? '' : `2025-02-${String(3 + a).padStart(2, '0')}T10:00:00Z`,
        hired ? '' : valueOf(p, 'reason'),
        hired ? '' : 'company',
        hired ? `2025-02-${String(10 + i).padStart(2, '0')}T10:00:00Z` : '',
      ]);
      interviews.push([
        `INT-${n}-${a}`,
        id,
        valueOf(p, 'interview-stage'),
        valueOf(p, 'interviewer'),
        `2025-01-${String(14 + a).padStart(2, '0')}T10:00:00Z`,
        `2025-01-${String(14 + a).padStart(2, '0')}T11:00:00Z`,
        `2025-01-${String(14 + a).padStart(2, '0')}T15:00:00Z`,
        a % 2 ? 'yes' : 'no',
      ]);
      events.push([id, valueOf(p, 'event-stage'), `2025-01-${String(7 + a).padStart(2, '0')}T09:00:00Z`, '']);
    }
  });
  fs.mkdirSync(path.join(dir, 'retros'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'requisitions.csv'), csv(templateColumns('requisitions'), requisitions));
  fs.writeFileSync(
    path.join(dir, 'applications.csv'),
    csv(
      [
        'application_id',
        'candidate_id',
        'job_id',
        'applied_at',
        'source',
        'current_stage',
        'status',
        'rejected_at',
        'rejection_reason',
        'rejected_by',
        'hired_at',
      ],
      applications,
    ),
  );
  fs.writeFileSync(path.join(dir, 'interviews.csv'), csv(templateColumns('interviews'), interviews));
  fs.writeFileSync(path.join(dir, 'stage_events.csv'), csv(templateColumns('stage_events'), events));
  for (const [i, name] of BAD_FILES.entries()) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), `requisition_id,job_title,opened_at\nREQ-X${i},Broken,not a date\n`);
  }
  fs.writeFileSync(path.join(dir, 'retros', '2025-01.md'), NOTE);
  fs.writeFileSync(path.join(dir, 'retros', '2025-02.md'), NOTE);
  fs.writeFileSync(
    path.join(dir, 'dashboard.config.json'),
    JSON.stringify({ title: TITLE, privacy: { showInterviewers: true } }),
  );
}

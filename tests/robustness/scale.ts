/**
 * Seeded exports in the canonical template that are large in one direction only: many departments (each
 * with its own hiring manager), many distinct rejection reasons, many files, many columns. Data of this shape
 * broke the page budget (issue 18, item 8); `scale.test.ts` builds from it.
 *
 * Every person is fake and carries a token (`ZQXCAND…`, `ZQXHM…`), so that a test can also see none leaks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { templateColumns } from '../../scripts/schema/canonical.ts';
import { rollDice } from '../../scripts/tools/sample/random.ts';

export interface ScaleOptions {
  /** Requisitions, each in a department of its own, with a hiring manager of its own. */
  departments?: number;
  /** Distinct rejection reasons, each given by `reasonRepeats` applications (so that it is published). */
  reasons?: number;
  reasonRepeats?: number;
  /** The applications split over this many files (a re-export each). */
  files?: number;
  /** Extra columns (outside the template), in one more applications file. */
  extraColumns?: number;
  seed?: number;
}

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 6);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const pad = (n: number, width = 5) => String(n).padStart(width, '0');

function csv(header: string[], rows: Array<Array<string | number>>): string {
  const cell = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\n') + '\n';
}

/** Writes the exports to `dir` (created); returns the number of applications. */
export function writeScaleExports(dir: string, options: ScaleOptions): number {
  const dice = rollDice(options.seed ?? 18);
  const departments = options.departments ?? 4;
  const reasons = options.reasons ?? 0;
  const repeats = options.reasonRepeats ?? 5;
  fs.mkdirSync(dir, { recursive: true });

  // Requisitions: one per department, opened over the first two months, most filled by month four.
  const requisitions = Array.from({ length: departments }, (_, i) => {
    const opened = START + dice.int(0, 60) * DAY;
    const filled = dice.chance(0.7) ? opened + dice.int(20, 90) * DAY : null;
    return {
      id: `REQ-${pad(i)}`,
      job: `JOB-${pad(i)}`,
      department: `Department ${pad(i)}`,
      manager: `ZQXHM${pad(i)} Manager`,
      opened,
      filled,
    };
  });
  fs.writeFileSync(
    path.join(dir, 'requisitions.csv'),
    csv(
      templateColumns('requisitions'),
      requisitions.map((r) => [
        r.id,
        r.job,
        `Engineer ${r.id}`,
        r.department,
        'Berlin',
        r.manager,
        'Rita Recruiter',
        iso(r.opened),
        r.filled ? iso(r.filled) : '',
        r.filled ? iso(r.filled) : '',
        r.filled ? 'filled' : 'open',
      ]),
    ),
  );

  // Applications: a few per requisition, then `repeats` per distinct reason (rejected, spread over the jobs).
  const applications: Array<Array<string | number>> = [];
  const add = (status: string, reason: string) => {
    const n = applications.length;
    const req = requisitions[n % requisitions.length]!;
    const applied = req.opened + dice.int(0, 30) * DAY;
    const ended = applied + dice.int(3, 40) * DAY;
    applications.push([
      `APP-${pad(n, 6)}`,
      `ZQXCAND${pad(n, 6)}`,
      req.job,
      '',
      '',
      iso(applied),
      dice.pick(['Referral', 'LinkedIn', 'Careers page', 'Agency']),
      status === 'hired' ? 'Offer' : 'Onsite',
      status,
      status === 'rejected' ? iso(ended) : '',
      reason,
      status === 'rejected' ? 'company' : '',
      status === 'hired' ? iso(ended) : '',
    ]);
  };
  for (let i = 0; i < Math.max(departments * 2, 40); i++)
    add(
      dice.weighted([
        ['rejected', 5],
        ['active', 3],
        ['hired', 1],
      ]),
      dice.pick(['Skills', 'Salary', 'Experience']),
    );
  for (let r = 0; r < reasons; r++)
    for (let k = 0; k < repeats; k++) add('rejected', `Reason ZQXR${pad(r)} for this role`);

  const header = templateColumns('applications');
  const files = Math.max(1, options.files ?? 1);
  if (files === 1) {
    fs.writeFileSync(path.join(dir, 'applications.csv'), csv(header, applications));
  } else {
    // Re-exports: with fewer files than applications, file k holds the applications numbered k modulo `files`;
    // with more, each file re-exports one application (the copies are merged as duplicates).
    const folder = path.join(dir, 'applications');
    fs.mkdirSync(folder);
    const count = applications.length;
    for (let k = 0; k < files; k++) {
      const rows = files <= count ? applications.filter((_, n) => n % files === k) : [applications[k % count]!];
      fs.writeFileSync(path.join(folder, `applications-${pad(k)}.csv`), csv(header, rows));
    }
  }
  const extra = options.extraColumns ?? 0;
  if (extra > 0) {
    // One more re-export of the first applications, with the ATS's custom fields beside the template's columns.
    const extraHeader = Array.from({ length: extra }, (_, i) => `custom_field_${pad(i, 6)}`);
    const empty = ','.repeat(extra);
    const lines = [[...header, ...extraHeader].join(',')];
    for (const row of applications.slice(0, 20)) lines.push(`${csv(header, [row]).split('\n')[1]}${empty}`);
    fs.writeFileSync(path.join(dir, 'applications-custom-fields.csv'), lines.join('\n') + '\n');
  }

  // A few interviews and stage events, so that every table is there.
  const interviewRows = applications.slice(0, 30).map((a, i) => {
    const at = Date.parse(String(a[5])) + 5 * DAY;
    return [`INT-${pad(i)}`, a[0]!, 'Onsite', 'Ivo Interviewer', iso(at), iso(at + 3_600_000), iso(at + DAY), 'yes'];
  });
  fs.writeFileSync(path.join(dir, 'interviews.csv'), csv(templateColumns('interviews'), interviewRows));
  const stageRows = applications.slice(0, 30).map((a) => {
    const at = Date.parse(String(a[5]));
    return [a[0]!, 'Application Review', iso(at), iso(at + 2 * DAY), ''];
  });
  fs.writeFileSync(path.join(dir, 'stage_events.csv'), csv(templateColumns('stage_events'), stageRows));
  return applications.length;
}

/**
 * Exports that try every way of publishing a person through a label (issue 18, items 1, 2 and 5): each contact
 * spelling planted in each published text column (often enough to pass as a label, so only contact detection
 * can stop it), a candidate's name in a free-text reason, a reason equal to the candidate's name on five of
 * their applications, and formulas behind a `;`. Candidates carry grep-able tokens (`ZQXNAME07`).
 *
 * Deterministic: the same folder every time (no clock, no randomness).
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { templateColumns } from '../../scripts/schema/canonical.ts';
import { CONTACT_SPELLINGS } from './spellings.ts';

/** Applications per planted value: the label threshold (minGroupSize 5) is met, the label rule alone lets it by. */
export const PER_VALUE = 5;

export const candidate = (n: number) => {
  const id = String(n).padStart(2, '0');
  return {
    token: `ZQXNAME${id}`,
    name: `ZQXNAME${id} Fakename`,
    email: `zqxname${id}@candidates.example.com`,
    phone: `+44 20 7946 10${id}`,
  };
};

/** Published formula values, each given by enough applications to be a label: they must come out inert. */
export const FORMULAS = {
  rejection_reason: 'Other;=HYPERLINK("http://zqx.example/x","click");',
  source: 'Job board;+1+1',
  current_stage: 'Onsite\t@SUM(A1)',
} as const;

const csv = (header: string[], rows: string[][]) =>
  Papa.unparse({ fields: header, data: rows }, { newline: '\r\n' }) + '\r\n';

const day = (d: number) => `2025-01-${String(d).padStart(2, '0')}`;

/**
 * Writes the exports into `dir`. `config` is merged into the folder's `dashboard.config.json` (a column
 * mapping by mistake, for instance).
 */
export function writeHostileLabels(dir: string, config: Record<string, unknown> = {}): void {
  fs.mkdirSync(dir, { recursive: true });
  const requisitions: string[][] = [];
  const applications: string[][] = [];
  const interviews: string[][] = [];
  const events: string[][] = [];
  let n = 0;
  const application = (
    job: string,
    fields: { department?: string; title?: string; source?: string; stage?: string; reason?: string; hire?: false },
    who = candidate(n + 1),
  ) => {
    n++;
    const id = `A-${n}`;
    const hired = fields.hire !== false && n % 10 === 0;
    applications.push([
      id,
      `CAND-${who.token}`,
      who.name,
      who.email,
      who.phone,
      job,
      fields.department ?? '',
      fields.title ?? '',
      day(2 + (n % 20)),
      fields.source ?? 'Referral',
      fields.stage ?? 'Onsite',
      hired ? 'hired' : 'rejected',
      hired ? '' : '2025-02-10',
      hired ? '' : (fields.reason ?? 'Lacking skills'),
      hired ? '' : 'company',
      hired ? '2025-02-20' : '',
    ]);
    return id;
  };

  // Two ordinary requisitions, so that the site has something to show around the planted values.
  requisitions.push([
    'R-ENG',
    'J-ENG',
    'Backend Engineer',
    'Engineering',
    'Berlin',
    'Hana Manager',
    'Rui Recruiter',
    '2025-01-02',
    '2025-02-20',
    '',
    'filled',
  ]);
  requisitions.push([
    'R-SAL',
    'J-SAL',
    'Account Executive',
    'Sales',
    'Paris',
    'Sam Manager',
    'Rui Recruiter',
    '2025-01-02',
    '',
    '',
    'open',
  ]);

  CONTACT_SPELLINGS.forEach(([spelling], s) => {
    // The requisition's own published text columns; its title (required) on a second one, quarantined.
    requisitions.push([
      `R-${s}`,
      `J-${s}`,
      'Data Analyst',
      spelling,
      spelling,
      spelling,
      spelling,
      '2025-01-02',
      '',
      '',
      'open',
    ]);
    requisitions.push([
      `RT-${s}`,
      `JT-${s}`,
      spelling,
      'Engineering',
      'Berlin',
      'Hana Manager',
      'Rui Recruiter',
      '2025-01-02',
      '',
      '',
      'open',
    ]);
    for (let k = 0; k < PER_VALUE; k++) {
      const id = application(`J-${s}`, {
        department: spelling,
        title: spelling,
        source: spelling,
        stage: spelling,
        reason: spelling,
      });
      interviews.push([
        `I-${id}`,
        id,
        spelling,
        spelling,
        '2025-01-25T10:00:00Z',
        '2025-01-25T11:00:00Z',
        '2025-01-25T15:00:00Z',
        'yes',
      ]);
      events.push([id, spelling, '2025-01-24T09:00:00Z', '']);
    }
  });

  // A candidate's name in a free-text reason, once; and a reason equal to the candidate's own name on each of
  // their five applications (a label by count, a person by the row's name column).
  application('J-ENG', { reason: `Spoke to ${candidate(n + 1).name} about the offer` });
  const repeated = candidate(98);
  for (let k = 0; k < PER_VALUE; k++) application('J-ENG', { reason: repeated.name, hire: false }, repeated);
  // Formulas, each on enough applications to be published.
  for (let k = 0; k < PER_VALUE; k++) {
    application('J-SAL', {
      reason: FORMULAS.rejection_reason,
      source: FORMULAS.source,
      stage: FORMULAS.current_stage,
      hire: false,
    });
  }
  // Ordinary applications, with more stage events (seven each) than the planted ones (a table mostly set aside
  // stops the build), however many spellings are planted.
  const ordinary = Math.max(30, Math.ceil((CONTACT_SPELLINGS.length * PER_VALUE) / 7) + 5);
  for (let k = 0; k < ordinary; k++) {
    const id = application(k % 2 ? 'J-ENG' : 'J-SAL', { stage: k % 3 ? 'Onsite' : 'Screen' });
    for (const [i, stage] of ['Applied', 'Screen', 'Interview', 'Onsite', 'Offer', 'Decision', 'Closed'].entries()) {
      events.push([id, stage, `2025-01-${String(10 + i).padStart(2, '0')}T09:00:00Z`, '']);
    }
  }

  fs.writeFileSync(path.join(dir, 'requisitions.csv'), csv(templateColumns('requisitions'), requisitions));
  fs.writeFileSync(
    path.join(dir, 'applications.csv'),
    csv(
      [
        'application_id',
        'candidate_id',
        'candidate_name',
        'candidate_email',
        'candidate_phone',
        'job_id',
        'department',
        'job_title',
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
  fs.writeFileSync(
    path.join(dir, 'stage_events.csv'),
    csv(['application_id', 'stage', 'entered_at', 'exited_at'], events),
  );
  fs.writeFileSync(
    path.join(dir, 'dashboard.config.json'),
    JSON.stringify({ privacy: { minGroupSize: PER_VALUE, showInterviewers: true }, ...config }),
  );
}

/** Every candidate token the exports hold. */
export const candidateTokens = (): string[] => Array.from({ length: 99 }, (_, i) => candidate(i + 1).token);

/**
 * Exports full of personal data (issue #7, part 3): candidate names, e-mails, phones, ids, addresses, profile
 * URLs, EEO answers and free-text notes in the extra columns every ATS adds — and, nastily, contact details
 * typed or pasted into template columns that are published (an e-mail as a source, a phone as a rejection
 * reason, an e-mail as a hiring manager, a phone as an interviewer…).
 *
 * Beside each planted value sits a harmless control value in the same column (`Control …`), so a test can
 * show that the column does reach the site: the planted value would have, had the reader not hidden it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { templateColumns } from '../../scripts/schema/canonical.ts';

/** Candidates' personal data in columns outside the template (dropped when read). */
export const CANDIDATES = Array.from({ length: 24 }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  const first = ['Zelda', 'Quentin', 'Orla', 'Piet', 'Uma', 'Vic', 'Wim', 'Xia'][i % 8]!;
  const last = ['Fakename', 'Privet', 'Hiddenberg', 'Secretsma', 'Maskova', 'Redactus'][i % 6]!;
  return {
    id: `CAND-PII-${n}77`,
    name: `${first} ${last}${n}`,
    email: `${first.toLowerCase()}.${last.toLowerCase()}${n}@candidates.example.com`,
    phone: `+44 20 7946 1${n}4`,
    linkedin: `https://www.linkedin.com/in/${first.toLowerCase()}-${last.toLowerCase()}-${n}`,
    address: `${n} Privacy Lane, Apt ${i + 3}, Springfield`,
    note: `Private note ${n}: strong on SQL, asked about visa sponsorship and salary ${60 + i}k`,
    feedback: `Interviewer wrote: ${first} seemed nervous ${n}`,
    gender: i % 2 ? 'Female' : 'Male',
  };
});

/** Contact details typed into published template columns: [column, value]. */
export const PLANTED = {
  source: 'zelda.fakename01@candidates.example.com',
  rejection_reason: 'Call her back on +1 555 0100 9123',
  current_stage: 'Sent to quentin.privet02@candidates.example.com',
  applicationDepartment: '+31 6 1234 5678',
  hiring_manager: 'hana.okafor@company.example.com',
  recruiter: '(555) 010-2345',
  location: 'Ring +49 30 1234567',
  interviewer: '+44 7700 900123',
  interviewStage: 'orla@candidates.example.com',
  /** Required columns: the row is quarantined. */
  job_title: 'Hiring for piet.secret@candidates.example.com',
  eventStage: '555-0100-4444',
} as const;

/** A published harmless value beside each planted one. */
export const CONTROLS = {
  source: 'Control Source',
  rejection_reason: 'Control Reason',
  current_stage: 'Control Stage',
  hiring_manager: 'Control Manager',
  recruiter: 'Control Recruiter',
  interviewer: 'Control Interviewer',
  interviewStage: 'Control Interview Stage',
} as const;

const csv = (header: string[], rows: string[][]) =>
  Papa.unparse({ fields: header, data: rows }, { newline: '\r\n' }) + '\r\n';

/**
 * Writes the exports: two departments of twelve candidates each, all rejected or hired in 2025-02, every
 * interview submitted. `privacy.minGroupSize` 1 and `showInterviewers` on, so that everything that can be
 * published is: the gate must hold even then.
 */
export function writePiiExports(dir: string): void {
  fs.mkdirSync(path.join(dir, 'retros'), { recursive: true });
  const requisitions = [
    [
      'R-1',
      'J-1',
      'Backend Engineer',
      'Engineering',
      'Berlin',
      PLANTED.hiring_manager,
      CONTROLS.recruiter,
      '2025-01-06',
      '2025-02-20',
      '2025-02-20',
      'filled',
      'Budget approved by Xavier Quill-Private',
    ],
    [
      'R-2',
      'J-2',
      'Account Executive',
      'Sales',
      PLANTED.location,
      CONTROLS.hiring_manager,
      PLANTED.recruiter,
      '2025-01-06',
      '',
      '',
      'open',
      'Confidential: replacing Yusuf Private-Leaver',
    ],
    [
      'R-3',
      'J-3',
      PLANTED.job_title,
      'Sales',
      'Remote',
      CONTROLS.hiring_manager,
      CONTROLS.recruiter,
      '2025-01-06',
      '',
      '',
      'open',
      '',
    ],
  ];
  const applications = CANDIDATES.map((c, i) => {
    const sales = i >= 12;
    const hired = i % 12 === 11;
    const planted = i % 12 === 0; // one planted row per department, the rest controls
    return [
      `A-${i + 1}`,
      c.id,
      c.name,
      c.email,
      c.phone,
      c.linkedin,
      c.address,
      sales ? 'J-2' : 'J-1',
      i === 5 ? PLANTED.applicationDepartment : '',
      `2025-01-${String(6 + (i % 12)).padStart(2, '0')}T09:00:00Z`,
      planted ? PLANTED.source : CONTROLS.source,
      i === 1 ? PLANTED.current_stage : CONTROLS.current_stage,
      hired ? 'hired' : 'rejected',
      hired ? '' : '2025-02-10T10:00:00Z',
      hired ? '' : planted ? PLANTED.rejection_reason : CONTROLS.rejection_reason,
      hired ? '' : 'company',
      hired ? '2025-02-20T10:00:00Z' : '',
      c.note,
      c.gender,
    ];
  });
  const interviews = CANDIDATES.map((c, i) => [
    `I-${i + 1}`,
    `A-${i + 1}`,
    i % 12 === 2 ? PLANTED.interviewStage : CONTROLS.interviewStage,
    i % 12 === 3 ? PLANTED.interviewer : CONTROLS.interviewer,
    `2025-01-${String(14 + (i % 12)).padStart(2, '0')}T10:00:00Z`,
    `2025-01-${String(14 + (i % 12)).padStart(2, '0')}T11:00:00Z`,
    `2025-01-${String(14 + (i % 12)).padStart(2, '0')}T15:00:00Z`,
    i % 2 ? 'yes' : 'no',
    c.feedback,
    c.name,
  ]);
  const events = CANDIDATES.map((c, i) => [
    `A-${i + 1}`,
    i === 7 ? PLANTED.eventStage : 'Application Review',
    `2025-01-${String(6 + (i % 12)).padStart(2, '0')}T09:00:00Z`,
    '',
    c.email,
  ]);
  fs.writeFileSync(
    path.join(dir, 'requisitions.csv'),
    csv([...templateColumns('requisitions'), 'confidential_notes'], requisitions),
  );
  fs.writeFileSync(
    path.join(dir, 'applications.csv'),
    csv(
      [
        'application_id',
        'candidate_id',
        'candidate_name',
        'candidate_email',
        'candidate_phone',
        'linkedin',
        'address',
        'job_id',
        'department',
        'applied_at',
        'source',
        'current_stage',
        'status',
        'rejected_at',
        'rejection_reason',
        'rejected_by',
        'hired_at',
        'notes',
        'gender',
      ],
      applications,
    ),
  );
  fs.writeFileSync(
    path.join(dir, 'interviews.csv'),
    csv([...templateColumns('interviews'), 'feedback_text', 'candidate_name'], interviews),
  );
  fs.writeFileSync(
    path.join(dir, 'stage_events.csv'),
    csv([...templateColumns('stage_events'), 'candidate_email'], events),
  );
  // A file named after a candidate (with a broken row, so that the ledger names it), and a column whose name
  // is an e-mail address (as when a data row is taken for the header).
  fs.writeFileSync(
    path.join(dir, `from ${CANDIDATES[2]!.email}.csv`),
    'requisition_id,job_title,opened_at\r\nR-X,Broken,not a date\r\n',
  );
  fs.writeFileSync(
    path.join(dir, 'extra-requisitions.csv'),
    `requisition_id,job_title,opened_at,${CANDIDATES[3]!.email}\r\nR-9,Data Analyst,2025-01-06,x\r\n`,
  );
  fs.writeFileSync(
    path.join(dir, 'retros', '2025-02.md'),
    '# February\n\nWe hired two people. Feedback was on time.\n',
  );
  fs.writeFileSync(
    path.join(dir, 'dashboard.config.json'),
    JSON.stringify({ privacy: { minGroupSize: 1, showInterviewers: true } }),
  );
}

/** Every planted personal value, for scanning. */
export function seededValues(): string[] {
  const values = new Set<string>();
  for (const c of CANDIDATES) {
    for (const value of [c.id, c.name, c.email, c.phone, c.linkedin, c.address, c.note, c.feedback]) values.add(value);
    values.add(c.name.split(' ')[1]!); // a surname alone
  }
  for (const value of Object.values(PLANTED)) values.add(value);
  for (const value of [
    'Xavier Quill-Private',
    'Yusuf Private-Leaver',
    'Budget approved',
    'linkedin.com/in',
    'Privacy Lane',
    'sponsorship',
    'seemed nervous',
  ])
    values.add(value);
  return [...values];
}

/**
 * A person's words reaching the site through the label and enum rules, found by attacking a build (issue 18,
 * item 1). A name a typo away from a known reason ("Not qualified Al") was published as a known reason; it is
 * now a label only if it recurs. Without a candidate id column, every application counted as a candidate of its
 * own, so one candidate's five applications published the text a recruiter typed on each ("Spoke to <name>
 * about the offer"); reasons on applications without a candidate id now count as one person's. Unknown enum
 * values (status, rejected_by, recommendation) were quoted on the data-quality page once seen in
 * `minGroupSize` rows: one candidate's five applications with their name as the status published it. They
 * are now quoted only when `minGroupSize` different candidates gave them (scripts/read/ledger.ts).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../scripts/log.ts';
import { ingest } from '../../scripts/read/ingest.ts';
import { applyLabelRule, RARE_TEXT } from '../../scripts/read/labels.ts';
import { canonicalTables, type Application } from '../../scripts/schema/canonical.ts';
import type { Aggregates } from '../../scripts/schema/aggregates.ts';
import { app, req } from '../metrics/helpers.ts';
import { configSchema } from '../../scripts/schema/config.ts';

const TOKEN = 'ZQXATKNAME';
let dir: string;

/** Eight candidates with one rejected application each, and candidate 9 with five. */
async function write(folder: string, withCandidateIds: boolean, status: string, reason: string) {
  const rows = [
    `application_id,${withCandidateIds ? 'candidate_id,' : ''}Candidate Name,Email,job_id,applied_at,status,rejected_at,rejection_reason`,
  ];
  const row = (app: string, cand: number, st: string, why: string) =>
    `${app},${withCandidateIds ? `C${cand},` : ''}Person ${cand},p${cand}@x.example,R1,2025-01-0${1 + (cand % 8)},${st},${st === 'rejected' ? '2025-01-20' : ''},${why}`;
  for (let c = 1; c <= 8; c++) rows.push(row(`A${c}`, c, 'rejected', 'Position filled'));
  for (let k = 1; k <= 5; k++) rows.push(row(`B${k}`, 9, status, reason));
  await writeFile(join(folder, 'applications.csv'), rows.join('\r\n') + '\r\n');
  await writeFile(
    join(folder, 'requisitions.csv'),
    'requisition_id,job_title,department,opened_at\r\nR1,Engineer,Eng,2025-01-01\r\n',
  );
}

async function labelled(folder: string) {
  const log = memoryLogger();
  const config = configSchema.parse({});
  const { tables, quality } = await ingest(folder, config, log);
  const report = applyLabelRule(tables, quality, config, log);
  return JSON.stringify([tables.applications, report, log.lines]);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'attack-labels-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('one candidate’s five applications', () => {
  it('with candidate ids: the reason typed on each is not published', async () => {
    const folder = join(dir, 'with-ids');
    await mkdir(folder);
    await write(folder, true, 'rejected', `Spoke to ${TOKEN} about the offer`);
    expect(await labelled(folder)).not.toContain(TOKEN);
  });

  it('without candidate ids: the reason typed on each is not published', async () => {
    const folder = join(dir, 'without-ids');
    await mkdir(folder);
    await write(folder, false, 'rejected', `Spoke to ${TOKEN} about the offer`);
    expect(await labelled(folder)).not.toContain(TOKEN);
  });

  it('their name typed as the status is not quoted in the data-quality report', async () => {
    const folder = join(dir, 'status');
    await mkdir(folder);
    await write(folder, true, `${TOKEN} Fakename`, '');
    expect(await labelled(folder)).not.toContain(TOKEN);
  });
});

describe('an unknown enum value', () => {
  /** Applications (one per candidate, or all without a candidate id) and interviews with `value` as given. */
  async function folder(name: string, files: Record<string, string[]>) {
    const at = join(dir, name);
    await mkdir(at);
    for (const [file, lines] of Object.entries(files)) await writeFile(join(at, file), lines.join('\r\n') + '\r\n');
    await writeFile(
      join(at, 'requisitions.csv'),
      'requisition_id,job_title,department,opened_at\r\nR1,Engineer,Eng,2025-01-01\r\n',
    );
    const log = memoryLogger();
    const { quality } = await ingest(at, configSchema.parse({}), log);
    return { unmapped: quality.unmapped, log: log.lines };
  }
  const applications = (candidate: (k: number) => string, status: (k: number) => string) => [
    'application_id,candidate_id,job_id,applied_at,status',
    ...Array.from({ length: 8 }, (_, k) => `A${k},${candidate(k)},R1,2025-01-06,${status(k)}`),
  ];

  it('is quoted, with the config that maps it, once five different candidates gave it', async () => {
    const { unmapped, log } = await folder('five-candidates', {
      'applications.csv': applications(
        (k) => `C${k}`,
        (k) => (k < 5 ? 'On Hold' : 'active'),
      ),
    });
    expect(unmapped).toEqual([
      {
        entity: 'applications',
        column: 'status',
        value: 'On Hold',
        rows: 5,
        fix: '{"values": {"application_status": {"On Hold": "<active|rejected|withdrawn|hired>"}}}',
      },
    ]);
    expect(log).toContain(
      'warning: applications status: 1 value not understood in 5 rows: the data quality page lists those that may be shown, with the config that maps them ("values" in dashboard.config.json)',
    );
  });

  it('given by four candidates, or on applications without candidate ids, is counted, not quoted', async () => {
    const four = await folder('four-candidates', {
      'applications.csv': applications(
        (k) => `C${k % 4}`,
        (k) => (k < 6 ? `${TOKEN} Fakename` : 'active'),
      ),
    });
    const none = await folder('no-candidate-ids', {
      'applications.csv': applications(
        () => '',
        (k) => (k < 6 ? `${TOKEN} Fakename` : 'active'),
      ),
    });
    for (const { unmapped, log } of [four, none]) {
      expect(unmapped.map((u) => [u.column, u.value, u.rows])).toEqual([
        ['status', '(value hidden: 1 value, each from fewer than 5 candidates)', 6],
      ]);
      expect(JSON.stringify([unmapped, log])).not.toContain(TOKEN);
    }
  });

  it('on interviews counts the candidates behind their applications', async () => {
    // Five applications each, with one interview each whose recommendation is the token: by one candidate
    // (her five applications), then by five.
    const files = (candidate: (k: number) => string) => ({
      'applications.csv': applications(candidate, () => 'active'),
      'interviews.csv': [
        'interview_id,application_id,interviewer,interview_at,recommendation',
        ...Array.from({ length: 5 }, (_, k) => `I${k},A${k},Ada,2025-01-10T10:00:00Z,${TOKEN}`),
      ],
    });
    const one = await folder(
      'interviews-one',
      files(() => 'C1'),
    );
    expect(one.unmapped.map((u) => [u.column, u.value, u.rows])).toEqual([
      ['recommendation', '(value hidden: 1 value, each from fewer than 5 candidates)', 5],
    ]);
    expect(JSON.stringify(one)).not.toContain(TOKEN);
    const five = await folder(
      'interviews-five',
      files((k) => `C${k}`),
    );
    expect(five.unmapped.map((u) => [u.column, u.value, u.rows])).toEqual([['recommendation', TOKEN, 5]]);
  });
});

describe('a reason a typo away from a known one', () => {
  it('is published as written only when it is the known reason in other words, or recurs', () => {
    const rejected = (id: string, reason: string): Application => ({
      ...app({ id, applied: '2025-01-06', rejected: '2025-02-03' }),
      rejectionReason: reason,
    });
    const tables = canonicalTables({
      requisitions: [req({ id: 'R1', opened: '2025-01-01' })],
      applications: [
        rejected('A1', 'Not qualified Al'), // "notqualified" + "al": two letters from a known reason, a name
        rejected('A2', 'Hired elsewhere - Bo'),
        rejected('A3', 'Not-qualified'), // the known reason, punctuated differently
        rejected('A4', 'Not qualified'),
      ],
      interviews: [],
      stageEvents: [],
    });
    const quality = { files: [], entities: [], ledger: [], unmapped: [] } as unknown as Aggregates['quality'];
    applyLabelRule(tables, quality, configSchema.parse({}), memoryLogger());
    expect(tables.applications.map((a) => a.rejectionReason)).toEqual([
      RARE_TEXT,
      RARE_TEXT,
      'Not-qualified',
      'Not qualified',
    ]);
  });
});

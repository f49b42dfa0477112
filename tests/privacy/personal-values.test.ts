/**
 * A published text equal to a cell of its row that names the candidate is never published (issue 18, item 1),
 * compared when the row is read, whatever the number of applications giving it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../scripts/log.ts';
import { ingest } from '../../scripts/read/ingest.ts';
import { namesAPerson } from '../../scripts/read/values.ts';
import { configSchema } from '../../scripts/schema/config.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'personal-values-'));
  await writeFile(
    join(dir, 'requisitions.csv'),
    'requisition_id,job_title,department,opened_at\r\nR1,Engineer,Eng,2025-01-01\r\n',
  );
  // A1–A3: the reason is the candidate's own name (in another case and spacing), the source their e-mail.
  // A4: a stage equal to the dropped "Job Name" column, a label of the job, not of a person: kept.
  await writeFile(
    join(dir, 'applications.csv'),
    [
      'application_id,candidate_id,Candidate Name,Email,Job Name,job_id,applied_at,status,rejected_at,rejection_reason,source,current_stage',
      'A1,C1,ZQXNAME31 Fakename,zq31@x.example,Engineer,R1,2025-01-02,rejected,2025-01-09,zqxname31  fakename,zq31@x.example,Screen',
      'A2,C1,ZQXNAME31 Fakename,zq31@x.example,Engineer,R1,2025-01-03,rejected,2025-01-09,ZQXNAME31 Fakename,Referral,Screen',
      'A3,C1,ZQXNAME31 Fakename,zq31@x.example,Engineer,R1,2025-01-04,rejected,2025-01-09,ZQXNAME31 Fakename,Referral,Screen',
      'A4,C2,ZQXNAME32 Fakename,zq32@x.example,Engineer,R1,2025-01-05,active,,,Referral,Engineer',
    ].join('\r\n') + '\r\n',
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a text equal to the candidate’s name or contact in its row', () => {
  it('is hidden when read, and counted without its value', async () => {
    const log = memoryLogger();
    const { tables, quality } = await ingest(dir, configSchema.parse({}), log);
    const by = (id: string) => tables.applications.find((a) => a.applicationId === id)!;
    expect(['A1', 'A2', 'A3'].map((id) => by(id).rejectionReason)).toEqual([null, null, null]);
    // The e-mail as a source is hidden as an e-mail address (contact detection comes first); the stage of A4
    // equals "Job Name", which names no person.
    expect(by('A1').source).toBeNull();
    expect(by('A4').currentStage).toBe('Engineer');
    expect(quality.unmapped.find((u) => u.column === 'rejection_reason')).toMatchObject({
      value: "(value hidden: the same as the candidate's name or contact details in its row)",
      rows: 3,
    });
    expect(JSON.stringify([tables.applications, quality, log.lines])).not.toContain('ZQXNAME31');
  });

  it.each([
    ['Candidate Name', true],
    ['first_name', true],
    ['Email', true],
    ['Phone Number', true],
    ['LinkedIn', true],
    ['Referrer', true],
    ['Job Name', false],
    ['Stage Name', false],
    ['Department name', false],
    ['candidate_id', false],
    ['Source', false],
  ])('the dropped column %j names a person: %s', (header, expected) => {
    expect(namesAPerson(header)).toBe(expected);
  });
});

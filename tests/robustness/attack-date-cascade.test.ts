/**
 * A new user's hand-made export, with day-first dates (`03/04/2025`) and no `dateOrder` yet (issue 17, item 7:
 * the `dateOrder` message is what helps there). Its applications are set aside for their ambiguous dates, and
 * the build warns about that; but its interviews are then set aside for an application that is not there, and
 * the build stops blaming the interviews' application id column: "Check that the column read as … is the right
 * one … its values do not fit it". The column is right; the dates are the fix. Open defect in
 * `stopWhenMostlyQuarantined` (scripts/read/labels.ts): it leaves date problems aside, but not the rows set
 * aside because the rows they point to were set aside for a date.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../scripts/log.ts';
import { runDataStep } from '../../scripts/pipeline.ts';

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'attack-date-cascade-'));
  const data = path.join(work, 'data');
  fs.mkdirSync(data);
  const day = (k: number) => `${String(1 + (k % 12)).padStart(2, '0')}/${String(1 + (k % 9)).padStart(2, '0')}/2025`;
  const applications = ['Candidate ID,Job ID,Date Applied,Result'];
  const interviews = ['Interview ID,Candidate ID,Interviewer,Interview Date'];
  for (let k = 0; k < 30; k++) {
    applications.push(`CAND-ZQX-${k},J-1,${day(k)},Rejected`);
    interviews.push(`INT-${k},CAND-ZQX-${k},Ann Lee,2025-10-${String(1 + (k % 28)).padStart(2, '0')}`);
  }
  fs.writeFileSync(path.join(data, 'Candidates.csv'), applications.join('\n') + '\n');
  fs.writeFileSync(path.join(data, 'Interviews.csv'), interviews.join('\n') + '\n');
  fs.writeFileSync(
    path.join(data, 'Jobs.csv'),
    'Job ID,Position,Date Opened\nJ-1,Engineer,2025-01-01\nJ-2,Analyst,2025-01-01\n',
  );
  fs.writeFileSync(
    path.join(data, 'dashboard.config.json'),
    JSON.stringify({
      columns: {
        requisitions: { requisition_id: 'Job ID', job_title: 'Position', opened_at: 'Date Opened' },
        applications: { application_id: 'Candidate ID', applied_at: 'Date Applied', status: 'Result' },
        interviews: { application_id: 'Candidate ID', interview_at: 'Interview Date' },
      },
    }),
  );
});
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

describe('day-first dates without dateOrder', () => {
  // Defect: the build stops blaming a correct column (see the header).
  it.fails('are never reported as a column mapped by mistake', async () => {
    const log = memoryLogger();
    let message = '';
    try {
      await runDataStep({
        dataDir: path.join(work, 'data'),
        cacheDir: path.join(work, 'cache'),
        sample: false,
        log,
      });
    } catch (error) {
      message = String(error) + JSON.stringify(error);
    }
    const everything = log.lines.join('\n') + message;
    expect(everything).toMatch(/dateOrder/);
    expect(everything).not.toMatch(/Check that the column read as/);
  });
});

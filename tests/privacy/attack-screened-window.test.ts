/**
 * A partnership's screened candidates of one month, read off the hiring manager's card (issue 19). The
 * retrospective's "Partnerships this month" table shows, for each hiring manager and recruiter, how many of
 * the recruiter's screened candidates the manager took forward ("53.8% of 13", or "–" when fewer than 5). The
 * manager's partnership card (`partnerships.csv`, `recruiter_screen_to_hiring_manager_screen_n` and the rate)
 * covers the same candidates over its three months: the card's n minus the months shown is the hidden month,
 * and the card's rate × n minus theirs is how many of them went forward.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../scripts/log.ts';
import { runDataStep } from '../../scripts/pipeline.ts';
import type { Aggregates } from '../../scripts/schema/aggregates.ts';

/** Candidates the recruiter screened for Ada Lovel's seat, by month; every other one went on to her screen. */
const SCREENED: Record<string, number> = { '2025-01': 6, '2025-02': 3, '2025-03': 7 };

let work: string;
let aggregates: Aggregates;

function writeExports(dir: string) {
  const requisitions = [
    'requisition_id,job_title,department,hiring_manager,recruiter,opened_at',
    'R0,Engineer,Engineering,Ada Lovel,Rae Aston,2024-12-01',
  ];
  const applications = ['application_id,candidate_id,job_id,applied_at,status'];
  const events = ['application_id,stage,entered_at,exited_at'];
  let a = 0;
  for (const [month, count] of Object.entries(SCREENED)) {
    for (let j = 0; j < count; j++) {
      a++;
      const day = String(2 + j).padStart(2, '0');
      applications.push(`A${a},C${a},R0,${month}-01,active`);
      events.push(`A${a},Recruiter Screen,${month}-${day}T10:00:00Z,`);
      if (j % 2) events.push(`A${a},Hiring Manager Screen,${month}-${day}T15:00:00Z,`);
    }
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'requisitions.csv'), requisitions.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'applications.csv'), applications.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'stage_events.csv'), events.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'dashboard.config.json'), JSON.stringify({ asOf: '2025-03-31' }));
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'attack-screened-window-'));
  writeExports(path.join(work, 'data'));
  ({ aggregates } = await runDataStep({
    dataDir: path.join(work, 'data'),
    cacheDir: path.join(work, 'cache'),
    sample: false,
    log: silentLogger,
  }));
}, 120_000);

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

/** The partnership's screened candidates of a month, as the retrospective's partnerships table shows them. */
const screenedIn = (month: string) =>
  aggregates.owners.partnerships.find((p) => p.month === month && p.hiringManager === 'Ada Lovel')
    ?.screenedTakenForward;

/** Hidden months that the card's n minus the window's shown months gives back exactly. */
function pinned(): string[] {
  const card = aggregates.partnerships.find((p) => p.hiringManager === 'Ada Lovel')!;
  const n = card.recruiterScreenToHiringManagerScreen.n;
  const months = aggregates.months.filter((x) => x >= card.fromMonth && x <= card.toMonth);
  const figures = months.map(screenedIn);
  const hidden = figures.filter((f) => f?.suppressed);
  if (n === null || hidden.length !== 1 || figures.some((f) => !f || (!f.suppressed && f.n === null))) return [];
  const month = months[figures.indexOf(hidden[0])]!;
  const value = n - figures.reduce((sum, f) => sum + (f!.n ?? 0), 0);
  return value === SCREENED[month] ? [`${month}: ${value}`] : [];
}

describe('a partnership’s screened candidates by month beside the hiring manager’s card', () => {
  it('shows the card’s n over the three months, and hides February as fewer than 5', () => {
    const card = aggregates.partnerships.find((p) => p.hiringManager === 'Ada Lovel')!;
    expect([card.fromMonth, card.toMonth, card.recruiterScreenToHiringManagerScreen.n]).toEqual([
      '2025-01',
      '2025-03',
      16,
    ]);
    expect(screenedIn('2025-02')).toMatchObject({ n: null, suppressed: true });
    expect(screenedIn('2025-03')!.n).toBe(7);
  });

  // 16 − 6 − 7 = 3, February's hidden count, on the old code.
  it('no hidden month is the card’s n minus the months shown', () => {
    expect(pinned()).toEqual([]);
  });
});

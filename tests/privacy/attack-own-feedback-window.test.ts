/**
 * A hiring manager's own feedback of one month, read off their partnership card (issue 19). The retrospective's
 * "Partnerships this month" table shows, for each hiring manager, their own interviews' feedback on time
 * ("40% of 5", or "n<5" when fewer than 5). Their partnership card (`partnerships.csv`,
 * `feedback_on_time_rate_n` and the rate) covers the same interviews over its three months. With two months
 * shown and one at "n<5", the card's n minus the two is the hidden month, and the card's rate × n minus theirs
 * is its on-time count. On a SmartRecruiters-shaped export the team had not seen: card n 9, September 0,
 * November 5 ⇒ October 4 (and 0 of them on time); card n 6, September 5 ⇒ October 1.
 *
 * The partnerships by month (`owners.partnerships`) are suppressed with the rest of the artifact and audited
 * beside the cards (scripts/metrics/audit.ts): a card's n is its hiring manager's own feedback month by month.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../scripts/log.ts';
import { runDataStep } from '../../scripts/pipeline.ts';
import type { Aggregates } from '../../scripts/schema/aggregates.ts';

let work: string;
let aggregates: Aggregates;

/** The interviews Ada Lovel holds herself, by month; Bo Brandt holds 8 a month. */
const ADA: Record<string, number> = { '2025-01': 6, '2025-02': 3, '2025-03': 7 };

function writeExports(dir: string) {
  const requisitions = ['requisition_id,job_title,department,hiring_manager,recruiter,opened_at'];
  const applications = ['application_id,candidate_id,job_id,applied_at,status'];
  const interviews = [
    'interview_id,application_id,stage,interviewer,interview_at,interview_end_at,feedback_submitted_at',
  ];
  let a = 0;
  for (const [id, manager] of [
    ['R0', 'Ada Lovel'],
    ['R1', 'Bo Brandt'],
  ] as const) {
    requisitions.push(`${id},Engineer,Engineering,${manager},Rae Aston,2024-12-01`);
    for (const month of Object.keys(ADA)) {
      const count = manager === 'Ada Lovel' ? ADA[month]! : 8;
      for (let j = 0; j < count; j++) {
        a++;
        const day = String(2 + j).padStart(2, '0');
        // Every other scorecard a day late: the on-time rate is not 0 or 1.
        const submitted = j % 2 ? `${month}-${day}T11:30:00Z` : `${month}-${String(4 + j).padStart(2, '0')}T12:00:00Z`;
        applications.push(`A${a},C${a},${id},${month}-01,active`);
        interviews.push(
          `I${a},A${a},Hiring Manager Screen,${manager},${month}-${day}T10:00:00Z,${month}-${day}T11:00:00Z,${submitted}`,
        );
      }
    }
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'requisitions.csv'), requisitions.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'applications.csv'), applications.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'interviews.csv'), interviews.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'dashboard.config.json'), JSON.stringify({ asOf: '2025-03-31' }));
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'attack-own-feedback-window-'));
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

/** A manager's own feedback figure of a month, as the retrospective's partnerships table shows it. */
const ownIn = (month: string, manager: string) =>
  aggregates.owners.partnerships.find((p) => p.month === month && p.hiringManager === manager)?.feedbackOnTime;

/** Hidden months that the card's n minus the window's shown months gives back exactly. */
function pinned() {
  return aggregates.partnerships.flatMap((card) => {
    const n = card.feedbackOnTimeRate.n;
    const months = aggregates.months.filter((x) => x >= card.fromMonth && x <= card.toMonth);
    const figures = months.map((x) => ownIn(x, card.hiringManager));
    const hidden = figures.filter((f) => f?.suppressed);
    if (n === null || hidden.length !== 1 || figures.some((f) => !f || (!f.suppressed && f.n === null))) return [];
    const month = months[figures.indexOf(hidden[0])]!;
    const value = n - figures.reduce((sum, f) => sum + (f!.n ?? 0), 0);
    const truth = card.hiringManager === 'Ada Lovel' ? ADA[month] : 8;
    return value === truth ? [`${card.hiringManager} ${month}: ${value}`] : [];
  });
}

describe('a hiring manager’s own feedback by month beside their partnership card', () => {
  it('shows the card’s n and two months, and hides February as fewer than 5', () => {
    const card = aggregates.partnerships.find((p) => p.hiringManager === 'Ada Lovel')!;
    expect([card.fromMonth, card.toMonth, card.feedbackOnTimeRate.n]).toEqual(['2025-01', '2025-03', 16]);
    expect(ownIn('2025-02', 'Ada Lovel')).toMatchObject({ n: null, suppressed: true });
    expect(ownIn('2025-03', 'Ada Lovel')!.n).toBe(7);
    // 16 − 6 − 7 = 3 before the audit weighed the months beside the card: January (6, the smallest shown
    // part) is hidden beside February now.
    expect(ownIn('2025-01', 'Ada Lovel')).toMatchObject({ n: null, suppressed: true, complementary: true });
  });

  // 16 − 6 − 7 = 3, February's hidden count, on the old code (see the header).
  it('no hidden month is the card’s n minus the months shown', () => {
    expect(pinned()).toEqual([]);
  });
});

/**
 * A headline's n hidden in `headlines.csv` and published in `feedback-by-month.csv` (issue 19: "no cell is
 * hidden in one output and shown in another"). The n of a department's median hours to feedback is the month's
 * submitted feedback slots. With 5 slots and 4 of them submitted, the headline hides its n ("n<5" on the
 * department page, `suppressed` in the CSV), while the feedback table's row for the same month and department
 * (5 slots: shown) publishes `submitted` = 4. On a SmartRecruiters-shaped export the team had not seen, 6
 * department-months (and 3 trailing windows over them) were hidden in one file and shown in the other; in
 * this fixture, one (July, Legal: 4).
 *
 * Fixed: a median over fewer than `minGroupSize` submitted slots of a shown month is hidden in the headline
 * with its n kept (scripts/metrics/suppression.ts), the count the feedback table of the same month shows; only
 * the median itself is withheld in both.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../scripts/log.ts';
import { runDataStep } from '../../scripts/pipeline.ts';
import type { Aggregates } from '../../scripts/schema/aggregates.ts';
import { random as seeded } from '../fixtures/random.ts';

let work: string;
let aggregates: Aggregates;

const DEPARTMENTS = ['Engineering', 'Sales', 'Data', 'Legal', 'Finance', 'Design', 'Security', 'Facilities'];
const MONTHS = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08'];

/**
 * Eight departments over eight months, 3 to 16 interviews a month each in three stages, about one in eight
 * without feedback (seeded).
 */
function writeExports(dir: string) {
  const random = seeded(19);
  const requisitions = ['requisition_id,job_title,department,opened_at'];
  const applications = ['application_id,candidate_id,job_id,applied_at,status'];
  const interviews = ['interview_id,application_id,stage,interview_at,feedback_submitted_at'];
  let a = 0;
  for (const [k, department] of DEPARTMENTS.entries()) {
    requisitions.push(`R${k},Engineer,${department},2024-12-01`);
    for (const month of MONTHS) {
      const slots = 3 + Math.floor(random() * 14);
      for (let j = 0; j < slots; j++) {
        a++;
        const day = String(1 + (j % 25)).padStart(2, '0');
        const stage = ['Screen', 'Onsite', 'Offer'][Math.floor(random() * 3)];
        applications.push(`A${a},C${a},R${k},${month}-01,active`);
        const hours = 1 + Math.floor(random() * 60);
        const submitted =
          random() < 0.125 ? '' : new Date(Date.parse(`${month}-${day}T10:00:00Z`) + hours * 3_600_000).toISOString();
        interviews.push(`I${a},A${a},${stage},${month}-${day}T10:00:00Z,${submitted}`);
      }
    }
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'requisitions.csv'), requisitions.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'applications.csv'), applications.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'interviews.csv'), interviews.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'dashboard.config.json'), JSON.stringify({ asOf: '2025-08-31' }));
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'attack-headline-n-in-table-'));
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

/** Department-months whose median-hours headline hides its n while the feedback table shows `submitted`. */
function hiddenHereShownThere() {
  return aggregates.headlines.flatMap((h) => {
    if (h.metric !== 'medianHoursToFeedback' || h.scope.kind !== 'department') return [];
    const department = h.scope.department;
    return h.months.flatMap((c) => {
      const row = aggregates.feedback.byMonth.find(
        (r) => r.month === c.month && r.department === department && r.stage === 'All',
      );
      return c.current.n === null && row?.submitted != null ? [`${c.month} ${department}: ${row.submitted}`] : [];
    });
  });
}

describe('the n of a median over fewer than 5 submitted slots', () => {
  it('is hidden in some department-months’ headlines', () => {
    const hidden = aggregates.headlines
      .filter((h) => h.metric === 'medianHoursToFeedback' && h.scope.kind === 'department')
      .flatMap((h) => h.months.filter((c) => c.current.suppressed));
    expect(hidden.length).toBeGreaterThan(3);
  });

  // Defect: the feedback table shows the count the headline hides (see the header).
  it('is never hidden in the headline where the feedback table of the same month and department shows it', () => {
    expect(hiddenHereShownThere()).toEqual([]);
  });
});

/**
 * What each interviewer owes, beside the outstanding feedback (issue 19). With `privacy.showInterviewers` on,
 * the retrospective lists every interviewer's scorecards due and not submitted ("fewer than 5" when small), and
 * the feedback page publishes the outstanding feedback by how overdue it is. Every outstanding scorecard has an
 * interviewer, so the list adds up to the outstanding total: with one interviewer hidden, the total minus the
 * others is theirs. Here: 16 outstanding, Ann 7 and Ben 6 shown ⇒ Cal owes 3.
 *
 * The lists are now suppressed with the rest of the artifact and audited beside the outstanding feedback
 * (scripts/metrics/audit.ts): Ben, the smallest shown, is hidden beside Cal, and both read "hidden".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../scripts/log.ts';
import { runDataStep } from '../../scripts/pipeline.ts';
import type { Aggregates } from '../../scripts/schema/aggregates.ts';

/** Scorecards each interviewer owes: every interview of theirs is past due, none submitted. */
const OWES: Record<string, number> = { 'Ann Owing': 7, 'Ben Owing': 6, 'Cal Owing': 3 };

let work: string;
let aggregates: Aggregates;

function writeExports(dir: string) {
  const requisitions = [
    'requisition_id,job_title,department,hiring_manager,recruiter,opened_at',
    'R0,Engineer,Engineering,Dee Manager,Rae Aston,2024-12-01',
  ];
  const applications = ['application_id,candidate_id,job_id,applied_at,status'];
  const interviews = [
    'interview_id,application_id,stage,interviewer,interview_at,interview_end_at,feedback_submitted_at',
  ];
  let a = 0;
  for (const [interviewer, count] of Object.entries(OWES)) {
    for (let j = 0; j < count; j++) {
      a++;
      const day = String(2 + j).padStart(2, '0');
      applications.push(`A${a},C${a},R0,2025-01-01,active`);
      interviews.push(`I${a},A${a},Onsite,${interviewer},2025-01-${day}T10:00:00Z,2025-01-${day}T11:00:00Z,`);
    }
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'requisitions.csv'), requisitions.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'applications.csv'), applications.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'interviews.csv'), interviews.join('\n') + '\n');
  fs.writeFileSync(
    path.join(dir, 'dashboard.config.json'),
    JSON.stringify({ asOf: '2025-03-31', privacy: { showInterviewers: true } }),
  );
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'attack-owed-interviewers-'));
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

/**
 * Interviewers whose hidden count the outstanding total pins: the hidden ones share the total minus the shown;
 * each is at least 1, and below the threshold when marked small (a cell hidden beside it has no upper bound).
 */
function pinned(): string[] {
  const m = aggregates.settings.minGroupSize;
  const total = aggregates.feedback.outstanding
    .filter((r) => r.department === 'All')
    .reduce((sum, r) => sum + (r.slots ?? 0), 0);
  const list = aggregates.owners.owedByInterviewer!;
  const hidden = list.filter((o) => o.suppressed);
  const rest = total - list.reduce((sum, o) => sum + (o.slots ?? 0), 0);
  const hi = (o: (typeof list)[number]) => (o.complementary ? Infinity : m - 1);
  return hidden.flatMap((o) => {
    const others = hidden.filter((x) => x !== o);
    const lo = Math.max(1, rest - others.reduce((sum, x) => sum + hi(x), 0));
    const up = Math.min(hi(o), rest - others.length);
    return lo === up && lo === OWES[o.interviewer] ? [`${o.interviewer}: ${lo}`] : [];
  });
}

describe('what each interviewer owes, beside the outstanding feedback', () => {
  it('publishes the outstanding total and Ann’s 7; hides Cal’s 3 and, beside it, Ben’s 6', () => {
    expect(aggregates.feedback.outstanding.filter((r) => r.department === 'All').map((r) => r.slots ?? 0)).toContain(
      16,
    );
    const of = (name: string) => aggregates.owners.owedByInterviewer!.find((o) => o.interviewer === name);
    expect(of('Ann Owing')).toMatchObject({ slots: 7, suppressed: false });
    // 16 − 7 − 6 = 3 before the audit weighed the list. Now Ben, the smallest shown, is hidden beside Cal, and
    // both read "hidden", as the audit publishes a small count it found pinned (never "fewer than 5" beside a
    // count that may be larger).
    expect(of('Cal Owing')).toMatchObject({ slots: null, suppressed: true, complementary: true });
    expect(of('Ben Owing')).toMatchObject({ slots: null, suppressed: true, complementary: true });
    // The hidden follow the shown by name, not by their counts.
    expect(aggregates.owners.owedByInterviewer!.map((o) => o.interviewer)).toEqual([
      'Ann Owing',
      'Ben Owing',
      'Cal Owing',
    ]);
  });

  it('no hidden count is the outstanding total minus the counts shown', () => {
    expect(pinned()).toEqual([]);
    expect(aggregates.disclosure?.unprotected).toBe(0);
    expect(aggregates.disclosure?.broken).toBe(0);
  });
});

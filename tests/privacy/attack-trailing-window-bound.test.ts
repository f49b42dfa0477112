/**
 * A department's last three months read off its "fewer than 5" trailing window (issue 19). The department page
 * shows the latest month's card with "Trailing 3 months, per month <5" when the three months before it hold
 * fewer than 5 rejections, and the rejection tables (`rejection-categories-by-month.csv`, …) list every
 * category a rejection of those months had, each row hidden but there, so at least 1. When the listed rows
 * number 4, the window's "<5" says each of them is exactly 1: every hidden count of the three months (month
 * totals, categories, who ended it, stages, reasons) is pinned. On a SmartRecruiters-shaped export the team had
 * not seen, one small department gave 23 hidden small counts this way (rows of August 1, September 1,
 * October 2).
 *
 * The disclosure audit (scripts/metrics/audit.ts, `OP.trailing`) reads a trailing-3 n hidden as a small group
 * as the page prints it, "<5" (at most minGroupSize − 1); where that pins the months' rows it asks for the
 * window to be hidden only ("hidden", no bound). It once read it as hidden with no bound.
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

const MONTHS = ['2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11'];
const REASONS = ['Lacking skills', 'Not enough experience', 'Salary expectations', 'Position filled'];
/** Design's rejections, by month: one reason each, a different one every time (four categories). */
const DESIGN: Record<string, string[]> = {
  '2025-08': [REASONS[0]!],
  '2025-09': [REASONS[1]!],
  '2025-10': [REASONS[2]!, REASONS[3]!],
};

/** Two large departments (8 to 19 rejections a month, seeded), and Design with 4 rejections from August to October. */
function writeExports(dir: string) {
  const random = seeded(19);
  const requisitions = ['requisition_id,job_title,department,opened_at'];
  const applications = ['application_id,candidate_id,job_id,applied_at,status,rejected_at,rejection_reason'];
  let a = 0;
  const reject = (job: string, month: string, reason: string) => {
    a++;
    const day = String(1 + (a % 25)).padStart(2, '0');
    applications.push(`A${a},C${a},${job},${month}-${day},rejected,${month}-${day},${reason}`);
  };
  ['Engineering', 'Sales', 'Design'].forEach((department, k) =>
    requisitions.push(`R${k},Engineer,${department},2025-01-01`),
  );
  for (const month of MONTHS) {
    for (const job of ['R0', 'R1']) {
      const count = 8 + Math.floor(random() * 12);
      for (let j = 0; j < count; j++) reject(job, month, REASONS[Math.floor(random() * REASONS.length)]!);
    }
    for (const reason of DESIGN[month] ?? []) reject('R2', month, reason);
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'requisitions.csv'), requisitions.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'applications.csv'), applications.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'dashboard.config.json'), JSON.stringify({ asOf: '2025-11-30' }));
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'attack-trailing-window-bound-'));
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
 * The departments whose latest-month rejections card says "<5" for its trailing window while the rejection
 * tables list, over the window's months, as many rows as the window can hold (each hidden row at least 1).
 */
function pinnedWindows() {
  const m = aggregates.settings.minGroupSize;
  const latest = aggregates.latestCompleteMonth!;
  const i = aggregates.months.indexOf(latest);
  const window = aggregates.months.slice(i - 3, i);
  return aggregates.headlines.flatMap((h) => {
    if (h.metric !== 'rejections' || h.scope.kind !== 'department') return [];
    const department = h.scope.department;
    const t = h.months.find((c) => c.month === latest)!.trailing3;
    // The page prints "<5" for a hidden figure that is not a complement.
    if (!t.suppressed || (t as { complementary?: true }).complementary) return [];
    // Each month's rejections are at least its listed categories (a hidden one at least 1).
    const atLeast = window.reduce(
      (sum, month) =>
        sum +
        aggregates.rejections.byCategory
          .filter((r) => r.month === month && r.department === department)
          .reduce((s, r) => s + (r.rejections ?? 1), 0),
      0,
    );
    return atLeast >= m - 1
      ? [`${department}: ${window.join(', ')} hold at least ${atLeast}, the window fewer than ${m}`]
      : [];
  });
}

describe('a trailing window of fewer than 5 beside the rows of its months', () => {
  it('Design’s latest card hides its window as a small group, and its months list 4 rows', () => {
    const design = aggregates.headlines.find(
      (h) => h.metric === 'rejections' && h.scope.kind === 'department' && h.scope.department === 'Design',
    )!;
    expect(design.months.find((c) => c.month === '2025-11')!.trailing3.suppressed).toBe(true);
    const rows = aggregates.rejections.byCategory.filter(
      (r) => r.department === 'Design' && ['2025-08', '2025-09', '2025-10'].includes(r.month),
    );
    expect(rows).toHaveLength(4);
  });

  // The window's "<5" and the rows' "at least 1" pinned every count of those months on the old code.
  it('no window marked fewer than 5 is already filled by the rows its months list', () => {
    expect(pinnedWindows()).toEqual([]);
  });
});

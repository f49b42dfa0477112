/**
 * Hidden hires read off the seats they filled (issue 19: "no cell is hidden in one output and shown in
 * another"). The number of hires of a month and department was a candidate figure: `time-to-hire-by-month.csv`
 * hid it below `minGroupSize`. The seats filled in the same month and department are requisition figures,
 * never suppressed (`time-to-fill-by-month.csv`, `time-to-fill.csv`). When the export has no fill date, the
 * build fills each seat from its job's hires (issue 17), so a month's fills are its hires, one for one; an Ashby
 * export's `Filled` openings closed on the hire date give the same. On an Ashby-shaped export the team had not
 * seen, every one of 54 hidden small hire counts (true value 1–4) equalled the published fills beside it; in
 * this fixture, 25 do.
 *
 * The rule since: a count of hires is published however small, shown identically wherever it appears (the
 * time-to-hire table, the headlines' n, the fills beside them); the days of fewer than 5 hires stay hidden.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../scripts/log.ts';
import { runDataStep } from '../../scripts/pipeline.ts';
import type { Aggregates } from '../../scripts/schema/aggregates.ts';

let work: string;
let aggregates: Aggregates;
let lines: string;
/** Hires by `month|department` (and `month|All`), as written. */
const hires = new Map<string, number>();

/** 40 single-seat jobs in two departments, January to October 2025, one hire each; no fill date column. */
function writeExports(dir: string) {
  let seed = 19;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const day = (n: number) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10);
  const requisitions = ['requisition_id,job_title,department,opened_at'];
  const applications = ['application_id,candidate_id,job_id,applied_at,status,rejected_at,rejection_reason,hired_at'];
  let a = 0;
  for (let k = 0; k < 40; k++) {
    const department = k % 2 ? 'Sales' : 'Engineering';
    const opened = k * 7;
    requisitions.push(`R${k},Engineer,${department},${day(opened)}`);
    const people = 8 + Math.floor(random() * 6);
    for (let p = 0; p < people; p++) {
      a++;
      const applied = opened + 1 + p;
      if (p === people - 1) {
        const hired = day(applied + 30 + Math.floor(random() * 20));
        applications.push(`A${a},C${a},R${k},${day(applied)},hired,,,${hired}`);
        for (const scope of [department, 'All']) {
          const key = `${hired.slice(0, 7)}|${scope}`;
          hires.set(key, (hires.get(key) ?? 0) + 1);
        }
      } else {
        applications.push(`A${a},C${a},R${k},${day(applied)},rejected,${day(applied + 10)},Not enough experience,`);
      }
    }
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'requisitions.csv'), requisitions.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'applications.csv'), applications.join('\n') + '\n');
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'attack-hires-fills-'));
  writeExports(path.join(work, 'data'));
  const log = memoryLogger();
  ({ aggregates } = await runDataStep({
    dataDir: path.join(work, 'data'),
    cacheDir: path.join(work, 'cache'),
    sample: false,
    log,
  }));
  lines = log.lines.join('\n');
}, 120_000);

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

describe('a month’s hires beside the seats they filled', () => {
  it('the fills are derived from the hires, and many months have fewer than 5 hires', () => {
    expect(lines).toMatch(/derived filled_at of 40 requisitions/);
    const small = aggregates.timeToFill.timeToHireByMonth.filter((r) => {
      const truth = hires.get(`${r.month}|${r.department}`) ?? 0;
      return truth > 0 && truth < 5;
    });
    expect(small.length).toBeGreaterThan(5);
  });

  // The rule (SECURITY.md): a count of hires is published however small, the same in every output, since the
  // filled-requisition list shows the seats they fill; what stays hidden is the days over fewer than 5 hires.
  it('no hire count is hidden in one output and shown in another; the attacker pins nothing', () => {
    const { timeToFill, headlines, disclosure } = aggregates;
    const mismatches: string[] = [];
    for (const r of timeToFill.timeToHireByMonth) {
      const truth = hires.get(`${r.month}|${r.department}`) ?? 0;
      const fills = timeToFill.byMonth.find((f) => f.month === r.month && f.department === r.department);
      const listed = timeToFill.fills.filter(
        (f) => f.filled_on.startsWith(r.month) && (r.department === 'All' || f.department === r.department),
      ).length;
      const series = headlines.find(
        (s) =>
          s.metric === 'medianDaysToHire' &&
          (r.department === 'All'
            ? s.scope.kind === 'all'
            : s.scope.kind === 'department' && s.scope.department === r.department),
      );
      const headline = series?.months.find((c) => c.month === r.month)?.current;
      const shown = [r.hires, fills?.filled ?? 0, listed, headline?.n ?? 0];
      if (shown.some((n) => n !== truth))
        mismatches.push(`${r.month} ${r.department}: ${shown.join(' / ')} vs ${truth}`);
      // The days of fewer than 5 hires are theirs: hidden in the table and the headline alike.
      if (truth > 0 && truth < 5 && (r.median_days !== null || headline?.value !== null))
        mismatches.push(`${r.month} ${r.department}: days of ${truth} hires shown`);
    }
    expect(mismatches).toEqual([]);
    expect(disclosure?.unprotected).toBe(0);
  });
});

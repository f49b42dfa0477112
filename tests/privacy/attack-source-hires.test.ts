/**
 * A source's hires read off the company's (issue 19). The hires of a month by source add up to the company's hires
 * of the month, and those are published however few (SECURITY.md, "Hires and fills"). Sources' hires stay a
 * candidate figure: how one joiner was found. In this export, June 2025 has 8 hires, 4 found through a referral
 * and 4 through an agency; every other source has none. Each 4 is "fewer than 5", and the company's 8 is shown:
 * 8 − 0 = referral + agency, each at most 4, gave both back as 4 when sources were protected apart from the rest.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../scripts/log.ts';
import { runDataStep } from '../../scripts/pipeline.ts';
import { ALL, type Aggregates } from '../../scripts/schema/aggregates.ts';

let work: string;
let aggregates: Aggregates;
/** Hires by `month|source`, as written. */
const truth = new Map<string, number>();
const SOURCES = ['Agency', 'Indeed', 'LinkedIn', 'Referral', 'Website'];

/** One department; every month from January to August 2025, 6 applications per source, none hired but in June. */
function writeExports(dir: string) {
  const day = (month: number, d: number) => new Date(Date.UTC(2025, month - 1, d)).toISOString().slice(0, 10);
  const requisitions = ['requisition_id,job_title,department,opened_at'];
  const applications = [
    'application_id,candidate_id,job_id,applied_at,status,rejected_at,rejection_reason,hired_at,source',
  ];
  let a = 0;
  for (let r = 0; r < 8; r++) requisitions.push(`R${r},Engineer,Engineering,${day(1, 2)}`);
  for (let month = 1; month <= 8; month++)
    for (const source of SOURCES)
      for (let k = 0; k < 6; k++) {
        a++;
        applications.push(
          `A${a},C${a},R${a % 8},${day(month, 3 + k)},rejected,${day(month, 20)},Not enough experience,,${source}`,
        );
      }
  // June's hires applied in April (April's rows count them as advanced: hires are by month of the hire).
  for (const [source, hires] of [
    ['Referral', 4],
    ['Agency', 4],
  ] as const)
    for (let k = 0; k < hires; k++) {
      a++;
      applications.push(`A${a},C${a},R${a % 8},${day(4, 10 + k)},hired,,,${day(6, 10 + k)},${source}`);
      truth.set(`2025-06|${source}`, (truth.get(`2025-06|${source}`) ?? 0) + 1);
    }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'requisitions.csv'), requisitions.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'applications.csv'), applications.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'dashboard.config.json'), JSON.stringify({ asOf: '2025-08-31' }));
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'attack-source-hires-'));
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
 * The attacker: each month, the company's hires (published) minus the sources' shown hires is the sum of the
 * hidden ones, each within what its mark says ("fewer than 5": 1 to 4, or 0 to 4 in a row hidden whole;
 * "hidden": at least 0). Interval propagation over that sum; returns the hidden cells it pins, with the value.
 */
function attack(a: Aggregates, m: number): { cell: string; value: number }[] {
  const pinned: { cell: string; value: number }[] = [];
  const byMonth = Map.groupBy(a.sources ?? [], (r) => r.month);
  for (const [month, rows] of byMonth) {
    const total = a.timeToFill.timeToHireByMonth.find((r) => r.month === month && r.department === ALL)?.hires;
    if (total === null || total === undefined) continue;
    const hidden = rows.filter((r) => r.hires === null);
    const rest = total - rows.reduce((sum, r) => sum + (r.hires ?? 0), 0);
    const bounds = hidden.map((r) => (r.complementary ? [0, Infinity] : [r.suppressed ? 0 : 1, m - 1])) as [
      number,
      number,
    ][];
    for (let pass = 0; pass < 10; pass++)
      bounds.forEach((b, i) => {
        const othersLo = bounds.reduce((s, x, j) => (j === i ? s : s + x[0]), 0);
        const othersHi = bounds.reduce((s, x, j) => (j === i ? s : s + x[1]), 0);
        b[0] = Math.max(b[0], rest - othersHi);
        b[1] = Math.min(b[1], rest - othersLo);
      });
    hidden.forEach((r, i) => {
      if (bounds[i]![0] === bounds[i]![1]) pinned.push({ cell: `${month}|${r.source}`, value: bounds[i]![0] });
    });
  }
  return pinned;
}

describe('a source’s hires beside the company’s', () => {
  it('June’s hires are published, and its sources’ hires are hidden', () => {
    const june = aggregates.timeToFill.timeToHireByMonth.find((r) => r.month === '2025-06' && r.department === ALL);
    expect(june?.hires).toBe(8);
    const sources = aggregates.sources!.filter((r) => r.month === '2025-06');
    expect(sources.map((r) => r.source)).toEqual(SOURCES);
    expect(sources.filter((r) => r.source === 'Referral' || r.source === 'Agency').map((r) => r.hires)).toEqual([
      null,
      null,
    ]);
  });

  it('the attacker pins no source’s hires, and what it narrows holds the truth', () => {
    const m = aggregates.settings.minGroupSize;
    const pinned = attack(aggregates, m);
    for (const p of pinned) expect(p.value).toBe(truth.get(p.cell) ?? 0);
    expect(pinned).toEqual([]);
    expect(aggregates.disclosure?.unprotected).toBe(0);
  });
});

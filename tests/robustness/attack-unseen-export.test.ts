/**
 * An Ashby export the team had not seen, tried as a new user would (issue 17): openings as Ashby's API
 * returns them (`openingState`, `openedAt`, `closedAt`, no fill date: a `Filled` opening's fill is its close),
 * applications with `archiveReason.*`, feedback with `interviewEvent.*`. It builds with no config, and every
 * figure checked agrees with a tally of the rows written here.
 *
 * A `Filled` opening takes its `closedAt` as the fill date (scripts/read/rows.ts); the headlines count those
 * fills as the time-to-fill tables do, and the data-quality page says they were derived (scripts/read/derive.ts).
 * (They once said "not in your export — needs filled_at" beside tables that published every fill.)
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
/** Filled openings by month of their fill, as written. */
const fillsByMonth = new Map<string, number>();
/** Rejections by month of their date, as written. */
const rejectedByMonth = new Map<string, number>();

const csv = (rows: ReadonlyArray<ReadonlyArray<string>>) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';

/** 24 openings from January to June 2025, every other one filled by its last applicant's hire. */
function writeAshby(dir: string) {
  let seed = 17;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const iso = (day: number) => new Date(Date.UTC(2025, 0, 1 + day, 9)).toISOString();
  const openings = [
    ['id', 'openingState', 'jobIds', 'job.title', 'department.name', 'hiringManager.name', 'openedAt', 'closedAt'],
  ];
  const applications = [
    [
      'id',
      'candidate.id',
      'candidate.name',
      'candidate.primaryEmailAddress.value',
      'status',
      'job.id',
      'createdAt',
      'source.title',
      'archiveReason.text',
      'archiveReason.reasonType',
      'archivedAt',
      'hiredAt',
    ],
  ];
  const feedback = [['id', 'applicationId', 'submittedByUser.name', 'interviewEvent.startTime', 'submittedAt']];
  let a = 0;
  for (let k = 0; k < 24; k++) {
    const opened = k * 7;
    const filled = k % 2 === 0;
    const people = 6 + Math.floor(random() * 6);
    let hiredAt = '';
    for (let p = 0; p < people; p++) {
      a++;
      const applied = opened + 1 + p;
      const hired = filled && p === people - 1;
      const end = iso(applied + 20 + Math.floor(random() * 10));
      if (hired) hiredAt = end;
      else rejectedByMonth.set(end.slice(0, 7), (rejectedByMonth.get(end.slice(0, 7)) ?? 0) + 1);
      applications.push([
        `APP-${a}`,
        `CAND-ZQX-${a}`,
        `ZQXNAME${a} Fakename`,
        `zqx${a}@example.test`,
        hired ? 'Hired' : 'Archived',
        `JOB-${k}`,
        iso(applied),
        'LinkedIn',
        hired ? '' : 'Lacks required skills',
        hired ? '' : 'RejectedByOrg',
        hired ? '' : end,
        hired ? end : '',
      ]);
      feedback.push([`FB-${a}`, `APP-${a}`, 'Sam Ito', iso(applied + 5), iso(applied + 6)]);
    }
    if (filled) fillsByMonth.set(hiredAt.slice(0, 7), (fillsByMonth.get(hiredAt.slice(0, 7)) ?? 0) + 1);
    openings.push([
      `OPN-${k}`,
      filled ? 'Filled' : 'Open',
      `JOB-${k}`,
      'Engineer',
      k % 3 ? 'Platform' : 'Growth',
      'Mara Quist',
      iso(opened),
      filled ? hiredAt : '',
    ]);
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'openings.csv'), csv(openings));
  fs.writeFileSync(path.join(dir, 'applications.csv'), csv(applications));
  fs.writeFileSync(path.join(dir, 'feedback.csv'), csv(feedback));
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'attack-unseen-export-'));
  writeAshby(path.join(work, 'data'));
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

const filledByMonth = () =>
  new Map(
    aggregates.timeToFill.byMonth.filter((r) => r.department === 'All' && r.filled > 0).map((r) => [r.month, r.filled]),
  );

describe('an Ashby export with no config', () => {
  it('is read as Ashby, every row used, no candidate detail in the artifact or the log', () => {
    expect(lines).toMatch(/openings\.csv: read as requisitions \(Ashby\)/);
    expect(lines).toMatch(/applications\.csv: read as applications \(Ashby\)/);
    expect(aggregates.quality.entities.find((e) => e.entity === 'applications')?.quarantined).toBe(0);
    const everything = JSON.stringify(aggregates) + lines;
    expect(everything).not.toMatch(/ZQX/i);
    // Its reasons are no category the dashboard knows ("other"): the audit's model must still hold on it.
    expect(aggregates.disclosure?.broken).toBe(0);
  });

  it('its fills and rejections agree with a tally of the rows', () => {
    expect(filledByMonth()).toEqual(fillsByMonth);
    const rejections = aggregates.headlines.find((h) => h.metric === 'rejections' && h.scope.kind === 'all')!;
    const shown = rejections.months.filter((c) => c.current.value !== null);
    // Its one hiring manager's card covers these months: the audit hides some beside its small ones.
    expect(shown.length).toBeGreaterThanOrEqual(3);
    for (const c of shown) expect(c.current.value, c.month).toBe(rejectedByMonth.get(c.month));
  });

  // The fill dates used by the tables are the headlines' too (see the header).
  it('the headlines count the fills the time-to-fill tables show, not "not in your export"', () => {
    expect((aggregates.absent ?? []).map((a) => a.figure)).not.toContain('requisitionsFilled');
    const filled = [...fillsByMonth.values()].reduce((sum, n) => sum + n, 0);
    expect(aggregates.quality.derived).toContainEqual({
      entity: 'requisitions',
      column: 'filled_at',
      rows: filled,
      how: 'their closed_at, as their status says filled (no requisitions file has a filled_at column)',
    });
    const headline = aggregates.headlines.find((h) => h.metric === 'requisitionsFilled' && h.scope.kind === 'all')!;
    for (const [month, filled] of filledByMonth()) {
      expect(headline.months.find((c) => c.month === month)?.current.value).toBe(filled);
    }
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from 'd3-array';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { generateSample } from '../scripts/tools/sample/generate.ts';
import { exportLayout } from '../scripts/tools/export-layout.ts';
import { ENTITIES, FIELDS, templateColumns, type Field } from '../scripts/schema/canonical.ts';

const SAMPLE_DIR = fileURLToPath(new URL('../data/sample/', import.meta.url));
const HOUR = 3_600_000;

// Generating takes a couple of seconds: do it once for the whole file.
const sample = generateSample();

type Row = Record<string, string>;
function table(name: string): Row[] {
  const text = sample.get(name);
  if (text === undefined) throw new Error(`the sample has no ${name}`);
  return Papa.parse<Row>(text, { header: true, skipEmptyLines: true }).data;
}
const requisitions = table('requisitions.csv');
const applications = table('applications.csv');
const interviews = table('interviews.csv');
const stageEvents = table('stage_events.csv');

const month = (timestamp: string | undefined) => (timestamp ?? '').slice(0, 7);
const instant = (timestamp: string | undefined) => Date.parse(timestamp ?? '');

/** The first line where two texts differ, to keep a failure message short. */
function firstDifference(expected: string, actual: string): string | undefined {
  if (expected === actual) return undefined;
  const a = expected.split('\n');
  const b = actual.split('\n');
  const line = a.findIndex((text, i) => text !== b[i]);
  return `line ${line + 1}: expected ${JSON.stringify(a[line])}, found ${JSON.stringify(b[line])}`;
}

describe('the shipped sample (data/sample)', () => {
  it('is exactly what generateSample() writes, byte for byte', () => {
    for (const [path, text] of sample) {
      const onDisk = readFileSync(join(SAMPLE_DIR, path));
      expect(firstDifference(text, onDisk.toString('utf8')), path).toBeUndefined();
      expect(onDisk.equals(Buffer.from(text, 'utf8')), path).toBe(true);
    }
    const csvOnDisk = readdirSync(SAMPLE_DIR).filter((name) => name.endsWith('.csv'));
    const retrosOnDisk = readdirSync(join(SAMPLE_DIR, 'retros')).map((name) => `retros/${name}`);
    expect([...csvOnDisk, ...retrosOnDisk].sort()).toEqual([...sample.keys()].sort());
  });

  it('is the same on every call, and another seed gives another sample', () => {
    const again = generateSample();
    expect([...again.keys()]).toEqual([...sample.keys()]);
    for (const [path, text] of sample) expect(again.get(path) === text, path).toBe(true);
    expect(generateSample({ seed: 7 }).get('applications.csv') === sample.get('applications.csv')).toBe(false);
  });

  it('has the canonical headers, LF line endings, no BOM, and fake PII on every application', () => {
    expect(sample.get('requisitions.csv')?.split('\n')[0]).toBe(
      'requisition_id,job_id,job_title,department,location,hiring_manager,recruiter,opened_at,filled_at,closed_at,status',
    );
    expect(sample.get('applications.csv')?.split('\n')[0]).toBe(
      'application_id,candidate_id,candidate_name,candidate_email,candidate_phone,job_id,department,applied_at,source,' +
        'current_stage,status,rejected_at,rejection_reason,rejected_by,hired_at,notes',
    );
    expect(sample.get('interviews.csv')?.split('\n')[0]).toBe(
      'interview_id,application_id,stage,interviewer,interview_at,interview_end_at,feedback_submitted_at,recommendation',
    );
    expect(sample.get('stage_events.csv')?.split('\n')[0]).toBe('application_id,stage,entered_at,exited_at,reason');
    for (const [path, text] of sample) {
      expect(text.includes('\r'), path).toBe(false);
      expect(text.charCodeAt(0) === 0xfeff, path).toBe(false);
      expect(text.endsWith('\n'), path).toBe(true);
    }
    expect(applications.every((a) => /^[a-z]+\.[a-z]+\.\d{4}@example\.(com|org)$/.test(a.candidate_email ?? ''))).toBe(
      true,
    );
    expect(new Set(applications.map((a) => a.candidate_name)).size).toBeGreaterThan(5_000);
    expect(applications.filter((a) => a.notes !== '').length).toBeGreaterThan(applications.length / 2);
  });

  it('has the sizes of a mid-size company over two years', () => {
    expect(requisitions.length).toBeGreaterThanOrEqual(300);
    expect(requisitions.length).toBeLessThanOrEqual(400);
    expect(applications.length).toBeGreaterThanOrEqual(25_000);
    expect(applications.length).toBeLessThanOrEqual(40_000);
    expect(interviews.length).toBeGreaterThanOrEqual(5_000);
    expect(interviews.length).toBeLessThanOrEqual(10_000);
    for (const retro of ['retros/2026-09.md', 'retros/2026-10.md']) {
      const lines = (sample.get(retro) ?? '').split('\n').filter((line) => line !== '');
      expect(lines[0]).toMatch(/^# /);
      expect(lines.length).toBeGreaterThanOrEqual(5);
      expect(lines.length).toBeLessThanOrEqual(12);
    }
  });

  it('ends on 2026-10-30 or 2026-10-31 (the as-of date) and starts in November 2024', () => {
    const timestamps = [
      ...applications.flatMap((a) => [a.applied_at, a.rejected_at, a.hired_at]),
      ...interviews.flatMap((i) => [i.interview_at, i.interview_end_at, i.feedback_submitted_at]),
      ...stageEvents.flatMap((e) => [e.entered_at, e.exited_at]),
      ...requisitions.flatMap((r) => [r.opened_at, r.filled_at, r.closed_at]),
    ].filter((t): t is string => t !== undefined && t !== '');
    const sorted = [...timestamps].sort();
    expect(sorted[0]! >= '2024-11-01').toBe(true);
    expect(sorted.at(-1)!.slice(0, 10)).toMatch(/^2026-10-3[01]$/);
  });

  it('tells the story: the Data team is slow with feedback in March–May 2026, then recovers', () => {
    const departmentOf = new Map(applications.map((a) => [a.application_id, a.department]));
    const dataSlots = interviews.filter((i) => departmentOf.get(i.application_id ?? '') === 'Data');
    const hoursToFeedback = (months: string[]) =>
      dataSlots
        .filter((i) => i.feedback_submitted_at !== '' && months.includes(month(i.interview_at)))
        .map((i) => (instant(i.feedback_submitted_at) - instant(i.interview_end_at)) / HOUR);
    const onTimeShare = (hours: number[]) => hours.filter((h) => h <= 24).length / hours.length;

    const before = hoursToFeedback(['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02']);
    const slump = hoursToFeedback(['2026-03', '2026-04', '2026-05']);
    const after = hoursToFeedback(['2026-07', '2026-08', '2026-09']);
    expect(before.length).toBeGreaterThan(100);
    expect(median(slump)!).toBeGreaterThanOrEqual(2 * median(before)!);
    for (const slumpMonth of ['2026-03', '2026-04', '2026-05']) {
      expect(median(hoursToFeedback([slumpMonth]))!, slumpMonth).toBeGreaterThanOrEqual(2 * median(before)!);
    }
    expect(median(after)!).toBeLessThan(1.5 * median(before)!);
    expect(onTimeShare(before)).toBeGreaterThan(0.8);
    expect(onTimeShare(slump)).toBeLessThan(0.65);
  });

  it('tells the story: withdrawals jump in August 2026, mostly "Accepted another offer"', () => {
    const closed = applications.filter((a) => a.status === 'rejected' || a.status === 'withdrawn');
    const shareByMonth = new Map<string, number>();
    for (const m of new Set(closed.map((a) => month(a.rejected_at)))) {
      const inMonth = closed.filter((a) => month(a.rejected_at) === m);
      shareByMonth.set(m, inMonth.filter((a) => a.status === 'withdrawn').length / inMonth.length);
    }
    const usual = median([...shareByMonth].filter(([m]) => m !== '2026-08').map(([, share]) => share))!;
    const august = shareByMonth.get('2026-08')!;
    expect(august).toBeGreaterThanOrEqual(2 * usual);
    expect(august).toBeLessThanOrEqual(4 * usual);
    const augustWithdrawals = closed.filter((a) => a.status === 'withdrawn' && month(a.rejected_at) === '2026-08');
    const tookOtherOffer = augustWithdrawals.filter((a) => a.rejection_reason === 'Accepted another offer');
    expect(tookOtherOffer.length).toBeGreaterThan(augustWithdrawals.length / 2);
  });

  it('joins: applications to requisitions, interviews and stage events to applications', () => {
    const jobIds = new Set(requisitions.map((r) => r.job_id));
    const applicationIds = new Set(applications.map((a) => a.application_id));
    expect(applicationIds.size).toBe(applications.length);
    expect(applications.filter((a) => !jobIds.has(a.job_id))).toEqual([]);
    expect(interviews.filter((i) => !applicationIds.has(i.application_id))).toEqual([]);
    expect(stageEvents.filter((e) => !applicationIds.has(e.application_id))).toEqual([]);
  });

  it('hires exactly one candidate per filled seat, on the day it was filled, after it opened', () => {
    const hires = applications.filter((a) => a.status === 'hired');
    const filled = requisitions.filter((r) => r.filled_at !== '');
    expect(hires.length).toBe(filled.length);
    const unmatched = [...filled];
    for (const hire of hires) {
      const seat = unmatched.findIndex(
        (r) =>
          r.job_id === hire.job_id && r.filled_at === hire.hired_at?.slice(0, 10) && r.opened_at! <= hire.applied_at!,
      );
      expect(seat, hire.application_id).toBeGreaterThanOrEqual(0);
      unmatched.splice(seat, 1);
    }
    expect(requisitions.filter((r) => r.filled_at !== '' && r.filled_at! < r.opened_at!)).toEqual([]);
  });

  it('keeps every application timeline in order: applied ≤ interviews ≤ decision ≤ export', () => {
    const byId = new Map(applications.map((a) => [a.application_id, a]));
    const end = instant('2026-10-31T23:59:59Z');
    const problems: string[] = [];
    for (const a of applications) {
      const applied = instant(a.applied_at);
      const decided = a.rejected_at || a.hired_at;
      if (decided && !(applied <= instant(decided) && instant(decided) <= end))
        problems.push(`${a.application_id} decided`);
      if ((a.status === 'active') !== !decided) problems.push(`${a.application_id} status ${a.status}`);
    }
    const stageWindow = new Map(stageEvents.map((e) => [`${e.application_id} ${e.stage}`, e]));
    for (const i of interviews) {
      const a = byId.get(i.application_id ?? '');
      const stay = stageWindow.get(`${i.application_id} ${i.stage}`);
      if (!a || !stay) {
        problems.push(`${i.interview_id} has no application or stage`);
        continue;
      }
      const starts = instant(i.interview_at);
      if (
        starts < instant(stay.entered_at) ||
        (stay.exited_at && instant(i.interview_end_at) > instant(stay.exited_at))
      ) {
        problems.push(`${i.interview_id} outside its stage`);
      }
      if (a.rejected_at && instant(a.rejected_at) < starts) problems.push(`${i.interview_id} after the rejection`);
      if (i.feedback_submitted_at && instant(i.feedback_submitted_at) > end)
        problems.push(`${i.interview_id} feedback`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });
});

describe('the generators’ exports (scripts/tools/export-layout.ts)', () => {
  it('have the field tables’ columns, and put each cell under its own field’s column', () => {
    for (const entity of ENTITIES) {
      const layout = exportLayout(entity);
      expect(layout.columns).toEqual(templateColumns(entity));
      // Each field's cell alone: it lands in that field's column, wherever the field sits in the table.
      for (const field of FIELDS[entity] as readonly Field[]) {
        const row = layout.row({ [field.key]: 'here' } as Record<string, string>);
        expect(row.indexOf('here'), field.key).toBe(layout.columns.indexOf(field.column));
        expect(
          row.filter((cell) => cell !== ''),
          field.key,
        ).toEqual(['here']);
      }
    }
  });

  it('place the columns outside the template after their field, leave fields out, and refuse unknown cells', () => {
    const layout = exportLayout('stage_events', {
      leaveOut: ['reason'],
      extra: { applicationId: ['candidate_name'], end: ['notes'] },
    });
    expect(layout.columns).toEqual(['application_id', 'candidate_name', 'stage', 'entered_at', 'exited_at', 'notes']);
    expect(layout.row({ notes: 'n', stage: 's', candidate_name: 'c' })).toEqual(['', 'c', 's', '', '', 'n']);
    expect(() => layout.row({ reason: 'left out' })).toThrow(/"reason" is not a column/);
  });

  it('are the sample’s columns: the template, with the candidate’s details and notes the reader drops', () => {
    const header = (name: string) => Papa.parse<string[]>(sample.get(name)!.split('\n')[0]!).data[0];
    expect(header('requisitions.csv')).toEqual(templateColumns('requisitions'));
    expect(header('interviews.csv')).toEqual(templateColumns('interviews'));
    expect(header('stage_events.csv')).toEqual(templateColumns('stage_events'));
    expect(header('applications.csv')).toEqual([
      'application_id',
      'candidate_id',
      'candidate_name',
      'candidate_email',
      'candidate_phone',
      ...templateColumns('applications').filter((c) => !['application_id', 'candidate_id', 'job_title'].includes(c)),
      'notes',
    ]);
  });
});

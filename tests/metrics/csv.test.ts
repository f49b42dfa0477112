import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { EXPORTS, formatCell, toCsv } from '../../scripts/export/csv.ts';
import { aggregatesSchema } from '../../scripts/schema/aggregates.ts';
import { canonicalTables } from '../../scripts/schema/canonical.ts';
import { computeAggregates } from '../../scripts/metrics/index.ts';
import { config } from './helpers.ts';
import { goldenConfig, goldenQuality, goldenTables } from './goldenFixture.ts';

describe('toCsv', () => {
  it('writes a UTF-8 BOM, a header and CRLF line ends, ending with one', () => {
    expect(toCsv(['a', 'b'], [{ a: 1, b: 'x' }])).toBe('\ufeffa,b\r\n1,x\r\n');
    expect(toCsv(['a', 'b'], [])).toBe('\ufeffa,b\r\n');
  });

  it('quotes per RFC 4180: delimiters, quotes and line breaks', () => {
    expect(toCsv(['a'], [{ a: 'x, "y"\nz' }])).toBe('\ufeffa\r\n"x, ""y""\nz"\r\n');
  });

  it.each(['=1+1', '+1', '-1+2', '@SUM(A1)', '\tx', '\rx', '-x'])(
    'neutralises a leading formula character in %j',
    (text) => {
      const csv = toCsv(['a'], [{ a: text }]);
      const [, cell] = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n' }).data.map((r) => r[0]);
      expect(cell).toBe(`'${text}`);
    },
  );

  it('leaves plain numbers alone, negative ones included', () => {
    expect(toCsv(['change_days', 'n'], [{ change_days: -3.25, n: -2 }])).toBe('\ufeffchange_days,n\r\n-3.3,-2\r\n');
  });

  it('writes days and hours with one decimal, rates with up to four, "." and no thousands separator', () => {
    expect(formatCell('days_to_fill', 0)).toBe('0.0');
    expect(formatCell('median_days', 12345.67)).toBe('12345.7');
    expect(formatCell('p90_hours', 43.2)).toBe('43.2');
    expect(formatCell('share', 2 / 3)).toBe('0.6667');
    expect(formatCell('share', 0.5)).toBe('0.5');
    expect(formatCell('rejections', 1234567)).toBe('1234567');
    expect(formatCell('median_days', -0.01)).toBe('0.0');
  });

  it('writes null as an empty cell, booleans as true/false, dates as YYYY-MM-DD', () => {
    expect(formatCell('median_days', null)).toBe('');
    expect(formatCell('suppressed', true)).toBe('true');
    expect(formatCell('opened_on', new Date('2025-03-04T00:00:00Z'))).toBe('2025-03-04');
  });
});

describe('EXPORTS', () => {
  const spec: Record<string, string[]> = {
    'time-to-fill.csv': [
      'requisition_id',
      'job_title',
      'department',
      'hiring_manager',
      'recruiter',
      'opened_on',
      'filled_on',
      'days_to_fill',
    ],
    'time-to-fill-by-month.csv': ['month', 'department', 'filled', 'median_days', 'p75_days', 'p90_days'],
    'open-requisitions.csv': ['requisition_id', 'job_title', 'department', 'opened_on', 'days_open'],
    'rejections-by-month.csv': [
      'month',
      'department',
      'stage',
      'reason',
      'category',
      'rejected_by',
      'rejections',
      'suppressed',
    ],
    'feedback-by-month.csv': [
      'month',
      'department',
      'stage',
      'slots',
      'submitted',
      'on_time',
      'median_hours',
      'p90_hours',
      'strong_yes',
      'yes',
      'no',
      'strong_no',
      'no_decision',
      'suppressed',
    ],
    'data-quality.csv': ['file', 'line', 'entity', 'column', 'problem', 'action'],
  };

  it.each(Object.entries(spec))("has SPEC.md's %s with exactly its columns", (name, columns) => {
    expect(EXPORTS.find((e) => e.name === name)?.columns).toEqual(columns);
  });

  it('names every export once', () => {
    const names = EXPORTS.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => /^[a-z0-9-]+\.csv$/.test(n))).toBe(true);
  });

  const a = aggregatesSchema.parse(
    computeAggregates({
      tables: canonicalTables(goldenTables),
      quality: goldenQuality,
      config: config(goldenConfig),
      sample: false,
    }),
  );

  it("leaves the 'All' rollups out of feedback-by-month.csv", () => {
    const rows = EXPORTS.find((e) => e.name === 'feedback-by-month.csv')!.rows(a);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.department === 'All' || r.stage === 'All')).toBe(false);
  });

  it("leaves the 'All' rollups out of rejections-by-month.csv, and keeps them in the with-totals file", () => {
    const rows = (name: string) => EXPORTS.find((e) => e.name === name)!.rows(a);
    const isRollup = (r: Record<string, unknown>) => r.department === 'All' || r.stage === 'All';
    expect(a.rejections.byMonth.some(isRollup)).toBe(true);
    expect(rows('rejections-by-month.csv').some(isRollup)).toBe(false);
    expect(rows('rejections-by-month.csv')).toHaveLength(a.rejections.byMonth.filter((r) => !isRollup(r)).length);
    expect(rows('rejections-by-month-with-totals.csv')).toHaveLength(a.rejections.byMonth.length);
  });

  it('writes a headline value in its unit: days and hours with one decimal, rates as fractions', () => {
    const csv = EXPORTS.find((e) => e.name === 'headlines.csv')!;
    const text = toCsv(csv.columns, csv.rows(a));
    // All, March: median days to fill 34.0 (26 and 42), 19.5 the month before: +14.5.
    expect(text).toContain('\r\n2025-03,medianDaysToFill,days,all,All,34.0,2,false,19.5,2,false,,,false,14.5,\r\n');
    // All, March: 3 of 4 due slots submitted.
    expect(text).toContain('\r\n2025-03,feedbackSubmissionRate,rate,all,All,0.75,4,false,');
  });

  it('writes interviewers into feedback-by-person.csv only when the team opted in', () => {
    const csv = EXPORTS.find((e) => e.name === 'feedback-by-person.csv')!;
    const person = { slots: 9, submitted: 9, on_time_rate: 1, median_hours: 2, suppressed: false };
    const byPerson = [
      { ...person, person: 'Hana Moreau', role: 'hiringManager' as const },
      { ...person, person: 'Ivo Interviewer', role: 'interviewer' as const },
    ];
    const withPeople = (showInterviewers: boolean) =>
      csv.rows({
        ...a,
        settings: { ...a.settings, showInterviewers },
        feedback: { ...a.feedback, byPerson },
      });
    // An artifact that holds interviewer rows although the setting is off (a stale or hand-made one): left out.
    expect(withPeople(false).map((r) => [r.role, r.person])).toEqual([['hiring_manager', 'Hana Moreau']]);
    expect(withPeople(true).map((r) => [r.role, r.person])).toEqual([
      ['hiring_manager', 'Hana Moreau'],
      ['interviewer', 'Ivo Interviewer'],
    ]);
  });

  it('writes only declared columns, each row a full line', () => {
    for (const e of EXPORTS) {
      const csv = toCsv(e.columns, e.rows(a));
      const parsed = Papa.parse<string[]>(csv.slice(1).replace(/\r\n$/, ''), { newline: '\r\n' });
      expect(parsed.errors, e.name).toEqual([]);
      expect(parsed.data[0], e.name).toEqual([...e.columns]);
      expect(
        parsed.data.every((row) => row.length === e.columns.length),
        e.name,
      ).toBe(true);
    }
  });
});

describe("the README's data dictionary", () => {
  const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
  const dictionary = readme.slice(
    readme.indexOf('## Data dictionary'),
    readme.indexOf('\n## ', readme.indexOf('## Data dictionary') + 1),
  );

  it.each(EXPORTS.map((e) => [e.name, e] as const))('documents %s and each of its columns', (name, e) => {
    const start = dictionary.indexOf(`### ${name}`);
    expect(start, `no section for ${name}`).toBeGreaterThanOrEqual(0);
    const next = dictionary.indexOf('\n### ', start + 1);
    const section = dictionary.slice(start, next === -1 ? undefined : next);
    for (const column of e.columns) expect(section, `${name}: ${column}`).toContain(`\`${column}\``);
  });
});

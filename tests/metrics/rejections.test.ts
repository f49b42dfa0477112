import { describe, expect, it } from 'vitest';
import { reasonLookup } from '../../scripts/metrics/reasons.ts';
import { ALL } from '../../scripts/schema/aggregates.ts';
import { aggregate, app, headline, req } from './helpers.ts';

const grain = <T extends { department: string; stage: string }>(rows: T[]) =>
  rows.filter((r) => r.department !== ALL && r.stage !== ALL);

describe('reason categories', () => {
  const defaults = reasonLookup({});

  it.each([
    ['Lacking skill(s)/qualification(s)', 'skills'],
    ['Lacking skills', 'skills'],
    ['Lacking qualifications', 'skills'],
    ["Doesn't have required qualifications", 'skills'],
    ['Underqualified', 'skills'],
    ['Not enough experience', 'experience'],
    ["Doesn't have required experience", 'experience'],
    ['Career goals not aligned', 'career goals'],
    ['Not a cultural fit', 'values'],
    ['Culture Fit', 'values'],
    ['Salary expectations too high', 'compensation'],
    ["Didn't like offer", 'compensation'],
    ["Wasn't available", 'logistics'],
    ['Relocation not possible', 'logistics'],
    ["Doesn't match job location", 'logistics'],
    ['Preferred another candidate', 'position filled'],
    ['Position filled', 'position filled'],
    ['Other candidates are more suitable', 'position filled'],
    ["Wasn't interested", 'candidate withdrew'],
    ['Accepted another offer', 'candidate withdrew'],
    ['Withdrew', 'candidate withdrew'],
    ['Not interested', 'candidate withdrew'],
    ['Duplicate', 'other'],
    ['Spam', 'other'],
    ['Other (add notes below)', 'other'],
    ['Other', 'other'],
    ['None specified', 'unspecified'],
    ['', 'unspecified'],
  ])('maps %j to %s', (reason, category) => {
    expect(defaults(reason).category).toBe(category);
    expect(defaults(reason).known).toBe(true);
  });

  it('matches case-insensitively after trimming, folding spaces and curly apostrophes', () => {
    expect(defaults('  NOT ENOUGH   experience ').category).toBe('experience');
    expect(defaults('Wasn’t interested').category).toBe('candidate withdrew');
  });

  it('calls an unknown reason other, and knows it is unknown', () => {
    expect(defaults('Moon in the wrong phase')).toEqual({ category: 'other', known: false });
  });

  it('lets the config override a default, field by field', () => {
    const lookup = reasonLookup({
      'not a cultural fit': { category: 'other' },
      'Comp too high': { category: 'compensation', rejectedBy: 'candidate' },
      "Wasn't interested": { rejectedBy: 'company' },
    });
    expect(lookup('Not a cultural fit')).toEqual({ category: 'other', rejectedBy: 'company', known: true });
    expect(lookup('comp too high')).toEqual({ category: 'compensation', rejectedBy: 'candidate', known: true });
    expect(lookup("Wasn't interested")).toEqual({ category: 'candidate withdrew', rejectedBy: 'company', known: true });
  });
});

describe('rejections', () => {
  const requisitions = [
    req({ id: 'R1', opened: '2025-01-01T00:00:00Z' }),
    req({ id: 'R2', opened: '2025-01-01T00:00:00Z', department: 'Sales', hiringManager: 'Sam Okafor' }),
  ];
  const applied = '2025-01-05T00:00:00Z';

  it('counts rejected and withdrawn applications in the month of rejected_at, at their current stage', () => {
    const a = aggregate(
      {
        requisitions,
        applications: [
          app({
            id: 'A1',
            applied,
            rejected: '2025-02-03T00:00:00Z',
            stage: 'Onsite',
            reason: 'Not enough experience',
          }),
          app({
            id: 'A2',
            applied,
            status: 'withdrawn',
            rejected: '2025-02-04T00:00:00Z',
            stage: 'Onsite',
            reason: 'Accepted another offer',
          }),
          app({ id: 'A3', applied, rejected: '2025-03-01T00:00:00Z', reason: null }),
          // Rejected but undated: cannot be placed in a month; reported in the coverage.
          app({ id: 'A4', applied, status: 'rejected', rejected: null, reason: 'Spam' }),
          // Still active: not a rejection.
          app({ id: 'A5', applied, stage: 'Onsite' }),
        ],
      },
      { privacy: { minGroupSize: 1 } },
    );
    expect(grain(a.rejections.byMonth)).toEqual([
      {
        month: '2025-02',
        department: 'Engineering',
        stage: 'Onsite',
        reason: 'Accepted another offer',
        category: 'candidate withdrew',
        rejected_by: 'candidate',
        rejections: 1,
        suppressed: false,
      },
      {
        month: '2025-02',
        department: 'Engineering',
        stage: 'Onsite',
        reason: 'Not enough experience',
        category: 'experience',
        rejected_by: 'company',
        rejections: 1,
        suppressed: false,
      },
      {
        month: '2025-03',
        department: 'Engineering',
        stage: '(none)',
        reason: '',
        category: 'unspecified',
        rejected_by: 'unknown',
        rejections: 1,
        suppressed: false,
      },
    ]);
    expect(a.coverage.find((c) => c.section === 'rejections')).toEqual({
      section: 'rejections',
      included: 3,
      excluded: [{ reason: 'rejected or withdrawn without a rejection date', rows: 1 }],
    });
  });

  it("takes rejected by from the row, else candidate for a withdrawal, else the reason's default or config, else unknown", () => {
    const rejected = '2025-02-03T00:00:00Z';
    const a = aggregate(
      {
        requisitions,
        applications: [
          // The row says company, although the reason sounds like the candidate: the row wins.
          app({ id: 'A1', applied, rejected, reason: "Wasn't interested", rejectedBy: 'company' }),
          // Withdrawn with a reason that says nothing about who: candidate.
          app({ id: 'A2', applied, status: 'withdrawn', rejected, reason: 'Other' }),
          // The default table says the candidate ended it.
          app({ id: 'A3', applied, rejected, reason: "Wasn't interested" }),
          // The config says so.
          app({ id: 'A4', applied, rejected, reason: 'Comp too high' }),
          // Nobody says.
          app({ id: 'A5', applied, rejected, reason: 'Other' }),
        ],
      },
      {
        privacy: { minGroupSize: 1 },
        reasons: { 'Comp too high': { category: 'compensation', rejectedBy: 'candidate' } },
      },
    );
    const share = (key: string) => a.rejections.byRejectedBy.find((r) => r.department === 'All' && r.key === key);
    // company 1 (A1), candidate 3 (A2, A3, A4), unknown 1 (A5) of 5.
    expect(share('company')).toMatchObject({ rejections: 1, share: 0.2 });
    expect(share('candidate')).toMatchObject({ rejections: 3, share: 0.6 });
    expect(share('unknown')).toMatchObject({ rejections: 1, share: 0.2 });
    expect(headline(a, 'withdrawalShare', '2025-02')!.current).toEqual({ value: 0.6, n: 5, suppressed: false });
  });

  it('reports a reason found in neither table on the data-quality page, with the setting that maps it', () => {
    const a = aggregate({
      requisitions,
      applications: [
        app({ id: 'A1', applied, rejected: '2025-02-03T00:00:00Z', reason: 'Moon in the wrong phase' }),
        app({ id: 'A2', applied, rejected: '2025-02-03T00:00:00Z', reason: 'Moon in the wrong phase' }),
      ],
    });
    expect(a.quality.unmapped).toEqual([
      {
        entity: 'applications',
        column: 'rejection_reason',
        value: 'Moon in the wrong phase',
        rows: 2,
        fix: expect.stringContaining('"reasons": {"Moon in the wrong phase": {"category": '),
      },
    ]);
  });

  it('gives category, rejected-by and stage shares per month and department, and All from the rows', () => {
    // February: Engineering 3 (2 skills, 1 unspecified), Sales 1 (skills). All: skills 3/4, unspecified 1/4.
    const rejected = '2025-02-10T00:00:00Z';
    const a = aggregate(
      {
        requisitions,
        applications: [
          app({ id: 'A1', applied, rejected, reason: 'Lacking skills', stage: 'Onsite' }),
          app({ id: 'A2', applied, rejected, reason: 'Lacking skills', stage: 'Onsite' }),
          app({ id: 'A3', applied, rejected, reason: '', stage: 'Recruiter Screen' }),
          app({ id: 'A4', job: 'R2', applied, rejected, reason: 'Underqualified', stage: 'Onsite' }),
        ],
      },
      { privacy: { minGroupSize: 1 } },
    );
    expect(a.rejections.byCategory.map((r) => [r.department, r.key, r.rejections, r.share])).toEqual([
      ['All', 'skills', 3, 0.75],
      ['All', 'unspecified', 1, 0.25],
      ['Engineering', 'skills', 2, 0.6667],
      ['Engineering', 'unspecified', 1, 0.3333],
      ['Sales', 'skills', 1, 1],
    ]);
    expect(a.rejections.byStage.filter((r) => r.department === 'All').map((r) => [r.key, r.rejections])).toEqual([
      ['Onsite', 3],
      ['Recruiter Screen', 1],
    ]);
    expect(headline(a, 'unspecifiedReasonShare', '2025-02')!.current).toEqual({ value: 0.25, n: 4, suppressed: false });
    expect(headline(a, 'rejections', '2025-02', { kind: 'department', department: 'Sales' })!.current).toEqual({
      value: 1,
      n: 1,
      suppressed: false,
    });
  });

  it("adds 'All' rollups over departments, over stages and over both, counted from the rows", () => {
    const rejected = '2025-02-10T00:00:00Z';
    // February: Engineering Onsite 2 skills, Engineering Recruiter Screen 1 skills, Sales Onsite 1 skills.
    const a = aggregate(
      {
        requisitions,
        applications: [
          app({ id: 'A1', applied, rejected, reason: 'Lacking skills', stage: 'Onsite' }),
          app({ id: 'A2', applied, rejected, reason: 'Lacking skills', stage: 'Onsite' }),
          app({ id: 'A3', applied, rejected, reason: 'Lacking skills', stage: 'Recruiter Screen' }),
          app({ id: 'A4', job: 'R2', applied, rejected, reason: 'Lacking skills', stage: 'Onsite' }),
        ],
      },
      { privacy: { minGroupSize: 1 } },
    );
    expect(a.rejections.byMonth.map((r) => [r.department, r.stage, r.rejections])).toEqual([
      ['All', 'All', 4],
      ['All', 'Onsite', 3],
      ['All', 'Recruiter Screen', 1],
      ['Engineering', 'All', 3],
      ['Engineering', 'Onsite', 2],
      ['Engineering', 'Recruiter Screen', 1],
      ['Sales', 'All', 1],
      ['Sales', 'Onsite', 1],
    ]);
  });

  it('hides a rollup whose hidden parts it would give away: two hidden stages under a total of 2', () => {
    const rejected = '2025-02-10T00:00:00Z';
    const a = aggregate(
      {
        requisitions,
        applications: [
          app({ id: 'A1', applied, rejected, reason: 'Lacking skills', stage: 'Onsite' }),
          app({ id: 'A2', applied, rejected, reason: 'Lacking skills', stage: 'Recruiter Screen' }),
        ],
      },
      { privacy: { minGroupSize: 2 } },
    );
    // Engineering Onsite 1 and Recruiter Screen 1 are hidden (1 < 2). A shown stage-All rollup of 2 would pin
    // both (each hidden count is at least 1: 2 = 1 + 1), so the disclosure audit hides the rollup too.
    expect(a.rejections.byMonth.map((r) => [r.department, r.stage, r.rejections, r.suppressed])).toEqual([
      ['All', 'All', null, true],
      ['All', 'Onsite', null, true],
      ['All', 'Recruiter Screen', null, true],
      ['Engineering', 'All', null, true],
      ['Engineering', 'Onsite', null, true],
      ['Engineering', 'Recruiter Screen', null, true],
    ]);
  });

  it('suppresses a rejection row or share resting on fewer than minGroupSize applications, and its complement', () => {
    const rejected = '2025-02-10T00:00:00Z';
    const apps = (n: number, reason: string, from = 0) =>
      Array.from({ length: n }, (_, k) =>
        app({ id: `${reason}${from + k}`, applied, rejected, reason, stage: 'Onsite' }),
      );
    // Engineering, February, Onsite: 4 experience (< 5: suppressed), 5 skills, 7 values; 16 in all, shown as the
    // month's rejections. 16 − 5 − 7 would give the 4 back, so the next-smallest, skills (5), is hidden too.
    const a = aggregate({
      requisitions,
      applications: [
        ...apps(5, 'Lacking skills'),
        ...apps(4, 'Not enough experience'),
        ...apps(7, 'Not a cultural fit'),
      ],
    });
    expect(
      grain(a.rejections.byMonth).map((r) => [r.reason, r.rejections, r.suppressed, r.complementary ?? false]),
    ).toEqual([
      ['Not enough experience', null, true, false],
      ['Lacking skills', null, true, true],
      ['Not a cultural fit', 7, false, false],
    ]);
    expect(
      a.rejections.byCategory
        .filter((r) => r.department === 'All')
        .map((r) => [r.key, r.rejections, r.share, r.suppressed]),
    ).toEqual([
      ['experience', null, null, true],
      ['skills', null, null, true],
      ['values', 7, 0.4375, false],
    ]);
    expect(headline(a, 'rejections', '2025-02')!.current).toEqual({ value: 16, n: 16, suppressed: false });
  });
});

import { describe, expect, it } from 'vitest';
import { aggregate, app, req, stageEvent } from './helpers.ts';

const requisitions = [req({ id: 'R1', opened: '2024-12-01T00:00:00Z' })];
const applications = [
  app({ id: 'A1', applied: '2025-01-05T00:00:00Z' }),
  app({ id: 'A2', applied: '2025-01-06T00:00:00Z' }),
  app({ id: 'A3', applied: '2025-01-06T00:00:00Z' }),
  app({ id: 'A4', applied: '2025-01-07T00:00:00Z' }),
  app({ id: 'A5', applied: '2025-05-02T00:00:00Z' }),
];
const stageEvents = [
  // A1: the whole way to the onsite, where it still is.
  stageEvent('A1', 'Application Review', '2025-01-05T00:00:00Z', '2025-01-07T00:00:00Z'),
  stageEvent('A1', 'Recruiter Screen', '2025-01-07T00:00:00Z', '2025-01-10T00:00:00Z'),
  stageEvent('A1', 'Hiring Manager Screen', '2025-01-10T00:00:00Z', '2025-01-20T00:00:00Z'),
  stageEvent('A1', 'Onsite', '2025-01-20T00:00:00Z'),
  // A2: out after the recruiter screen.
  stageEvent('A2', 'Application Review', '2025-01-06T00:00:00Z', '2025-01-08T00:00:00Z'),
  stageEvent('A2', 'Recruiter Screen', '2025-01-08T00:00:00Z', '2025-01-12T00:00:00Z'),
  // A3: out at review.
  stageEvent('A3', 'Application Review', '2025-01-06T00:00:00Z', '2025-01-10T00:00:00Z'),
  // A4: a referral that skips the recruiter screen.
  stageEvent('A4', 'Application Review', '2025-01-07T00:00:00Z', '2025-01-08T00:00:00Z'),
  stageEvent('A4', 'Hiring Manager Screen', '2025-01-08T00:00:00Z', '2025-01-09T00:00:00Z'),
  // A5: a recent cohort.
  stageEvent('A5', 'Application Review', '2025-05-02T00:00:00Z'),
];
const settings = { privacy: { minGroupSize: 1 }, asOf: '2025-06-30' };

describe('funnel', () => {
  it('is null when the exports hold no stage events', () => {
    expect(aggregate({ requisitions, applications }).funnel).toBeNull();
  });

  it('orders stages by the median position at which applications first enter them', () => {
    // First-entry positions: Review 0,0,0,0,0 · Recruiter Screen 1,1 · HM Screen 2,1 (median 1.5) · Onsite 3.
    const a = aggregate({ requisitions, applications, stageEvents }, settings);
    expect(a.stages).toEqual(['Application Review', 'Recruiter Screen', 'Hiring Manager Screen', 'Onsite']);
  });

  it('gives reached, pass-through and median days in stage per cohort', () => {
    const a = aggregate({ requisitions, applications, stageEvents }, settings);
    const january = a.funnel!.filter((r) => r.cohort === '2025-01' && r.department === 'All');
    // reached: Review 4 · Recruiter Screen 2 (A1, A2) · HM Screen 2 (A1, A4) · Onsite 1 (A1).
    // pass-through = share that reached any later stage: Review 3/4 (A1, A2, A4) · Recruiter Screen 1/2 (A1)
    //   · HM Screen 1/2 (A1) · Onsite (last) none. A4 skipped the recruiter screen, so reached(HM)/reached(RS)
    //   would be 2/2 although only one of the two recruiter-screened candidates moved on.
    // days in stage (ended stays): Review 2, 2, 4, 1 → median 2 · Recruiter Screen 3, 4 → 3.5
    //   · HM Screen 10, 1 → 5.5 · Onsite none (A1 is still there).
    expect(january.map((r) => [r.stage, r.stage_index, r.reached, r.pass_through, r.median_days_in_stage])).toEqual([
      ['Application Review', 0, 4, 0.75, 2],
      ['Recruiter Screen', 1, 2, 0.5, 3.5],
      ['Hiring Manager Screen', 2, 2, 0.5, 5.5],
      ['Onsite', 3, 1, null, null],
    ]);
  });

  it('labels a cohort younger than 90 days at the as-of date as open', () => {
    // January ended 150 days before 2025-06-30; May ended 30 days before.
    const a = aggregate({ requisitions, applications, stageEvents }, settings);
    expect(a.funnel!.find((r) => r.cohort === '2025-01')!.open).toBe(false);
    expect(a.funnel!.find((r) => r.cohort === '2025-05')!.open).toBe(true);
  });

  it('has rows per department and for All', () => {
    const a = aggregate({ requisitions, applications, stageEvents }, settings);
    expect([...new Set(a.funnel!.map((r) => `${r.cohort} ${r.department}`))]).toEqual([
      '2025-01 All',
      '2025-01 Engineering',
      '2025-05 All',
      '2025-05 Engineering',
    ]);
  });

  it('follows the configured stage order, matched case-insensitively', () => {
    const a = aggregate(
      { requisitions, applications, stageEvents },
      { ...settings, stageOrder: ['Application Review', 'hiring manager screen', 'Recruiter Screen'] },
    );
    // Configured stages first (their spelling), then the others in inferred order.
    expect(a.stages).toEqual(['Application Review', 'hiring manager screen', 'Recruiter Screen', 'Onsite']);
    const january = a.funnel!.filter((r) => r.cohort === '2025-01' && r.department === 'All');
    expect(january.map((r) => [r.stage, r.reached])).toEqual([
      ['Application Review', 4],
      ['hiring manager screen', 2],
      ['Recruiter Screen', 2],
      ['Onsite', 1],
    ]);
  });

  it('suppresses a stage reached by fewer than minGroupSize applications', () => {
    const a = aggregate(
      { requisitions, applications, stageEvents },
      { asOf: '2025-06-30', privacy: { minGroupSize: 3 } },
    );
    const january = a.funnel!.filter((r) => r.cohort === '2025-01' && r.department === 'All');
    // 4 reached the first stage and 0.75 of them went on: 3 applications, the next stage's hidden figure
    // (minus a skip), so the pass-through is hidden with it.
    expect(january.map((r) => [r.reached, r.pass_through, r.suppressed])).toEqual([
      [4, null, false],
      [null, null, true],
      [null, null, true],
      [null, null, true],
    ]);
  });

  it('leaves out stage events of unknown applications and says so', () => {
    const a = aggregate(
      {
        requisitions,
        applications,
        stageEvents: [...stageEvents, stageEvent('GHOST', 'Onsite', '2025-01-01T00:00:00Z')],
      },
      settings,
    );
    expect(a.coverage.find((c) => c.section === 'funnel')).toEqual({
      section: 'funnel',
      included: 5,
      excluded: [{ reason: 'stage event of an application not in the applications export', rows: 1 }],
    });
  });
});

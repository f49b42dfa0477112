/** Sources, offers and each hiring manager's scorecard mix: a month worked out by hand, and what is hidden. */
import { describe, expect, it } from 'vitest';
import { aggregate, app, interview, req, stageEvent } from './helpers.ts';

const HANA = 'Hana ZQXHM9';
const ORDER = ['Application Review', 'Recruiter Screen', 'Offer'];
const applied = '2025-02-03T09:00:00Z';
// February: LinkedIn 10 applications (6 past review, 3 of them to an offer on 3 March, declined on the 15th:
// "Didn't like offer"); Referral 7 (5 past review, all offered on 3 March and hired on the 10th); Agency 2.
const linkedIn = Array.from({ length: 10 }, (_, k) => `L${k}`);
const referral = Array.from({ length: 7 }, (_, k) => `R${k}`);
const agency = ['G0', 'G1'];
const declined = (k: number) => k < 3;
const applications = [
  ...linkedIn.map((id, k) => ({
    ...app({
      id,
      applied,
      stage: declined(k) ? 'Offer' : k < 6 ? 'Recruiter Screen' : 'Application Review',
      status: declined(k) ? ('withdrawn' as const) : 'active',
      rejected: declined(k) ? '2025-03-15T09:00:00Z' : null,
      reason: declined(k) ? "Didn't like offer" : null,
      rejectedBy: declined(k) ? ('candidate' as const) : null,
    }),
    source: 'LinkedIn',
  })),
  ...referral.map((id, k) => ({
    ...app({
      id,
      applied,
      stage: k < 5 ? 'Offer' : 'Application Review',
      hired: k < 5 ? '2025-03-10T09:00:00Z' : null,
    }),
    source: 'Referral',
  })),
  ...agency.map((id) => ({ ...app({ id, applied, stage: 'Application Review' }), source: 'Agency' })),
];
const stageEvents = [
  ...[...linkedIn, ...referral, ...agency].map((id) => stageEvent(id, 'Application Review', applied)),
  ...linkedIn.slice(0, 6).map((id) => stageEvent(id, 'Recruiter Screen', '2025-02-10T09:00:00Z')),
  ...referral.slice(0, 5).map((id) => stageEvent(id, 'Recruiter Screen', '2025-02-10T09:00:00Z')),
  ...[...linkedIn.slice(0, 3), ...referral.slice(0, 5)].map((id) => stageEvent(id, 'Offer', '2025-03-03T09:00:00Z')),
];
// Hana's own scorecards in March: 2 strong yes, 5 yes.
const interviews = Array.from({ length: 7 }, (_, k) =>
  interview({
    id: `I${k}`,
    app: `L${k}`,
    stage: 'Recruiter Screen',
    interviewer: HANA,
    at: '2025-03-04T10:00:00Z',
    end: '2025-03-04T11:00:00Z',
    submitted: '2025-03-04T12:00:00Z',
    recommendation: k < 2 ? 'strong_yes' : 'yes',
  }),
);
const input = {
  requisitions: [req({ id: 'R1', hiringManager: HANA, opened: '2025-01-06T09:00:00Z' })],
  applications,
  stageEvents,
  interviews,
};
const a = aggregate(input, { asOf: '2025-03-31', stageOrder: ORDER });

describe('sources', () => {
  it('counts applications, those past the first stage and hires (in their own month) by source', () => {
    expect(a.sources).toEqual([
      // Agency's 2 are hidden, and Referral's 7 with them: 2 alone would be February's total minus the rest. Its
      // hires (by month of the hire) do not rest on those applications: shown.
      {
        month: '2025-02',
        source: 'Agency',
        applications: null,
        advanced: null,
        hires: 0,
        suppressed: false,
        hidden: ['applications', 'advanced'],
      },
      { month: '2025-02', source: 'LinkedIn', applications: 10, advanced: 6, hires: 0, suppressed: false },
      {
        month: '2025-02',
        source: 'Referral',
        applications: null,
        advanced: 5,
        hires: 0,
        suppressed: false,
        complementary: true,
        hidden: ['applications'],
      },
      // March has hires only: every source has its row, 0s too (a month of one source's row would give it away).
      { month: '2025-03', source: 'Agency', applications: 0, advanced: 0, hires: 0, suppressed: false },
      { month: '2025-03', source: 'LinkedIn', applications: 0, advanced: 0, hires: 0, suppressed: false },
      { month: '2025-03', source: 'Referral', applications: 0, advanced: 0, hires: 5, suppressed: false },
    ]);
  });

  it('is null when no application has a source', () => {
    const none = aggregate({ ...input, applications: applications.map((x) => ({ ...x, source: null })) });
    expect(none.sources).toBeNull();
  });
});

describe('offers', () => {
  it('counts the offers of a quarter and what became of them, hiding the declines as too few', () => {
    // Q1 2025: 8 made, 5 accepted, 3 declined, 0 other. 3 is hidden; with it alone hidden it would be 8 − 5 −
    // 0, so the total goes too (the accepted 5 are the bulk).
    expect(a.offers!.byQuarter).toEqual([
      {
        quarter: '2025-Q1',
        made: null,
        accepted: 5,
        declined: null,
        other: 0,
        suppressed: false,
        complementary: true,
        hidden: ['made', 'declined'],
      },
    ]);
    expect(a.offers!.declines).toEqual({
      fromMonth: '2025-02',
      toMonth: '2025-03',
      declined: null,
      suppressed: true,
      reasons: [{ reason: "Didn't like offer", declines: null, suppressed: true }],
    });
  });

  it('shows the offers accepted however few where they are the quarters’ hires (no hire entered an offer stage)', () => {
    // Without stage events a hire is an offer made and accepted on its hire date: Q1's 5 Referral hires (10
    // March) are 5 offers accepted, and 3 hires on 7 April Q2's 3, made and accepted. Those are hires, published
    // however few (time-to-hire-by-month.csv shows April's 3), so they are not hidden here either.
    const april = ['H0', 'H1', 'H2'].map((id) => ({
      ...app({ id, applied, stage: 'Application Review', hired: '2025-04-07T09:00:00Z' }),
      source: 'Agency',
    }));
    const noEvents = aggregate(
      { ...input, applications: [...applications, ...april], stageEvents: [] },
      { asOf: '2025-04-30', stageOrder: ORDER },
    );
    const hires = noEvents.timeToFill.timeToHireByMonth.find((r) => r.month === '2025-04' && r.department === 'All');
    expect(hires?.hires).toBe(3);
    expect(noEvents.offers!.byQuarter.map((r) => [r.quarter, r.accepted])).toEqual([
      ['2025-Q1', 5],
      ['2025-Q2', 3],
    ]);
    expect(noEvents.disclosure?.unprotected).toBe(0);
  });

  it('shows the declines and their reasons with a threshold of 1', () => {
    const open = aggregate(input, { asOf: '2025-03-31', stageOrder: ORDER, privacy: { minGroupSize: 1 } });
    expect(open.offers!.byQuarter[0]).toMatchObject({ made: 8, accepted: 5, declined: 3, other: 0 });
    expect(open.offers!.declines.reasons).toEqual([{ reason: "Didn't like offer", declines: 3, suppressed: false }]);
  });
});

describe('recommendation mix', () => {
  it("gives each hiring manager's own scorecards by recommendation, the few strong yeses hidden with the yeses", () => {
    // 2 strong yes alone hidden would be 7 − 5: the total may equal their submitted feedback published
    // elsewhere, so it is not what gets hidden; the 5 yeses are.
    expect(a.recommendations).toEqual([
      {
        hiringManager: HANA,
        fromMonth: '2025-02',
        toMonth: '2025-03',
        scorecards: 7,
        strong_yes: null,
        yes: null,
        no: 0,
        strong_no: 0,
        no_decision: 0,
        suppressed: false,
        complementary: true,
        hidden: ['strong_yes', 'yes'],
      },
    ]);
  });
});

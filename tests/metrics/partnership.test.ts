import { describe, expect, it } from 'vitest';
import { partnershipWindow } from '../../scripts/metrics/partnership.ts';
import { aggregate, app, interview, req, stageEvent } from './helpers.ts';

describe('the partnership window', () => {
  it('is the three complete months ending at the latest complete month', () => {
    expect(partnershipWindow('2025-03', '2025-04')).toEqual({ fromMonth: '2025-01', toMonth: '2025-03' });
    expect(partnershipWindow('2025-01', '2025-02')).toEqual({ fromMonth: '2024-11', toMonth: '2025-01' });
    expect(partnershipWindow(null, '2025-02')).toEqual({ fromMonth: '2024-12', toMonth: '2025-02' });
  });
});

describe('partnership view', () => {
  // As of 2025-04-15: the latest complete month is March, the window January–March 2025.
  const requisitions = [
    req({ id: 'R1', opened: '2024-12-01T00:00:00Z', filled: '2025-02-11T00:00:00Z' }), // 72 days, filled in window
    req({ id: 'R2', opened: '2025-01-10T00:00:00Z', recruiter: 'Lee Park' }), // open at the window's end
    req({ id: 'R3', opened: '2024-06-01T00:00:00Z', filled: '2024-10-01T00:00:00Z', recruiter: 'Old Recruiter' }), // before
    req({ id: 'S1', opened: '2025-01-01T00:00:00Z', hiringManager: 'Sam Okafor', department: 'Sales' }),
  ];
  const applied = '2025-01-15T00:00:00Z';
  const ids = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6'];
  const applications = [
    ...ids.map((id, k) =>
      app({
        id,
        job: 'R1',
        applied,
        // P1–P5 rejected in February: reasons '', '', 'Other', 'Lacking skills', 'Lacking skills'.
        ...(k < 5
          ? { rejected: '2025-02-20T00:00:00Z', reason: ['', '', 'Other', 'Lacking skills', 'Lacking skills'][k]! }
          : {}),
      }),
    ),
  ];
  const stageEvents = [
    // All six enter the recruiter screen in January; P1–P3 reach the HM screen; P1 then the onsite.
    ...ids.map((id) => stageEvent(id, 'Recruiter Screen', '2025-01-20T00:00:00Z', '2025-01-25T00:00:00Z')),
    ...['P1', 'P2', 'P3'].map((id) =>
      stageEvent(id, 'Hiring Manager Screen', '2025-01-25T00:00:00Z', '2025-02-01T00:00:00Z'),
    ),
    stageEvent('P1', 'Onsite', '2025-02-01T00:00:00Z'),
  ];
  const interviews = [
    // Hana's own five slots in February: submitted after 2, 4, 6, 30 and 50 hours (3 on time of 5).
    ...[2, 4, 6, 30, 50].map((h, k) =>
      interview({
        id: `H${k}`,
        app: ids[k]!,
        interviewer: 'Hana Moreau',
        stage: 'Hiring Manager Screen',
        at: '2025-02-03T10:00:00Z',
        end: '2025-02-03T11:00:00Z',
        submitted: new Date(Date.parse('2025-02-03T11:00:00Z') + h * 3_600_000).toISOString(),
      }),
    ),
    // Someone else's slot: not Hana's.
    interview({ id: 'X1', app: 'P1', interviewer: 'Ivo Interviewer', at: '2025-02-03T10:00:00Z' }),
  ];
  const input = { requisitions, applications, stageEvents, interviews };

  it('gives a hiring manager their seats, their own feedback, their screens and their rejection reasons', () => {
    const a = aggregate(input, { asOf: '2025-04-15' });
    expect(a.partnerships.find((p) => p.hiringManager === 'Hana Moreau')).toEqual({
      hiringManager: 'Hana Moreau',
      departments: ['Engineering'],
      // R1 and R2 were open during the window; R3 was filled before it.
      recruiters: ['Lee Park', 'Rui Costa'],
      fromMonth: '2025-01',
      toMonth: '2025-03',
      requisitionsOpen: 1,
      requisitionsFilled: 1,
      // A requisition figure: never suppressed, even at n = 1.
      medianDaysToFill: { value: 72, n: 1, suppressed: false },
      // 3 of 5 due slots on time (2, 4, 6 h ≤ 24 h); hours 2, 4, 6, 30, 50 → median 6.
      feedbackOnTimeRate: { value: 0.6, n: 5, suppressed: false },
      medianHoursToFeedback: { value: 6, n: 5, suppressed: false },
      // 3 entered the HM screen in the window; 1 moved on (P1 to the onsite): 1/3, resting on 3 < 5.
      hiringManagerScreenPassThrough: { value: null, n: null, suppressed: true },
      // 6 entered the recruiter screen in the window; 3 reached the HM screen: 3/6.
      recruiterScreenToHiringManagerScreen: { value: 0.5, n: 6, suppressed: false },
      // 5 rejections in the window: '' '' (unspecified), 'Other' (other), 2 × skills → 3/5.
      unspecifiedReasonShare: { value: 0.6, n: 5, suppressed: false },
      // 5 own slots and 6 applications: enough.
      enoughData: true,
      widened: false,
    });
  });

  it("counts in their specificity only the rejections at their stages, not the recruiter's screen", () => {
    // Five more rejections with no reason, at the application review (before the hiring manager's screen).
    const early = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5'].map((id) =>
      app({ id, job: 'R1', applied, stage: 'Application Review', rejected: '2025-02-20T00:00:00Z', reason: '' }),
    );
    const events = [...stageEvents, ...early.map((e) => stageEvent(e.applicationId, 'Application Review', applied))];
    const a = aggregate(
      { ...input, applications: [...applications, ...early], stageEvents: events },
      { asOf: '2025-04-15', stageOrder: ['Application Review', 'Recruiter Screen', 'Hiring Manager Screen', 'Onsite'] },
    );
    // Still 3 of the 5 rejections of unknown stage; the 5 at the application review are not theirs.
    expect(a.partnerships.find((p) => p.hiringManager === 'Hana Moreau')!.unspecifiedReasonShare).toEqual({
      value: 0.6,
      n: 5,
      suppressed: false,
    });
  });

  it('shows the unsuppressed pass-through when suppression is off', () => {
    const a = aggregate(input, { asOf: '2025-04-15', privacy: { minGroupSize: 1 } });
    expect(a.partnerships.find((p) => p.hiringManager === 'Hana Moreau')!.hiringManagerScreenPassThrough).toEqual({
      value: 0.3333,
      n: 3,
      suppressed: false,
    });
  });

  it('marks a hiring manager with too little data as not enough data, with empty figures', () => {
    const a = aggregate(input, { asOf: '2025-04-15' });
    expect(a.partnerships.find((p) => p.hiringManager === 'Sam Okafor')).toMatchObject({
      departments: ['Sales'],
      requisitionsOpen: 1,
      requisitionsFilled: 0,
      medianDaysToFill: { value: null, n: 0, suppressed: false },
      feedbackOnTimeRate: { value: null, n: 0, suppressed: false },
      enoughData: false,
    });
    // Even with suppression off, a small floor keeps a card from being ranked on one or two slots.
    const lenient = aggregate(input, { asOf: '2025-04-15', privacy: { minGroupSize: 1 } });
    expect(lenient.partnerships.find((p) => p.hiringManager === 'Sam Okafor')!.enoughData).toBe(false);
  });

  it('infers the screens from interviews and current stages when there are no stage events', () => {
    const a = aggregate(
      {
        requisitions,
        applications: [
          // B1: screened by the recruiter and the HM, now at the onsite.
          app({ id: 'B1', job: 'R2', applied, stage: 'Onsite', rejected: '2025-02-20T00:00:00Z', reason: 'Other' }),
          // B2: out at the recruiter screen.
          app({
            id: 'B2',
            job: 'R2',
            applied,
            stage: 'Recruiter Screen',
            rejected: '2025-02-03T00:00:00Z',
            reason: 'Spam',
          }),
          // B3: straight to the HM screen (case differs from the other spelling), out there.
          app({
            id: 'B3',
            job: 'R2',
            applied,
            stage: 'Hiring Manager Screen',
            rejected: '2025-02-10T00:00:00Z',
            reason: 'Other',
          }),
        ],
        interviews: [
          interview({ id: 'I1', app: 'B1', stage: 'Recruiter Screen', at: '2025-02-01T10:00:00Z' }),
          interview({ id: 'I2', app: 'B1', stage: 'Hiring Manager Screen', at: '2025-02-05T10:00:00Z' }),
          interview({ id: 'I3', app: 'B2', stage: 'Recruiter Screen', at: '2025-02-02T10:00:00Z' }),
          interview({ id: 'I4', app: 'B3', stage: 'hiring manager screen', at: '2025-02-07T10:00:00Z' }),
        ],
      },
      { asOf: '2025-04-15', privacy: { minGroupSize: 1 } },
    );
    expect(a.funnel).toBeNull();
    // 'hiring manager screen' (B3's interview) and 'Hiring Manager Screen' are one stage, in its usual spelling.
    expect(a.stages).toEqual(['Recruiter Screen', 'Hiring Manager Screen', 'Onsite']);
    const hana = a.partnerships.find((p) => p.hiringManager === 'Hana Moreau')!;
    // Recruiter-screened B1, B2 → B1 reached the HM screen: 1/2. HM-screened B1, B3 → B1 moved on: 1/2.
    expect(hana.recruiterScreenToHiringManagerScreen).toEqual({ value: 0.5, n: 2, suppressed: false });
    expect(hana.hiringManagerScreenPassThrough).toEqual({ value: 0.5, n: 2, suppressed: false });
    // Rejections at their stages: B1 (onsite) Other, B3 (their screen) Other → 2/2 unspecified or other; B2's
    // 'Spam' at the recruiter screen is not theirs.
    expect(hana.unspecifiedReasonShare).toEqual({ value: 1, n: 2, suppressed: false });
  });
});

import { describe, expect, it } from 'vitest';
import { aggregate, app, interview, req } from './helpers.ts';

const requisitions = [
  req({ id: 'R1', opened: '2025-01-01T00:00:00Z' }),
  req({ id: 'R2', opened: '2025-01-01T00:00:00Z', department: 'Sales', hiringManager: 'Sam Okafor' }),
];
const applications = [
  app({ id: 'A1', job: 'R1', applied: '2025-01-02T00:00:00Z' }),
  app({ id: 'A2', job: 'R2', applied: '2025-01-02T00:00:00Z' }),
];
const noSuppression = { privacy: { minGroupSize: 1 } };
const row = (a: ReturnType<typeof aggregate>, month: string, department = 'All', stage = 'All') =>
  a.feedback.byMonth.find((r) => r.month === month && r.department === department && r.stage === stage);

describe('hours to feedback and on time', () => {
  it('measures from the interview end, else the interview start; exactly at the SLA is on time', () => {
    const a = aggregate(
      {
        requisitions,
        applications,
        interviews: [
          // Due at the end (11:00), submitted 24 h later exactly: on time.
          interview({
            id: 'I1',
            at: '2025-03-03T10:00:00Z',
            end: '2025-03-03T11:00:00Z',
            submitted: '2025-03-04T11:00:00Z',
          }),
          // No end: due at the start (10:00), submitted 24 h 1 min later: late.
          interview({ id: 'I2', at: '2025-03-03T10:00:00Z', submitted: '2025-03-04T10:01:00Z' }),
        ],
      },
      noSuppression,
    );
    // Hours 24 and 24.0167: median 24.0083 → 24.0; on time 1 of 2 due slots.
    expect(row(a, '2025-03')).toMatchObject({
      slots: 2,
      due: 2,
      submitted: 2,
      on_time: 1,
      submission_rate: 1,
      on_time_rate: 0.5,
      median_hours: 24,
      suppressed: false,
    });
  });

  it('counts real elapsed hours across a DST change', () => {
    // New York springs forward on 2025-03-09: 20:00 EST → 20:00 EDT the next day is 23 real hours (on time),
    // and falls back on 2025-11-02: 20:00 EDT → 20:00 EST is 25 real hours (late with a 24 h SLA).
    const a = aggregate(
      {
        requisitions,
        applications,
        interviews: [
          interview({
            id: 'I1',
            at: '2025-03-08T19:00:00-05:00',
            end: '2025-03-08T20:00:00-05:00',
            submitted: '2025-03-09T20:00:00-04:00',
          }),
          interview({
            id: 'I2',
            at: '2025-11-01T19:00:00-04:00',
            end: '2025-11-01T20:00:00-04:00',
            submitted: '2025-11-02T20:00:00-05:00',
          }),
        ],
      },
      { ...noSuppression, timezone: 'America/New_York' },
    );
    expect(row(a, '2025-03')).toMatchObject({ median_hours: 23, on_time: 1 });
    expect(row(a, '2025-11')).toMatchObject({ median_hours: 25, on_time: 0 });
  });

  it('counts a slot in the month of interview_at in the configured timezone', () => {
    // 2025-01-31T23:30-05:00 is 1 February in UTC.
    const interviews = [
      interview({ id: 'I1', at: '2025-01-31T23:30:00-05:00', submitted: '2025-02-01T09:00:00-05:00' }),
    ];
    const ny = aggregate(
      { requisitions, applications, interviews },
      { ...noSuppression, timezone: 'America/New_York' },
    );
    expect(row(ny, '2025-01')).toMatchObject({ slots: 1 });
    expect(row(ny, '2025-02')).toMatchObject({ slots: 0 });
    const utc = aggregate({ requisitions, applications, interviews }, noSuppression);
    expect(row(utc, '2025-02')).toMatchObject({ slots: 1 });
  });

  it('honours the configured SLA', () => {
    const interviews = [interview({ id: 'I1', at: '2025-03-03T10:00:00Z', submitted: '2025-03-05T10:00:00Z' })];
    expect(row(aggregate({ requisitions, applications, interviews }, noSuppression), '2025-03')!.on_time).toBe(0);
    expect(
      row(aggregate({ requisitions, applications, interviews }, { ...noSuppression, feedbackSlaHours: 48 }), '2025-03')!
        .on_time,
    ).toBe(1);
  });

  it('counts feedback submitted 2 h before the interview ended as 0 hours, and on time', () => {
    const a = aggregate(
      {
        requisitions,
        applications,
        interviews: [
          // Ends 12:00, form submitted 10:00 (pre-filled during the interview): −2 h → 0 h, on time.
          interview({
            id: 'I1',
            at: '2025-03-03T09:00:00Z',
            end: '2025-03-03T12:00:00Z',
            submitted: '2025-03-03T10:00:00Z',
          }),
        ],
      },
      noSuppression,
    );
    expect(row(a, '2025-03')).toMatchObject({
      submitted: 1,
      on_time: 1,
      on_time_rate: 1,
      median_hours: 0,
      p90_hours: 0,
    });
    // The headline and the definitions say the same.
    const median = a.headlines.find((s) => s.metric === 'medianHoursToFeedback' && s.scope.kind === 'all')!;
    expect(median.months.find((c) => c.month === '2025-03')!.current).toEqual({ value: 0, n: 1, suppressed: false });
    const definition = (id: string) => a.definitions.find((d) => d.id === id)!.text;
    expect(definition('hoursToFeedback')).toMatch(/before it was due .* counts as 0 hours, and so as on time/);
    expect(definition('medianHoursToFeedback')).toMatch(/before the interview ended counts as 0 hours/);
  });

  it('keeps a pre-filled form from pulling the median below zero: −2 h, 4 h, 10 h → 0, 4, 10, median 4.0', () => {
    const slot = (id: string, submitted: string) =>
      interview({ id, at: '2025-03-03T09:00:00Z', end: '2025-03-03T12:00:00Z', submitted });
    const a = aggregate(
      {
        requisitions,
        applications,
        interviews: [
          slot('I1', '2025-03-03T10:00:00Z'),
          slot('I2', '2025-03-03T16:00:00Z'),
          slot('I3', '2025-03-03T22:00:00Z'),
        ],
      },
      noSuppression,
    );
    // p90 = 4 + 0.8·(10 − 4) = 8.8
    expect(row(a, '2025-03')).toMatchObject({ median_hours: 4, p90_hours: 8.8, on_time: 3 });
  });
});

describe('submission rate', () => {
  it('divides the submission rate by the slots due, and the on-time rate by the slots whose SLA window has closed', () => {
    const a = aggregate(
      {
        requisitions,
        applications,
        interviews: [
          // Due 21:00 on the as-of date, not submitted: due (counts against the submission rate), but still
          // inside its 24 h window at the end of the as-of date, so not yet late.
          interview({ id: 'S1', at: '2025-03-10T20:00:00Z', end: '2025-03-10T21:00:00Z' }),
          // Ends after midnight: not due yet at the end of the as-of date.
          interview({ id: 'S2', at: '2025-03-10T23:00:00Z', end: '2025-03-11T00:30:00Z' }),
          // Submitted 4 h after its end: on time.
          interview({
            id: 'S3',
            at: '2025-03-05T10:00:00Z',
            end: '2025-03-05T11:00:00Z',
            submitted: '2025-03-05T15:00:00Z',
          }),
          // After the as-of date: not an interview yet.
          interview({ id: 'S4', at: '2025-03-12T10:00:00Z' }),
          // Due 2025-03-08 11:00, never submitted: its window closed 2025-03-09 11:00, before the as-of date ended.
          interview({ id: 'S5', at: '2025-03-08T10:00:00Z', end: '2025-03-08T11:00:00Z' }),
        ],
      },
      { ...noSuppression, asOf: '2025-03-10' },
    );
    // slots 4 (S1, S2, S3, S5); due 3 (S1, S3, S5), submitted 1 → submission rate 1/3 = 0.3333;
    // settled 2 (S3 submitted, S5 late), on time 1 (S3) → on-time rate 1/2.
    expect(row(a, '2025-03')).toMatchObject({
      slots: 4,
      due: 3,
      submitted: 1,
      on_time: 1,
      submission_rate: 0.3333,
      on_time_rate: 0.5,
      median_hours: 4,
      p90_hours: 4,
    });
    expect(a.coverage.find((c) => c.section === 'feedback')).toEqual({
      section: 'feedback',
      included: 4,
      excluded: [{ reason: 'interview after the as-of date', rows: 1 }],
    });
  });
});

describe('feedback by month', () => {
  const a = aggregate(
    {
      requisitions,
      applications,
      interviews: [
        interview({
          id: 'I1',
          app: 'A1',
          stage: 'Onsite',
          at: '2025-03-03T10:00:00Z',
          submitted: '2025-03-03T12:00:00Z',
          recommendation: 'yes',
        }),
        interview({
          id: 'I2',
          app: 'A1',
          stage: 'Onsite',
          at: '2025-03-03T10:00:00Z',
          submitted: '2025-03-03T14:00:00Z',
          recommendation: 'strong_yes',
        }),
        interview({
          id: 'I3',
          app: 'A1',
          stage: 'Hiring Manager Screen',
          at: '2025-03-04T10:00:00Z',
          submitted: '2025-03-04T16:00:00Z',
          recommendation: 'no',
        }),
        interview({ id: 'I4', app: 'A2', stage: 'Onsite', at: '2025-03-05T10:00:00Z', recommendation: null }),
        interview({
          id: 'I5',
          app: 'A2',
          stage: null,
          at: '2025-03-05T10:00:00Z',
          submitted: '2025-03-05T20:00:00Z',
          recommendation: 'no_decision',
        }),
      ],
    },
    { ...noSuppression, asOf: '2025-03-31' },
  );

  it('has month × department × stage rows and rollups over departments, stages and both', () => {
    expect(
      a.feedback.byMonth.filter((r) => r.month === '2025-03').map((r) => [r.department, r.stage, r.slots]),
    ).toEqual([
      ['All', 'All', 5],
      ['All', '(none)', 1],
      ['All', 'Hiring Manager Screen', 1],
      ['All', 'Onsite', 3],
      ['Engineering', 'All', 3],
      ['Engineering', 'Hiring Manager Screen', 1],
      ['Engineering', 'Onsite', 2],
      ['Sales', 'All', 2],
      ['Sales', '(none)', 1],
      ['Sales', 'Onsite', 1],
    ]);
  });

  it('counts recommendations and pools hours in the rollup', () => {
    // Hours 2, 4, 6, 10 → median 5, p90 = 6 + 0.7·4 = 8.8.
    expect(row(a, '2025-03')).toMatchObject({
      slots: 5,
      submitted: 4,
      strong_yes: 1,
      yes: 1,
      no: 1,
      strong_no: 0,
      no_decision: 1,
      median_hours: 5,
      p90_hours: 8.8,
      submission_rate: 0.8,
    });
  });
});

describe('feedback by person', () => {
  const interviews = [
    // Hana is the hiring manager of R1: her slot on A1 (name spelled differently) is hers.
    interview({
      id: 'I1',
      app: 'A1',
      interviewer: ' hana  MOREAU',
      at: '2025-03-03T10:00:00Z',
      submitted: '2025-03-03T13:00:00Z',
    }),
    // Hana interviewing for Sam's requisition R2 is not a hiring-manager slot.
    interview({
      id: 'I2',
      app: 'A2',
      interviewer: 'Hana Moreau',
      at: '2025-03-03T10:00:00Z',
      submitted: '2025-03-03T20:00:00Z',
    }),
    interview({
      id: 'I3',
      app: 'A1',
      interviewer: 'Ivo Interviewer',
      at: '2025-03-03T10:00:00Z',
      submitted: '2025-03-05T10:00:00Z',
    }),
  ];

  it('gives each hiring manager their own slots as an interviewer on their requisitions', () => {
    const a = aggregate({ requisitions, applications, interviews }, noSuppression);
    expect(a.feedback.byPerson).toEqual([
      {
        person: 'Hana Moreau',
        role: 'hiringManager',
        slots: 1,
        submitted: 1,
        sla_settled: 1,
        on_time_rate: 1,
        median_hours: 3,
        suppressed: false,
      },
    ]);
  });

  it('leaves every interviewer name out of the artifact unless showInterviewers is on', () => {
    const off = aggregate({ requisitions, applications, interviews }, noSuppression);
    expect(JSON.stringify(off)).not.toContain('Ivo Interviewer');
    expect(JSON.stringify(off)).not.toContain('hana  MOREAU');
    expect(off.feedback.byPerson.some((r) => r.role === 'interviewer')).toBe(false);

    const on = aggregate(
      { requisitions, applications, interviews },
      { privacy: { minGroupSize: 1, showInterviewers: true } },
    );
    expect(on.feedback.byPerson.filter((r) => r.role === 'interviewer').map((r) => [r.person, r.slots])).toEqual([
      ['Hana Moreau', 1],
      ['Ivo Interviewer', 1],
      ['hana  MOREAU', 1],
    ]);
  });
});

describe('outstanding feedback', () => {
  it('buckets unsubmitted slots by the time since they fell due, at the end of the as-of date', () => {
    // The as-of date 2025-03-10 ends at 2025-03-11T00:00Z.
    const a = aggregate(
      {
        requisitions,
        applications,
        interviews: [
          interview({ id: 'I1', app: 'A1', at: '2025-03-10T12:00:00Z' }), // 0.5 d → 0–1 d
          interview({ id: 'I2', app: 'A1', at: '2025-03-09T12:00:00Z' }), // 1.5 d → 1–3 d
          interview({ id: 'I3', app: 'A1', at: '2025-03-08T00:00:00Z' }), // exactly 3 d → 3–7 d
          interview({ id: 'I4', app: 'A2', at: '2025-01-01T00:00:00Z' }), // 69 d → 30+ d
          interview({ id: 'I5', app: 'A2', at: '2025-03-01T00:00:00Z', submitted: '2025-03-09T00:00:00Z' }), // submitted
        ],
      },
      { ...noSuppression, asOf: '2025-03-10' },
    );
    expect(a.feedback.outstanding.filter((r) => r.department === 'All').map((r) => [r.bucket, r.slots])).toEqual([
      ['0–1 d', 1],
      ['1–3 d', 1],
      ['3–7 d', 1],
      ['7–30 d', 0],
      ['30+ d', 1],
    ]);
    expect(a.feedback.outstanding.filter((r) => r.department === 'Sales').map((r) => r.slots)).toEqual([0, 0, 0, 0, 1]);
  });
});

describe('feedback suppression', () => {
  const slots = (n: number) =>
    Array.from({ length: n }, (_, k) =>
      interview({ id: `I${k}`, app: 'A1', at: '2025-03-03T10:00:00Z', submitted: '2025-03-03T12:00:00Z' }),
    );

  it('suppresses a row resting on minGroupSize − 1 slots and shows one resting on minGroupSize', () => {
    const four = aggregate({ requisitions, applications, interviews: slots(4) }, { privacy: { minGroupSize: 5 } });
    expect(row(four, '2025-03')).toEqual({
      month: '2025-03',
      department: 'All',
      stage: 'All',
      slots: null,
      due: null,
      submitted: null,
      on_time: null,
      submission_rate: null,
      on_time_rate: null,
      median_hours: null,
      p90_hours: null,
      strong_yes: null,
      yes: null,
      no: null,
      strong_no: null,
      no_decision: null,
      sla_settled: null,
      suppressed: true,
    });
    const five = aggregate({ requisitions, applications, interviews: slots(5) }, { privacy: { minGroupSize: 5 } });
    expect(row(five, '2025-03')).toMatchObject({ slots: 5, submitted: 5, median_hours: 2, suppressed: false });
  });

  it('minGroupSize 1 turns suppression off', () => {
    const one = aggregate({ requisitions, applications, interviews: slots(1) }, { privacy: { minGroupSize: 1 } });
    expect(row(one, '2025-03')).toMatchObject({ slots: 1, suppressed: false });
  });
});
